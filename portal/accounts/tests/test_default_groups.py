"""setup_roles removes Wagtail's default groups, which publish anywhere and use every collection."""

from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from portal.accounts.roles import setup_roles

DEFAULT_GROUPS = ["Moderators", "Editors"]


class DefaultGroupsTest(TestCase):
    def test_wagtails_default_groups_are_gone_after_setup_roles(self):
        # Wagtail's own migrations create them, with publish rights on the root page.
        self.assertEqual(Group.objects.filter(name__in=DEFAULT_GROUPS).count(), 2)
        setup_roles()
        self.assertFalse(Group.objects.filter(name__in=DEFAULT_GROUPS).exists())
        self.assertFalse(GroupPagePermission.objects.filter(group__name__in=DEFAULT_GROUPS))
        self.assertFalse(
            GroupCollectionPermission.objects.filter(group__name__in=DEFAULT_GROUPS).exists()
        )
        self.assertTrue(Group.objects.filter(name="Recenzenti").exists())
