"""Marks the first use of each glossary term in rendered HTML as an inline definition.

The definition opens in a popover from a button, which browsers do without JavaScript;
both are phrasing content, so a paragraph stays one valid paragraph. Text inside links,
headings, buttons and earlier definitions is left as it is.
"""

import re

from django.utils.html import escape
from django.utils.translation import gettext

TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
UNTOUCHED = {
    "a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "label", "pre",
    "script", "style", "summary", "textarea",
}  # fmt: skip
ID_PREFIX = "pojem-"


def definition_html(text, term):
    """The button with the text as found and the popover with the term's definition."""
    target = ID_PREFIX + term.slug
    more = (
        f' <a href="{escape(term.url)}">{escape(gettext("Více ve slovníku"))}</a>'
        if term.url
        else ""
    )
    return (
        f'<button type="button" class="term" popovertarget="{target}">{text}'
        f'<span class="visually-hidden"> ({escape(gettext("vysvětlení pojmu"))})</span></button>'
        f'<span class="term-popover" id="{target}" popover>'
        f'<strong class="term-popover__title">{escape(term.title)}</strong> '
        f"{escape(term.definition)}{more} "
        f'<button type="button" class="term-popover__close" popovertarget="{target}"'
        f' popovertargetaction="hide">{escape(gettext("Zavřít"))}</button></span>'
    )


def _mark_text(text, matcher, used):
    parts, position = [], 0
    for match, term in matcher.finditer(text):
        if term.slug in used:
            continue
        used.add(term.slug)
        parts += [text[position : match.start()], definition_html(match.group(), term)]
        position = match.end()
    return "".join(parts) + text[position:]


def mark_first_uses(html, matcher, used):
    """`html` with each term not in `used` marked where it is first used; `used` grows."""
    parts, position, untouched_depth = [], 0, 0
    for tag in TAG.finditer(html):
        text = html[position : tag.start()]
        parts.append(text if untouched_depth else _mark_text(text, matcher, used))
        parts.append(tag.group())
        position = tag.end()
        name = TAG_NAME.match(tag.group())
        if name and name.group(2).lower() in UNTOUCHED and not tag.group().endswith("/>"):
            untouched_depth = max(0, untouched_depth + (-1 if name.group(1) else 1))
    tail = html[position:]
    parts.append(tail if untouched_depth else _mark_text(tail, matcher, used))
    return "".join(parts)
