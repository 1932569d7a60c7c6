"""Czech text helpers shared by listings, sorting and search."""

import unicodedata


def fold(text: str) -> str:
    """Lowercase and strip diacritics: "Příliš Žluťoučký" -> "prilis zlutoucky"."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
