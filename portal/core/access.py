"""Who may read what: the OSPOD staff group, staff-only page privacy and private collections."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from portal.core.visibility import visible

STAFF_GROUP_NAME = "Pracovníci OSPOD"
STAFF_COLLECTION_NAME = "Pouze pro pracovníky OSPOD"


def staff_group():
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    return group


def is_staff_reader(user):
    """True for a logged-in superuser or member of the OSPOD staff group.

    The same rule as Wagtail's group view restrictions, so that search and listings never
    show a logged-in user a title whose page would then refuse them.
    """
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_is_staff_reader", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=STAFF_GROUP_NAME).exists()
        user._is_staff_reader = cached
    return cached


def visible_pages(queryset, user):
    """The live pages of queryset this user may read: public ones, and staff-only for staff."""
    return visible(queryset, staff=is_staff_reader(user))


def page_is_staff_only(page, parent=None, values=None):
    """True if the page is readable by OSPOD staff only once the submitted `values` are saved.

    A page with an `audience` field (methodologies) is restricted on publish exactly when its
    audience is staff; any page is staff-only under an ancestor restricted to the staff group.
    """
    values = values or {}
    audience = values.get("audience", getattr(page, "audience", None))
    if audience == "staff":
        return True
    anchor = page if page.pk else parent
    if anchor is None:
        return False
    # A page with an audience field has its own restriction replaced on publish.
    pages = anchor.get_ancestors(inclusive=audience is None or not page.pk)
    return PageViewRestriction.objects.filter(
        page__in=pages, restriction_type=PageViewRestriction.GROUPS, groups=staff_group()
    ).exists()


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


def restrict_collection_to_staff(collection):
    """Documents of the collection (and its children) download for OSPOD staff only."""
    group = staff_group()
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS, groups=group
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    return collection


def private_child_collection(parent, name):
    """The staff-only child collection `name` of parent, created and restricted if needed."""
    existing = parent.get_children().filter(name=name).first()
    return restrict_collection_to_staff(existing or parent.add_child(name=name))


def staff_collection():
    """The portal-wide private collection for staff-only documents."""
    return private_child_collection(Collection.get_first_root_node(), STAFF_COLLECTION_NAME)


def collection_is_staff_only(collection):
    """True if the collection or one of its ancestors is restricted to the staff group."""
    return CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True),
        restriction_type=CollectionViewRestriction.GROUPS,
        groups=staff_group(),
    ).exists()
