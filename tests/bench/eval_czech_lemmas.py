"""How well Czech word forms meet in the search index: the portal against Lucene's stemmer.

    python tests/bench/eval_czech_lemmas.py           # 5,000 families + field words, 50,000
    python tests/bench/eval_czech_lemmas.py --smoke   # a small sample (seconds)

The gold standard is independent of both systems' rules: families of inflected forms
generated from Debian's Czech Hunspell dictionary (``hunspell-cs`` expanded by ``unmunch``
from ``hunspell-tools``, the forms of one dictionary entry; forms made by the ne-/nej-
prefixes and an adjective's noun in -ost and adverb, which the dictionary files under the
adjective, are left out: they are derivation, not inflection). Sampled: entries with at
least 3 forms (fixed seed) plus the entries of words of the field (``FIELD_WORDS``).

Printed, for each system:

1. families whose forms all get one term (nouns and adjectives; verbs; proper names);
2. forms with diacritics whose spelling without them reaches the same term;
3. unrelated lemma pairs merged per 1,000 lemmas: two entries with different base forms
   (case aside) whose forms share a term, on a sample of 50,000 entries of 2 forms or more.

Systems: the portal's analysis (``czech.term``: dictionary lemma, else stemmer); its
fallback stemmer alone; a port of Lucene's ``CzechStemmer`` (the light stemmer of the
Elasticsearch ``czech`` analyzer, Dolamic & Savoy 2009), written here from the published
description, followed by folding; and the same stemmer without folding (``czech``).

Note: the portal's table is built from the same dictionary, so figure 1 and 2 say how
faithfully it carries the dictionary; figure 3 says what that costs in precision.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from portal.search import czech, lemmas  # noqa: E402

SEED = 20261201
_FIELD_TEXT = """
dítě rodina rodič matka otec soud opatrovník opatrovnictví kolizní pěstoun pěstounský péče
náhradní rodinný ochrana sociální pracovník pracovnice orgán úřad obec kraj krajský
metodika metodický nástroj projekt zpráva evaluační závěrečný průvodce změna setkání
kontakt asistovaný služba síť model pobytový ústavní zařízení výchova výchovný soudní
spis případ klient rodinný konference případová supervize mediace mediátor kulatý stůl
spolupráce partner organizace město ohrožený týrání zanedbávání násilí domácí škola žák
učitel policie lékař zdravotní psychologický psycholog terapie poradna poradenství
adopce osvojení svěření výživné rozvod rozvodový styk výkon rozhodnutí zákon vyhláška
standard kvalita vzdělávání školení lektor kurz dotace program financování rozpočet
indikátor výsledek cíl aktivita dokument příloha video spot edukační dospívající mládež
"""
FIELD_WORDS = _FIELD_TEXT.split()


# --- Lucene's CzechStemmer, from Dolamic & Savoy's description --------------------------

_CASE_TEXT = (
    (7, "atech"),
    (6, "ětem etem atům"),
    (
        5,
        "ech ich ích ého ěmi emi ému ěte ete ěti eti ího iho ími ímu imu ách ata aty ých "
        "ama ami ové ovi ými",
    ),
    (4, "em es ém ím ům at ám os us ým mi ou"),
    (3, "a e i o u ů y á é í ý ě"),
)
_CASES = tuple((longer_than, text.split()) for longer_than, text in _CASE_TEXT)


def lucene_stem(word):
    """Case ending (word longer than the group's bound), possessive, then palatals."""
    for longer_than, endings in _CASES:
        if len(word) > longer_than:
            ending = next((e for e in endings if word.endswith(e)), None)
            if ending:
                word = word[: -len(ending)]
                break
    if len(word) > 5 and word.endswith(("ov", "in", "ův")):
        word = word[:-2]
    return _lucene_normalize(word)


def _lucene_normalize(word):
    if word.endswith("čt"):
        return word[:-2] + "ck"
    if word.endswith("št"):
        return word[:-2] + "sk"
    if word[-1:] in ("c", "č"):
        return word[:-1] + "k"
    if word[-1:] in ("z", "ž"):
        return word[:-1] + "h"
    if len(word) > 1 and word[-2] == "e":
        return word[:-2] + word[-1]
    if len(word) > 2 and word[-2] == "ů":
        return word[:-2] + "o" + word[-1]
    return word


SYSTEMS = {
    "portal (lemmas)": lambda form: czech.term(czech.fold(form)),
    "portal stemmer alone": lambda form: czech.stem_folded(czech.fold(form)),
    "Lucene then fold": lambda form: czech.fold(lucene_stem(form.lower())),
    "Lucene czech (no folding)": lambda form: lucene_stem(form.lower()),
}


# --- the gold families ---------------------------------------------------------------------


# What the dictionary adds to an adjective's entry besides its inflection: the noun in -ost
# (viditelnost, viditelnosti, ...) and the adverb (viditelně, krbicky, tesaněji).
_ADJECTIVE_DERIVED = ("ost",)
_ADVERB_ENDINGS = {"ě", "e", "y", "o", "ěji", "eji"}


def derived(form, base):
    if not base.endswith(("ý", "í")):
        return False
    stem = base[:-1]
    rest = form[len(stem) :] if form.startswith(stem) else ""
    return rest.startswith(_ADJECTIVE_DERIVED) or rest in _ADVERB_ENDINGS


def gold_forms(base, forms):
    """The entry's inflected forms, lowercase: without the ne-/nej- prefixed ones and an
    adjective's noun and adverb."""
    lower = base.lower()
    kept = []
    for form in forms:
        form = form.lower()
        if form.startswith("ne") and not lower.startswith("ne"):
            continue
        if derived(form, lower):
            continue
        if form.isalpha() and form not in kept:
            kept.append(form)
    return kept


def word_class(base, forms):
    if base[:1].isupper():
        return "proper names"
    if base.endswith(("t", "ci")) and any(f.endswith(("l", "la")) for f in forms[1:]):
        return "verbs"
    return "nouns and adjectives"


def load_families():
    families = []
    for base, forms in lemmas.unmunch_families():
        kept = gold_forms(base, forms)
        if kept:
            families.append((base, kept, word_class(base, kept)))
    return families


def sample(families, count, rng):
    rich = [f for f in families if len(f[1]) >= 3]
    chosen = rng.sample(rich, min(count, len(rich)))
    field = set(FIELD_WORDS)
    seen = {f[0] for f in chosen}
    chosen += [f for f in families if f[0] in field and f[0] not in seen]
    return chosen


# --- the figures -----------------------------------------------------------------------


def conflation(families, analyse):
    """{class: (families whose forms all get one term, families)}."""
    counts = defaultdict(lambda: [0, 0])
    for _base, forms, cls in families:
        counts[cls][1] += 1
        if len({analyse(form) for form in forms}) == 1:
            counts[cls][0] += 1
    return counts


def undiacritised(families, analyse):
    """(forms with diacritics whose folded spelling reaches their term, such forms)."""
    met = total = 0
    for _base, forms, _cls in families:
        for form in forms:
            folded = czech.fold(form)
            if folded != form:
                total += 1
                met += analyse(folded) == analyse(form)
    return met, total


def merges(families, analyse):
    """Unrelated lemma pairs (different lowercase base forms) sharing a term, per 1,000."""
    by_term = defaultdict(set)
    bases = [base.lower() for base, _forms, _cls in families]
    for index, (_base, forms, _cls) in enumerate(families):
        for form in forms:
            by_term[analyse(form)].add(index)
    pairs = set()
    for members in by_term.values():
        if len(members) > 1:
            ordered = sorted(members)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    if bases[a] != bases[b]:
                        pairs.add((a, b))
    return 1000 * len(pairs) / max(1, len(families))


def percent(met, total):
    return f"{100 * met / total:5.1f} %" if total else "    –  "


def report(families, merge_sample):
    classes = ("nouns and adjectives", "verbs", "proper names")
    sizes = {c: sum(1 for f in families if f[2] == c) for c in classes}
    print(
        f"families: {len(families):,} ({', '.join(f'{sizes[c]:,} {c}' for c in classes)}); "
        f"merge sample: {len(merge_sample):,} lemmas"
    )
    header = (
        f"{'system':<28}"
        + "".join(f"{'conflated: ' + c:>34}" for c in classes)
        + f"{'no diacritics':>16}{'merges/1000':>14}"
    )
    print(header)
    results = {}
    for name, analyse in SYSTEMS.items():
        counts = conflation(families, analyse)
        met, total = undiacritised(families, analyse)
        merged = merges(merge_sample, analyse)
        results[name] = (counts, met / max(1, total), merged)
        cells = "".join(f"{percent(*counts[c]):>34}" for c in classes)
        print(f"{name:<28}{cells}{percent(met, total):>16}{merged:>14.1f}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a small sample, in seconds")
    parser.add_argument("--families", type=int, default=5_000)
    parser.add_argument("--merge-sample", type=int, default=50_000)
    args = parser.parse_args()
    if lemmas.table() is None:
        sys.exit("No Czech Hunspell dictionary: run `make lemmas` first.")
    count, merge_count = (200, 2_000) if args.smoke else (args.families, args.merge_sample)
    rng = random.Random(SEED)
    families = load_families()
    chosen = sample(families, count, rng)
    # Entries of one form are left out here: the dictionary lists the forms of irregular
    # paradigms (domům, pánech) as entries of their own, which would count as lemmas.
    paradigms = [f for f in families if len(f[1]) > 1]
    merge_sample = rng.sample(paradigms, min(merge_count, len(paradigms)))
    results = report(chosen, merge_sample)
    portal, lucene = results["portal (lemmas)"], results["Lucene then fold"]
    met, total = portal[0]["nouns and adjectives"]
    print(
        "targets: nouns and adjectives >= 95 %: "
        f"{'met' if met >= 0.95 * total else 'MISSED'}; no diacritics >= 97 %: "
        f"{'met' if portal[1] >= 0.97 else 'MISSED'}; merges <= Lucene's: "
        f"{'met' if portal[2] <= lucene[2] else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
