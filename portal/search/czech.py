"""Czech text analysis for full-text search (pure Python, no Django).

The same ``analyze()`` runs at index time and at query time, whichever backend
stores the terms (SQLite FTS5, PostgreSQL, Elasticsearch), so the backends only
ever see ready-made terms.

Pipeline: lowercase + fold diacritics -> tokenize -> drop stop words -> the
word's dictionary lemma (``lemmas.py``: every form Debian's Czech Hunspell
dictionary generates, folded, mapped to its folded base form), or for a word the
dictionary lacks, its light stem -> terms.

Folding first means a word typed without diacritics ("kolizniho opatrovnika",
"ohrozene deti") always gets the same term as the written form. The lemmas make
irregular and alternating paradigms meet (dítě/děti/dětí, stůl/stolu,
rodina/rodinám, otec/otce), which no suffix stripping can do. Measured against
a port of Lucene's CzechStemmer with ``tests/bench/eval_czech_lemmas.py``.

Stemmer (fallback)
    ``stem()`` is a light stemmer written from the description in Dolamic &
    Savoy (2009), "Indexing and stemming approaches for the Czech language":
    pass 1 removes the longest case ending allowed by the word's length,
    pass 2 removes a possessive ending (-ov, -in, -ův), pass 3 normalises
    palatalisation (čt->ck, št->sk, c/č->k, z/ž->h) or drops a mobile "e"
    (služeb->služb) or turns a stem's "ů" into "o" (stůl->stol). Changes:
    "-in" is removed only after č/ř/ž/š (matčin, sestřin), so nouns in -ina
    keep it ("krajina" no longer collides with "kraj"); the mobile "e" goes
    only from stems of four letters or more ending in a consonant.
    ``analyze()`` uses ``stem_folded()``, the same passes with folded rules:
    without "am" (from -ám; it cut "program" to "progr"), "ata"/"aty" (they ate
    adjectives in -atá/-atý), st->sk (it merged "cesta" with "česká") and
    ů->o (folded, it rewrote every "u": "kus" met "kos"); after a palatal
    rewrite the mobile "e" goes too, so "otec" (otek -> otk) meets "otce".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from portal.core.text import fold  # noqa: F401 (part of this module's interface)
from portal.search import lemmas

__all__ = [
    "DEFAULT_SYNONYMS",
    "STOP_WORDS",
    "analyze",
    "analyze_query",
    "expand_synonyms",
    "fold",
    "stem",
    "stem_folded",
    "term",
    "tokenize",
]

_TOKEN_RE = re.compile(r"[^\W_]+")


def tokenize(text: str) -> list[str]:
    """Split into runs of Unicode letters and digits ("19_098" -> ["19", "098"])."""
    # NFC first: decomposed input (e.g. from macOS) would otherwise split at
    # every combining mark, which is not alphanumeric.
    return _TOKEN_RE.findall(unicodedata.normalize("NFC", text))


# Folded forms (no diacritics); analyze() compares folded tokens against them.
# "byt" (být) is deliberately absent: it would also drop "byt" (flat).
STOP_WORDS = frozenset(
    {
        "a",
        "aby",
        "ale",
        "ani",
        "ano",
        "az",
        "bez",
        "bude",
        "budeme",
        "budou",
        "by",
        "bych",
        "byl",
        "byla",
        "byli",
        "bylo",
        "byly",
        "ci",
        "co",
        "coz",
        "do",
        "i",
        "jak",
        "jaka",
        "jake",
        "jaky",
        "jako",
        "je",
        "jeho",
        "jej",
        "jeji",
        "jejich",
        "jen",
        "jenz",
        "jeste",
        "jez",
        "ji",
        "jich",
        "jim",
        "jiz",
        "jsem",
        "jsi",
        "jsme",
        "jsou",
        "jste",
        "k",
        "kde",
        "kdo",
        "kdy",
        "kdyz",
        "ke",
        "kolem",
        "ktera",
        "ktere",
        "kterou",
        "kteri",
        "ktereho",
        "ktery",
        "kterych",
        "kterym",
        "kvuli",
        "lze",
        "ma",
        "maji",
        "me",
        "mezi",
        "mi",
        "mne",
        "mu",
        "my",
        "na",
        "nad",
        "nam",
        "nas",
        "ne",
        "nebo",
        "nez",
        "neni",
        "nejsou",
        "ni",
        "nich",
        "nim",
        "o",
        "od",
        "ode",
        "on",
        "ona",
        "oni",
        "ono",
        "ony",
        "po",
        "pod",
        "podle",
        "pokud",
        "potom",
        "pouze",
        "pred",
        "pres",
        "pri",
        "pro",
        "proc",
        "proti",
        "proto",
        "protoze",
        "s",
        "se",
        "si",
        "sve",
        "svou",
        "svuj",
        "ta",
        "tak",
        "take",
        "tam",
        "tato",
        "te",
        "tech",
        "tedy",
        "tem",
        "ten",
        "tento",
        "tez",
        "ti",
        "tim",
        "to",
        "toho",
        "tom",
        "tomu",
        "toto",
        "tu",
        "tuto",
        "ty",
        "tyto",
        "u",
        "uz",
        "v",
        "vam",
        "vas",
        "ve",
        "vsak",
        "vse",
        "vsech",
        "vuci",
        "z",
        "za",
        "zda",
        "zde",
        "ze",
    }
)


# Pass 1: (minimum word length, endings). Groups are tried in order, longest
# endings first, and only the first matching ending is removed.
_CASE_ENDINGS = (
    (8, ("atech",)),
    (7, ("ětem", "etem", "atům")),
    (
        6,
        (
            "ech",
            "ich",
            "ích",
            "ého",
            "ěmi",
            "emi",
            "ému",
            "ěte",
            "ete",
            "ěti",
            "eti",
            "ího",
            "iho",
            "ími",
            "ímu",
            "imu",
            "ách",
            "ata",
            "aty",
            "ých",
            "ama",
            "ami",
            "ové",
            "ovi",
            "ými",
        ),
    ),
    (5, ("em", "es", "ém", "ím", "ům", "at", "ám", "os", "us", "ým", "mi", "ou")),
    (4, ("a", "e", "i", "o", "u", "ů", "y", "á", "é", "í", "ý", "ě")),
)
# Pass 2: possessive adjectives (otcův, Petrov, matčin); minimum word length 6.
_POSSESSIVE_ENDINGS = ("ov", "ův", "in")
_POSSESSIVE_MIN_LEN = 6
# Letters that precede a possessive "-in" (matčin, sestřin, Olžin, Míšin).
_BEFORE_POSSESSIVE_IN = "čřžš"
# Pass 3: palatalised stem endings, first match wins.
_PALATAL_REWRITES = (
    ("čt", "ck"),
    ("št", "sk"),
    ("c", "k"),
    ("č", "k"),
    ("z", "h"),
    ("ž", "h"),
)
# Rules that become ambiguous once diacritics are gone (see module docstring).
_AMBIGUOUS_WHEN_FOLDED = frozenset({"am", "ata", "aty", "st"})


@dataclass(frozen=True)
class _Rules:
    case_endings: tuple[tuple[int, tuple[str, ...]], ...]
    possessive_endings: tuple[str, ...]
    before_possessive_in: str
    palatal_rewrites: tuple[tuple[str, str], ...]
    long_u: str | None
    # Folded rules drop a mobile "e" after a rewrite too: otec -> otek -> otk, like otce.
    mobile_e_after_rewrite: bool = False


def _folded_rules() -> _Rules:
    def keep(items):
        return tuple(dict.fromkeys(fold(i) for i in items if fold(i) not in _AMBIGUOUS_WHEN_FOLDED))

    return _Rules(
        case_endings=tuple((n, keep(endings)) for n, endings in _CASE_ENDINGS),
        possessive_endings=keep(_POSSESSIVE_ENDINGS),
        before_possessive_in=fold(_BEFORE_POSSESSIVE_IN),
        palatal_rewrites=tuple(
            dict.fromkeys(
                (fold(old), new)
                for old, new in _PALATAL_REWRITES
                if fold(old) not in _AMBIGUOUS_WHEN_FOLDED
            )
        ),
        # Folded, "ů" is every "u": the rewrite merged kus with kos and pod with pudit.
        long_u=None,
        mobile_e_after_rewrite=True,
    )


_RULES = _Rules(
    case_endings=_CASE_ENDINGS,
    possessive_endings=_POSSESSIVE_ENDINGS,
    before_possessive_in=_BEFORE_POSSESSIVE_IN,
    palatal_rewrites=_PALATAL_REWRITES,
    long_u="ů",
)
_FOLDED_RULES = _folded_rules()


def _remove_case(word: str, rules: _Rules) -> str:
    for min_len, endings in rules.case_endings:
        if len(word) >= min_len:
            for ending in endings:
                if word.endswith(ending):
                    return word[: -len(ending)]
    return word


def _remove_possessive(word: str, rules: _Rules) -> str:
    if len(word) < _POSSESSIVE_MIN_LEN or not word.endswith(rules.possessive_endings):
        return word
    if word.endswith("in") and word[-3] not in rules.before_possessive_in:
        return word
    return word[:-2]


def _normalize(word: str, rules: _Rules) -> str:
    for old, new in rules.palatal_rewrites:
        if word.endswith(old):
            word = word[: -len(old)] + new
            if not rules.mobile_e_after_rewrite:
                return word
            break
    # mobile e: služeb -> služb (only past a short stem: "sen", "pes" keep theirs)
    if len(word) >= 4 and word[-2] == "e" and word[-1] not in "aeiouy":
        return word[:-2] + word[-1]
    if len(word) >= 3 and word[-2] == rules.long_u:  # stůl -> stol
        return word[:-2] + "o" + word[-1]
    return word


def _stem(word: str, rules: _Rules) -> str:
    if any(ch.isdigit() for ch in word):
        return word
    word = _remove_case(word, rules)
    word = _remove_possessive(word, rules)
    return _normalize(word, rules)


def stem(word: str) -> str:
    """Light-stem a lowercase word WITH diacritics ("pěstounů" -> "pěstoun")."""
    return _stem(word, _RULES)


@lru_cache(maxsize=65536)
def stem_folded(word: str) -> str:
    """Light-stem an already folded word ("kolizniho" -> "kolizn").

    Used by analyze(); same passes as stem() with the rules folded.
    """
    return _stem(word, _FOLDED_RULES)


@lru_cache(maxsize=262_144)
def term(token: str) -> str:
    """The search term of a folded token: its dictionary lemma, else its stem.

    "detem" -> "dite", "rodinam" -> "rodina" (``lemmas.py``); words the dictionary does not
    know (names, jargon, typos) are stemmed: "slapanicich" -> "slapanik".
    """
    if not token.isalpha():
        return token
    table = lemmas.table()
    lemma = table.get(token) if table is not None else None
    return lemma if lemma is not None else stem_folded(token)


def analyze(text: str) -> list[str]:
    """Text -> search terms (folded, stop words removed, lemmatised or stemmed)."""
    return [term(tok) for tok in tokenize(fold(text)) if tok not in STOP_WORDS]


def analyze_query(text: str) -> list[str]:
    """Query text -> terms; identical to analyze() so queries meet the index."""
    return analyze(text)


def expand_synonyms(terms: list[str], synonyms: dict[str, list[str]]) -> list[list[str]]:
    """Return alternative term lists for a query, the original terms first.

    ``synonyms`` maps a raw phrase to raw alternative phrases; all of them are
    analysed here. When the analysed key occurs as a contiguous run in
    ``terms``, its first occurrence is replaced by each analysed alternative,
    one substitution per alternative list. The caller ORs the lists.
    """
    alternatives = [list(terms)]
    for phrase, replacements in synonyms.items():
        key = analyze(phrase)
        start = _find_run(terms, key)
        if start is None:
            continue
        for replacement in replacements:
            alternative = terms[:start] + analyze(replacement) + terms[start + len(key) :]
            if alternative not in alternatives:
                alternatives.append(alternative)
    return alternatives


def _find_run(terms: list[str], run: list[str]) -> int | None:
    if not run:
        return None
    for start in range(len(terms) - len(run) + 1):
        if terms[start : start + len(run)] == run:
            return start
    return None


def _symmetric(*groups: tuple[str, ...]) -> dict[str, list[str]]:
    """Each phrase of a group maps to all the other phrases of its group."""
    return {
        phrase: [other for other in group if other != phrase]
        for group in groups
        for phrase in group
    }


DEFAULT_SYNONYMS = _symmetric(
    ("OSPOD", "orgán SPOD"),
    ("asistovaný kontakt", "asistovaný styk"),
    ("Cochem", "cochemská praxe"),
)
