"""Who may find staff-only material: the same people who may open it (see portal.access)."""

from portal.core.access import is_staff_reader


def sees_staff_material(user):
    """True for a logged-in member of the OSPOD staff group or a superuser."""
    return is_staff_reader(user)
