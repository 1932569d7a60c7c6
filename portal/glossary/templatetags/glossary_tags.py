from django import template
from django.utils.safestring import mark_safe

from portal.glossary.markup import mark_first_uses
from portal.glossary.models import GlossaryPage, GlossaryTermPage
from portal.glossary.terms import current_matcher

register = template.Library()


@register.simple_tag(takes_context=True)
def glossary_terms(context, html):
    """Rich-text HTML with the first use of each glossary term on the page marked.

    The terms already marked are kept on the request, so later blocks of the same page
    leave them alone.
    """
    request = context.get("request")
    if request is None or isinstance(context.get("page"), GlossaryPage | GlossaryTermPage):
        return html
    used = request.__dict__.setdefault("_glossary_terms_used", set())
    marked = mark_first_uses(str(html), current_matcher(), used)
    return mark_safe(marked)  # noqa: S308 # nosec B308 B703 # rendered rich text, definitions escaped
