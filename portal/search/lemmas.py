"""Czech lemmas from Debian's Hunspell dictionary (``hunspell-cs``), as a compact on-disk table.

Every word form the dictionary generates (``unmunch`` from ``hunspell-tools`` expands each
entry with its affix rules) is mapped, folded (no diacritics, lowercase), to the folded
base form of its entry: "dětem", "rodinám", "kolizniho" -> "dite", "rodina", "kolizni".
A form typed without diacritics therefore finds the same lemma as the written one.

The table is built once (``make lemmas``, or on first use) into a memory-mapped MARISA
trie of about 30 MB under ``var/search/``: a process pays a few MB for the pages it
touches, not the 3.5 million forms, and a lookup costs about a microsecond.

Choices (measured with ``tests/bench/eval_czech_lemmas.py``):

- A folded form that several entries generate (5 % of them: "otce" is otec and the name
  Otka, "stolu" is stůl and stola, "ceska" is český and čéška) takes a common word's entry over
  a proper name's, then the entry whose forms are the most frequent in Czech text
  (``wordfreq``'s Czech list, read only while building), then the entry it is the base
  form of, then the one sharing the longest beginning with the form.
- Forms made by the negative prefix keep it ("nebezpečný" -> "nebezpecny", never
  "bezpecny": a search for safety must not find danger); the superlative prefix goes
  ("nejlepší" -> "lepsi").
- Irregular paradigms, which the dictionary lists as unrelated entries without affixes
  (dítě/děti, člověk/lidé, oko/oči), are joined by ``IRREGULAR``.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import shutil
import subprocess  # nosec B404 # runs unmunch from hunspell-tools on Debian's files
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import marisa_trie

from portal.core.text import fold

logger = logging.getLogger(__name__)

DICTIONARY = Path(os.environ.get("PORTAL_HUNSPELL_CS", "/usr/share/hunspell/cs_CZ.dic"))
CACHE_DIR = Path(
    os.environ.get(
        "PORTAL_LEMMA_DIR", Path(__file__).resolve().parent.parent.parent / "var" / "search"
    )
)
_SEPARATOR = "QQLEMMASEPARATORQQ"
_NEGATION = "ne"
_SUPERLATIVE = "nej"

# Lemma -> its forms that the dictionary lists as separate entries without affixes.
IRREGULAR = {
    "dítě": "dítě dítěte dítěti dítětem děti dětí dětem dětmi dětech",
    "člověk": "člověk člověka člověku člověče člověkem lidé lidí lidem lidi lidmi lidech",
    "oko": "oko oka oku okem oči očí očím očima očích",
    "ucho": "ucho ucha uchu uchem uši uší uším ušima uších",
    "přítel": "přítel přítele příteli přítelem přátelé přátel přátelům přátele přátelích",
    "rok": "rok roku roce rokem roky roků rokům",
    "pan": "pan pana panu pane panem páni pánové pánů pánům pány pánech",
    "bratr": "bratr bratra bratru bratrovi bratře bratrem bratři bratří bratrům bratry",
}


def unmunch_families(dic=DICTIONARY) -> Iterator[tuple[str, list[str]]]:
    """(base form, every form) of each dictionary entry, as ``unmunch`` expands them."""
    aff = dic.with_suffix(".aff")
    entries = [line for line in dic.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        separated = Path(tmp) / "separated.dic"
        lines = [str(2 * len(entries))]
        for entry in entries:
            lines += [entry, _SEPARATOR]
        separated.write_text("\n".join(lines) + "\n", encoding="utf-8")
        unmunch = shutil.which("unmunch") or "/usr/bin/unmunch"
        result = subprocess.run(  # nosec B603 # fixed program, our own temporary file
            [unmunch, str(separated), str(aff)], capture_output=True, check=True
        )
    forms = []
    for line in result.stdout.decode("utf-8").splitlines():
        word = line.split("/", 1)[0].strip()
        if word == _SEPARATOR:
            if forms:
                yield forms[0], forms
            forms = []
        elif word:
            forms.append(word)
    if forms:
        yield forms[0], forms


def form_lemma(form, base):
    """The lemma a form of the entry ``base`` stands for (both lowercase, with diacritics)."""
    if base.startswith(_NEGATION) or not form.startswith(_NEGATION):
        return base
    if form.startswith(_SUPERLATIVE) and not form.startswith(_SUPERLATIVE + _NEGATION):
        return base
    return _NEGATION + base


def _common_prefix(a, b):
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def choose(key, candidates, usage, family_sizes):
    """The lemma of a folded form several entries generate (see the module docstring).

    ``candidates``: {folded lemma: whether it comes from a proper name's entry};
    ``usage``: {folded lemma: how often its forms occur in Czech text}.
    """

    def preference(lemma):
        return (
            not candidates[lemma],
            usage[lemma],
            lemma == key,
            _common_prefix(lemma, key),
            family_sizes[lemma],
            lemma,
        )

    return max(candidates, key=preference)


# Case endings after the "o" of a stem whose base form has "ů" (stůl: stolu, stolem, ...).
_LONG_U_ENDINGS = ("a", "u", "e", "ě", "em", "ů", "ům", "y", "ech", "ích", "i", "ové", "ovi", "mi")


_HARD = {"ň": "n", "ť": "t", "ď": "d"}


def _long_u_forms(stem):
    """Forms of an "o" stem: koň + e is written koně, koň + i koni."""
    if stem[-1] not in _HARD:
        return [stem + ending for ending in _LONG_U_ENDINGS]
    hard = stem[:-1] + _HARD[stem[-1]]
    written = {"e": "ě", "i": "i", "í": "í"}
    return [hard + written[e[0]] + e[1:] if e[:1] in written else stem + e for e in _LONG_U_ENDINGS]


def join_long_u(families):
    """Join the forms of stůl, dům, kůň, which the dictionary lists as separate entries.

    A base form with "ů" in its last syllable takes the lone entries made of its stem with
    "o" and a case ending (stolu, stolem, domy); all other families pass unchanged.
    """
    families = list(families)
    lone = {base for base, forms in families if len(forms) == 1}
    joined = set()
    extra = []
    for base in sorted(lone):
        at = base.rfind("ů")
        if at <= 0 or any(ch in "aeiouyáéíóúůýě" for ch in base[at + 1 :]):
            continue
        stem = base[:at] + "o" + base[at + 1 :]
        forms = [form for form in _long_u_forms(stem) if form in lone]
        if forms:
            joined.update(forms)
            extra.append((base, [base, *forms]))
    kept = [f for f in families if not (len(f[1]) == 1 and f[0] in joined)]
    return kept + extra


def related(a, b, names=False):
    """Two lemmas sharing a form are one word's derivations when they differ only at the
    end (asistovat, asistovaný, asistování); kos, kosa and kosit stay apart. Two names
    sharing a form are one name's variants sooner (Jagl and Jagla: both "Jagly")."""
    shared = _common_prefix(a, b)
    return shared >= (3 if names else 5) and shared >= min(len(a), len(b)) - 2


def join_derivations(candidates, usage):
    """{lemma: the lemma that stands for it}: related lemmas sharing a form (common words
    with common words, names with names) are joined (union-find), each group standing
    under its most frequent member."""
    parent = {}

    def root(x):
        while x in parent:
            x = parent[x]
        return x

    for lemmas in candidates.values():
        if len(lemmas) < 2:
            continue
        common = sorted(lemma for lemma, proper in lemmas.items() if not proper)
        names = not common
        joinable = common or sorted(lemmas)
        for i, a in enumerate(joinable):
            for b in joinable[i + 1 :]:
                if related(a, b, names) and root(a) != root(b):
                    parent[root(b)] = root(a)
    groups = defaultdict(set)
    for lemma in parent:
        groups[root(lemma)].add(lemma)
    representative = {}
    for top, members in groups.items():
        members.add(top)
        best = max(members, key=lambda lemma: (usage[lemma], lemma))
        representative.update((member, best) for member in members)
    return representative


def lemma_map(families) -> dict[str, str]:
    """{folded form: folded lemma} from (base form, forms) families, irregulars joined."""
    from wordfreq import get_frequency_dict

    frequency = get_frequency_dict("cs")
    candidates = defaultdict(dict)
    family_sizes = Counter()
    usage = Counter()
    for base, forms in join_long_u(families):
        proper = base[:1].isupper()
        lower_base = base.lower()
        folded_base = fold(lower_base)
        negated_base = _NEGATION + folded_base
        # A family at a time: lowering and folding (both character by character) a joined
        # text costs one call instead of one per form, of some 4 million.
        lowered = "\n".join(forms).lower()
        for lower, key in zip(lowered.split("\n"), fold(lowered).split("\n"), strict=True):
            lemma = folded_base
            if lower.startswith(_NEGATION) and form_lemma(lower, lower_base) != lower_base:
                lemma = negated_base  # fold() of the negated lemma, without folding it again
            family_sizes[lemma] += 1
            if not proper:  # a name's forms spelled in lowercase are other words ("Do")
                usage[lemma] += frequency.get(lower, 0.0)
            found = candidates[key]
            found[lemma] = found.get(lemma, True) and proper
    representative = join_derivations(candidates, usage)
    mapping = {}
    for key, lemmas in candidates.items():
        if len(lemmas) == 1:  # most forms: no choice to make
            lemma = next(iter(lemmas))
            mapping[key] = representative.get(lemma, lemma)
            continue
        lemmas = {representative.get(lemma, lemma): proper for lemma, proper in lemmas.items()}
        mapping[key] = (
            next(iter(lemmas)) if len(lemmas) == 1 else choose(key, lemmas, usage, family_sizes)
        )
    for lemma, forms in IRREGULAR.items():
        for form in forms.split():
            mapping[fold(form)] = fold(lemma)
    return mapping


def write_table(mapping, path):
    """A trie of lemmas and a trie of forms whose values are lemma ids, in one file pair."""
    lemma_trie = marisa_trie.Trie(set(mapping.values()))
    items = ((form, (lemma_trie[lemma],)) for form, lemma in mapping.items())
    form_trie = marisa_trie.RecordTrie("<I", items)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    form_trie.save(str(tmp) + ".forms")
    lemma_trie.save(str(tmp) + ".lemmas")
    os.replace(str(tmp) + ".lemmas", str(path) + ".lemmas")
    os.replace(str(tmp) + ".forms", str(path) + ".forms")


class LemmaTable:
    """Folded form -> folded lemma, read from the memory-mapped tries."""

    def __init__(self, path):
        self.forms = marisa_trie.RecordTrie("<I").mmap(str(path) + ".forms")
        self.lemmas = marisa_trie.Trie().mmap(str(path) + ".lemmas")

    def get(self, form):
        found = self.forms.get(form)
        return self.lemmas.restore_key(found[0][0]) if found else None

    def __len__(self):
        return len(self.forms)


def table_path(dic=DICTIONARY):
    """Where the table of this dictionary version lives (a new version: a new table)."""
    stat = dic.stat()
    source = Path(__file__).read_bytes()
    tag = hashlib.sha256(f"{dic}:{stat.st_size}:{stat.st_mtime_ns}".encode() + source)
    return CACHE_DIR / f"cs-lemmas-{tag.hexdigest()[:12]}"


def build(dic=DICTIONARY):
    """Build the table of ``dic`` unless it is there; its path."""
    path = table_path(dic)
    if not Path(str(path) + ".forms").exists():
        logger.info("Building the Czech lemma table from %s", dic)
        with _no_cycle_collection():
            write_table(lemma_map(unmunch_families(dic)), path)
    return path


@contextmanager
def _no_cycle_collection():
    """The build makes millions of small dicts and lists, none of them in a cycle: the
    garbage collector would only walk them again and again (a sixth of the build's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_lock = threading.Lock()
_table: list = []


def table():
    """This process's lemma table, built on first use; None without the dictionary."""
    if not _table:
        with _lock:
            if not _table:
                _table.append(_open())
    return _table[0]


def _open():
    if not DICTIONARY.exists() or not shutil.which("unmunch"):
        logger.warning("No Czech Hunspell dictionary (make lemmas): search stems only.")
        return None
    return LemmaTable(build())


if __name__ == "__main__":
    print(build())
