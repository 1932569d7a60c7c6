"""The message a reviewer reads after approving a page in the editor.

Wagtail confirms every save of the edit form, an approval included, with "Stránka … byla
aktualizována", so a reviewer whose approval has just published the page is told it was
merely updated. This replaces that confirmation with what happened.
"""

import html

from django.contrib import messages
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import Page


def approval_message(page):
    title = page.get_admin_display_title()
    if page.live and not page.has_unpublished_changes:
        return f"Schváleno a zveřejněno: stránka „{title}“ je na webu."
    if page.current_workflow_state:
        return f"Schváleno: stránka „{title}“ pokračuje dalším krokem schvalování."
    return f"Schváleno: stránka „{title}“ se zveřejní v naplánovaný čas."


def say_what_the_approval_did(request, page):
    """`after_edit_page` hook: on an approval, the save confirmation says what happened."""
    if request.POST.get("workflow-action-name") != "approve":
        return
    page = Page.objects.get(pk=page.pk)
    updated = gettext("Page '%(page_title)s' has been updated.") % {
        "page_title": page.get_admin_display_title()
    }
    # Reading the queued messages consumes them; each goes back, the confirmation reworded.
    for message in list(messages.get_messages(request)):
        said = html.unescape(strip_tags(str(message.message))).strip()
        text = approval_message(page) if said == updated else message.message
        messages.add_message(request, message.level, text, extra_tags=message.extra_tags)
