"""Signed links: the confirmation (it carries the whole request and expires), and the
links in every message to change the choices and to unsubscribe (valid while the
subscription exists: they name its id and address)."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "portal.alerts.confirm"
MANAGE_SALT = "portal.alerts.manage"
UNSUBSCRIBE_SALT = "portal.alerts.unsubscribe"
DEFAULT_CONFIRM_MAX_AGE = 2 * 24 * 3600


def confirm_max_age():
    return getattr(settings, "PORTAL_ALERTS_CONFIRM_MAX_AGE", DEFAULT_CONFIRM_MAX_AGE)


def confirmation_token(email, choices):
    return signing.dumps({"e": email, "c": choices}, salt=CONFIRM_SALT, compress=True)


def read_confirmation(token):
    """(email, choices), or None when the link is damaged or expired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
        return str(data["e"]), dict(data["c"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def subscription_token(subscription, salt):
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=salt)


def read_subscription_token(token, salt, queryset):
    """The subscription the link names, or None (damaged link, or unsubscribed since)."""
    try:
        data = signing.loads(token, salt=salt)
        return queryset.filter(pk=int(data["s"]), email=str(data["e"])).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
