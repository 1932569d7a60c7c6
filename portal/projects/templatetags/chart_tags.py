"""Indicator charts as small server-rendered SVGs (no script, no style attribute).

Each chart is a role="img" with a Czech label saying the same numbers, and the tables next
to it stay the full text equivalent. Colours and fonts come from classes in portal.css.
"""

from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from portal.core.templatetags.portal_tags import czech_number, signed_percent

register = template.Library()

WIDTH, LABEL_W, VALUE_W, ROW_H, BAR_H = 340, 78, 90, 26, 16
BAR_MAX = WIDTH - LABEL_W - VALUE_W


def _with_unit(value, unit):
    text = czech_number(value)
    return f"{text}\u00a0{unit}" if unit else text


def _bars(rows, scale, marker=None):
    """rows: [(label, value, text, css class)]; marker: (value, label) drawn as a line."""
    height = ROW_H * len(rows) + (14 if marker else 4)
    parts = []
    for index, (label, value, text, css) in enumerate(rows):
        y = 4 + index * ROW_H
        width = 0 if not scale else max(2, float(value / scale) * BAR_MAX)
        parts.append(
            format_html(
                '<text class="chart__label" x="0" y="{}">{}</text>'
                '<rect class="chart__bar {}" x="{}" y="{}" width="{}" height="{}" rx="2"/>'
                '<text class="chart__value" x="{}" y="{}">{}</text>',
                y + 12,
                label,
                css,
                LABEL_W,
                y,
                f"{width:.1f}",
                BAR_H,
                f"{LABEL_W + width + 6:.1f}",
                y + 12,
                text,
            )
        )
    if marker:
        x = LABEL_W + float(marker[0] / scale) * BAR_MAX if scale else LABEL_W
        parts.append(
            format_html(
                '<line class="chart__target" x1="{}" x2="{}" y1="0" y2="{}"/>'
                '<text class="chart__target-label{}" x="{}" y="{}">{}</text>',
                f"{x:.1f}",
                f"{x:.1f}",
                height - 12,
                " chart__target-label--end" if x > WIDTH / 2 else "",
                f"{x:.1f}",
                height - 2,
                marker[1],
            )
        )
    return height, format_html_join("", "{}", ((part,) for part in parts))


def _svg(label, height, body):
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" focusable="false">'
        "{}</svg>",
        WIDTH,
        height,
        label,
        body,
    )


@register.simple_tag
def before_after_chart(result):
    """Two bars, before and after, for a ResultIndicator with both values."""
    if not result.has_pair:
        return ""
    before, after = Decimal(result.value_before), Decimal(result.value_after)
    scale = max(abs(before), abs(after))
    before_text, after_text = _with_unit(before, result.unit), _with_unit(after, result.unit)
    rows = [
        (_("před"), abs(before), before_text, "chart__bar--before"),
        (_("po"), abs(after), after_text, "chart__bar--after"),
    ]
    height, body = _bars(rows, scale)
    change = result.percent_change
    label = _("%(label)s: před %(before)s, po %(after)s") % {
        "label": result.label,
        "before": before_text,
        "after": after_text,
    }
    if change is not None:
        label += _(", změna %(change)s") % {"change": signed_percent(change)}
    return _svg(label, height, body)


@register.simple_tag
def target_chart(indicator):
    """The achieved value as a bar against the planned value as a marked line."""
    if indicator.achieved_value is None:
        return ""
    planned, achieved = Decimal(indicator.planned_value), Decimal(indicator.achieved_value)
    scale = max(planned, achieved) or Decimal(1)
    planned_text = _with_unit(planned, indicator.unit)
    achieved_text = _with_unit(achieved, indicator.unit)
    css = "chart__bar--met" if indicator.is_met else "chart__bar--unmet"
    height, body = _bars(
        [(_("dosaženo"), achieved, achieved_text, css)],
        scale,
        marker=(planned, _("plán %(planned)s") % {"planned": planned_text}),
    )
    verdict = _("splněno") if indicator.is_met else _("nesplněno")
    label = _("%(label)s: plán %(planned)s, dosaženo %(achieved)s (%(verdict)s)") % {
        "label": indicator.label,
        "planned": planned_text,
        "achieved": achieved_text,
        "verdict": verdict,
    }
    return _svg(label, height + 4, body)
