"""The messages: Czech plain text with an HTML alternative, plain links, no images.

Every alert carries RFC 8058 one-click unsubscribe headers and, in its text, the links to
change the choices and to unsubscribe.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.alerts import tokens
from portal.search.kinds import kind_label

SNIPPET_LENGTH = 300


def site_root():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path):
    return path if path.startswith(("http://", "https://")) else site_root() + path


def _message(subject, template, context, to, headers=None):
    context = {"site_url": site_root(), **context}
    text = render_to_string(f"alerts/email/{template}.txt", context)
    html = render_to_string(f"alerts/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(email, choices):
    token = tokens.confirmation_token(email, choices)
    context = {
        "confirm_url": absolute(reverse("alerts:confirm", args=[token])),
        "hours": tokens.confirm_max_age() // 3600,
    }
    return _message(_("Potvrďte odběr novinek z portálu"), "confirm", context, email)


def subscription_links(subscription):
    manage = tokens.subscription_token(subscription, tokens.MANAGE_SALT)
    leave = tokens.subscription_token(subscription, tokens.UNSUBSCRIBE_SALT)
    return {
        "manage_url": absolute(reverse("alerts:manage", args=[manage])),
        "unsubscribe_url": absolute(reverse("alerts:unsubscribe", args=[leave])),
    }


def alert_item(entry):
    text = " ".join(entry.plain_text.split())
    if len(text) > SNIPPET_LENGTH:
        text = text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"
    return {
        "title": entry.title,
        "url": absolute(entry.url),
        "type": kind_label(entry.kind),
        "date": entry.date,
        "snippet": text,
    }


def alert_message(subscription, entries):
    links = subscription_links(subscription)
    context = {"items": [alert_item(entry) for entry in entries], **links}
    if len(entries) == 1:
        subject = _("Nové na portálu: %(title)s") % {"title": entries[0].title}
    else:
        subject = _("Nové na portálu: %(count)d položek") % {"count": len(entries)}
    headers = {
        "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return _message(subject, "alert", context, subscription.email, headers)
