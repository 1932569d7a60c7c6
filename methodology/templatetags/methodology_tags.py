from django import template

from portal.core.access import visible_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def compare_choices(context, page):
    """The other pages of the page's type the reader may compare it with, by title."""
    request = context.get("request")
    user = getattr(request, "user", None)
    queryset = type(page).objects.exclude(pk=page.pk).order_by("title").only("pk", "title")
    return list(visible_pages(queryset, user))
