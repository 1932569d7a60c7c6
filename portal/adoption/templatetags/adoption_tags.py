from django import template

from portal.adoption.summary import adoption_summary

register = template.Library()


@register.inclusion_tag("adoption/panel.html")
def adoption_panel(page):
    """Where a tool or methodology is in use: count, tile map, its table, experiences."""
    return {"page": page, "adoption": adoption_summary(page)}
