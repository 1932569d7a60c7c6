"""The e-mail to reviewers about a new suggestion (title, kind, where to review it)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.roles import REVIEWER_GROUP_NAME

logger = logging.getLogger(__name__)


def reviewer_addresses():
    users = (
        get_user_model()
        .objects.filter(groups__name=REVIEWER_GROUP_NAME, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def notify_reviewers(suggestion):
    """Sent after the suggestion is stored; a mail failure never loses the suggestion."""
    recipients = reviewer_addresses()
    if not recipients:
        return
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_suggestions_suggestion:edit", args=[suggestion.pk]
    )
    subject = _("Nový návrh z praxe: %(title)s") % {"title": suggestion.title[:80]}
    body = _(
        "Na portál přišel nový návrh z praxe.\n\nDruh: %(kind)s\nNázev: %(title)s\n\n"
        "Posoudit ho můžete v administraci:\n%(url)s\n"
    ) % {"kind": suggestion.get_kind_display(), "title": suggestion.title, "url": edit_url}
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        logger.exception("The reviewers were not told of suggestion %s", suggestion.pk)
