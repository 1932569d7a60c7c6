"""Czech alphabetical order of terms and their A–Z letters (Č, Ch, Ř, Š, Ž are letters)."""

from portal.core.text import fold

# Letters with a place of their own in the Czech alphabet, after their base letter.
_OWN_LETTERS = {"č": "c~", "ř": "r~", "š": "s~", "ž": "z~"}


def sort_key(text):
    text = text.lower().replace("ch", "h~")
    return "".join(_OWN_LETTERS.get(ch, fold(ch)) for ch in text)


def letter(text):
    """The A–Z letter a term is listed under: "Ch" and the letters of _OWN_LETTERS stand alone."""
    if text[:2].lower() == "ch":
        return "Ch"
    first = text[:1].lower()
    return (first if first in _OWN_LETTERS else fold(first)).upper()


def by_letter(terms):
    """[(letter, [term, ...]), ...] in Czech alphabetical order."""
    groups = {}
    for term in sorted(terms, key=lambda term: sort_key(term.title)):
        groups.setdefault(letter(term.title), []).append(term)
    return list(groups.items())
