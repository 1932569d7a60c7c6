"""Who may read what: the OSPOD staff group and staff-only page privacy."""

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

STAFF_GROUP_NAME = "Pracovníci OSPOD"


def staff_group():
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    return group


def sync_staff_restriction(page, staff_only):
    """Restrict the page to OSPOD staff, or lift that restriction, to match `staff_only`."""
    group = staff_group()
    ours = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS, groups=group
    )
    if staff_only and not ours.exists():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    elif not staff_only:
        ours.delete()
