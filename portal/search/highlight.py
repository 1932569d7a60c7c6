"""Snippets: a window of an entry's text around the first query term, terms in <mark>.

Each word of the text is analysed like the index was (fold, stem), so "pěstounů" is
marked for the query "pěstounská péče" too. Everything else is HTML-escaped.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.search import czech

SNIPPET_LENGTH = 240
LEAD_IN = 60  # characters shown before the first marked word
ELLIPSIS = "…"

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=100_000)
def _term(word):
    folded = czech.fold(word)
    return None if folded in czech.STOP_WORDS else czech.term(folded)


def _first_match(text, terms):
    return next((m for m in _WORD.finditer(text) if _term(m.group()) in terms), None)


def _window(text, first_match, length):
    """(start, end) of a window of about ``length`` characters, cut at spaces."""
    start = 0 if first_match is None else max(0, first_match.start() - LEAD_IN)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def highlight(text, terms):
    """The whole text, escaped, with the query terms marked (for short texts: titles)."""
    return _render(text, 0, len(text), set(terms))


def snippet(text, terms, length=SNIPPET_LENGTH):
    """About ``length`` characters around the first query term, escaped, terms marked."""
    text = " ".join((text or "").split())
    terms = set(terms)
    start, end = _window(text, _first_match(text, terms) if terms else None, length)
    return _render(text, start, end, terms)


def _render(text, start, end, terms):
    parts = [ELLIPSIS if start > 0 else ""]
    position = start
    for match in _WORD.finditer(text, start, end):
        if _term(match.group()) in terms:
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:end]))
    parts.append(ELLIPSIS if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 # nosec B308 B703 # every piece above is escaped
