"""Who may find staff-only material: OSPOD staff, administrators and editors."""

from portal.access import STAFF_GROUP_NAME


def sees_staff_material(user):
    """True for a logged-in member of the OSPOD staff group, a superuser or a Wagtail user."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_sees_staff_material", None)
    if cached is None:
        cached = (
            user.is_superuser
            or user.has_perm("wagtailadmin.access_admin")
            or user.groups.filter(name=STAFF_GROUP_NAME).exists()
        )
        user._sees_staff_material = cached
    return cached
