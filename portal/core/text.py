"""Czech text helpers shared by listings, sorting and search."""

import unicodedata

from django.db.models import CharField, Func


class _FoldedCharacters(dict):
    """Code point -> that character decomposed (NFKD) without its combining marks.

    Folding a text character by character gives what folding it whole gives: NFKD only
    reorders combining marks among themselves, and they are all dropped. The table learns a
    character on first sight, up to a bound (a text of endless distinct characters must not
    grow it without end).
    """

    BOUND = 20_000

    def __missing__(self, code):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if len(self) < self.BOUND:
            self[code] = folded
        return folded


_FOLDED = _FoldedCharacters()


def fold(text: str) -> str:
    """Lowercase and strip diacritics: "Příliš Žluťoučký" -> "prilis zlutoucky"."""
    text = text.lower()
    if text.isascii():
        return text
    return text.translate(_FOLDED)


def alphabetical(text: str):
    """A sort key for Czech A–Z: the folded text, then the text as written."""
    return fold(text), text


_FOLD_FROM = "áäčďéěëíňóöřšťúůüýžÁÄČĎÉĚËÍŇÓÖŘŠŤÚŮÜÝŽ"
_FOLD_TO = "aacdeeeinoorstuuuyzAACDEEEINOORSTUUUYZ"


class Fold(Func):
    """`fold()` in SQL, for sorting Czech titles A–Z in the database.

    PostgreSQL folds with ``translate(lower(...))``; SQLite calls the Python `fold`, which
    each connection registers (see `register_sqlite_fold`).
    """

    function = "portal_fold"
    output_field = CharField()

    python = staticmethod(lambda text: fold(str(text)))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=f"translate(lower(%(expressions)s), '{_FOLD_FROM.lower()}', "
            f"'{_FOLD_TO.lower()}')",
            **extra_context,
        )


def register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_fold", 1, _sql_fold, deterministic=True)


def _sql_fold(text):
    return None if text is None else fold(text)
