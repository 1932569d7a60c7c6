"""Benchmark and evaluation of portal.search.czech.

    python tests/bench/bench_czech_analysis.py            # throughput on ~200k words
    python tests/bench/bench_czech_analysis.py --smoke    # fast run (~5k words)
    python tests/bench/bench_czech_analysis.py --compare  # also: how many phrase pairs
                                                    # meet per diacritics approach

Throughput is measured on generated Czech text (a fixed seed mixes inflected
domain words, place names, stop words, numbers and undiacritised spellings).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from portal.search import czech  # noqa: E402

_VOCABULARY_TEXT = """
kolizní kolizního kolizním opatrovník opatrovníka opatrovnictví asistovaný asistovaného
kontakt kontaktu kontakty kontaktů pěstounská pěstounské péče péči pěstoun pěstouni pěstounů
edukační spot spoty spotů Telč Telči Šlapanice Šlapanicích průvodce změnou změny evaluační
zpráva zprávy zprávě kulatý stůl stolu pobytová pobytové krajské krajský model modely sítě
služeb služby ohrožené ohrožených děti dětí dítě dítěte supervize supervizí mediace mediaci
Česká Třebová rodina rodiny rodině soud soudu sociální pracovnice pracovník pracovníci
náhradní rodinné program programu projekt projektu metodika metodiky zákon zákona
a v na do z se s k o u po pro při za že je jsou byl bylo to ten která který které
2024 19_098 OSPOD SPOD kolizniho opatrovnika pestounske peci ohrozene deti
"""
VOCABULARY = _VOCABULARY_TEXT.split()


ENDINGS = ["", "a", "e", "i", "y", "ů", "ům", "em", "ech", "ích", "ého", "ými", "ovi", "ách"]


def generate_word(rng: random.Random) -> str:
    word = rng.choice(VOCABULARY)
    if rng.random() < 0.3 and word.isalpha() and len(word) > 4:
        # Synthetic inflection, so the stemmer sees many distinct forms.
        word = word[: rng.randint(4, len(word))] + rng.choice(ENDINGS)
    return word


def generate_text(words: int, seed: int = 20240917) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(words // 12):
        sentence = " ".join(generate_word(rng) for _ in range(12))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return "\n".join(sentences)


def bench(label: str, func: Callable[[str], object], text: str, tokens: int, repeat: int) -> None:
    best = float("inf")
    for _ in range(repeat):
        czech.stem_folded.cache_clear()
        czech.term.cache_clear()
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    print(f"  {label:<34} {tokens / best:>12,.0f} tokens/s  ({best * 1000:.1f} ms)")


# Phrases OSPOD workers search for, in the forms they type: every phrase is compared with
# the first one.
# "first" groups only need the first term to meet.
CORE_GROUPS = [
    (["kolizní opatrovnictví", "kolizního opatrovnictví"], "all"),
    (["kolizniho opatrovnika", "kolizního opatrovníka"], "all"),
    (["kolizního opatrovníka", "kolizní opatrovnictví"], "first"),
    (["asistovaný kontakt", "asistovane kontakty", "asistovaných kontaktů"], "all"),
    (["pěstounská péče", "pestounske peci"], "all"),
    (["pěstounů", "pěstoun", "pestouni", "pěstouny"], "all"),
    (["edukační spot", "edukacni spoty", "edukačních spotů"], "all"),
    (["Telč", "Telči", "telc"], "all"),
    (["Šlapanice", "Šlapanicích", "slapanicich"], "all"),
    (["průvodce změnou", "pruvodci zmeny"], "all"),
    (["evaluační zpráva", "evaluacni zpravy", "evaluační zprávě"], "all"),
    (["kulatý stůl", "kulatého stolu", "kulate stoly"], "all"),
    (["pobytová péče", "pobytove pece"], "all"),
    (["krajské modely sítě služeb", "krajsky model site sluzeb"], "all"),
    (["ohrožené děti", "ohrozene deti", "ohrožených dětí"], "all"),
    (["supervize", "supervizí", "supervizi"], "all"),
    (["mediace", "mediaci"], "all"),
    (["Česká Třebová", "ceska trebova", "České Třebové"], "all"),
]
# Extra inflection groups (development set, some undiacritised spellings).
EXTRA_GROUPS = [
    ["program", "programu", "programy", "programem", "programech", "programům"],
    ["režim", "režimu", "režimem", "rezimu", "rezim"],
    ["rodina", "rodiny", "rodině", "rodinu", "rodinám", "rodinami", "rodinach"],
    ["soud", "soudu", "soudy", "soudem", "soudů", "soudum"],
    ["matka", "matky", "matce", "matku", "matek", "matkám"],
    ["služba", "služby", "službě", "služeb", "sluzbam"],
    ["rodič", "rodiče", "rodičů", "rodičům", "rodice", "rodicum"],
    ["cesta", "cesty", "cestě", "cestu"],
    ["sociální pracovnice", "sociálních pracovnic", "socialni pracovnici"],
    ["náhradní rodinná péče", "náhradní rodinné péči", "nahradni rodinne peci"],
    ["úřad", "úřadu", "úřady", "uradu"],
    ["zákon", "zákona", "zákonu", "zákonem", "zakonem"],
    ["centrum", "centra", "centru", "center"],
    ["kritérium", "kritéria", "kriteria"],
    ["dítě", "dítěte", "ditete"],
    ["děti", "dětí", "dětem", "detem", "detmi", "dětmi"],
    ["kraj", "kraje", "krajem", "kraji", "krajům", "krajum"],
    ["krajina", "krajiny", "krajině"],
    ["školení", "školením", "skoleni", "skolenim"],
    ["dům", "domu", "domy", "dum"],
    ["čeští", "český", "cesti", "cesky"],
    ["vzdělávání", "vzdelavani", "vzdělávacích"],
    ["pracovník", "pracovníka", "pracovníci", "pracovníků", "pracovnikum", "pracovniky"],
    ["metodika", "metodiky", "metodice", "metodik"],
    ["projekt", "projektu", "projekty", "projektem", "projektech"],
    ["násilí", "nasili", "násilím", "nasilim"],
    ["tým", "týmu", "tymu", "tymem"],
]
# Unrelated words that should stay apart.
APART = [
    ("matka", "mat"),
    ("soud", "sout"),
    ("kraj", "krajina"),
    ("česká", "cesta"),
    ("soud", "sud"),
    ("rodina", "rod"),
    ("péče", "pes"),
    ("model", "modla"),
    ("kos", "kus"),
    ("program", "progres"),
    ("síť", "sít"),
]


def _words(text: str) -> list[str]:
    return [t for t in czech.tokenize(text.lower()) if czech.fold(t) not in czech.STOP_WORDS]


def naive(text: str) -> list[str]:
    """Stem with the diacritic rules, then fold (no special handling)."""
    return [czech.fold(czech.stem(w)) for w in _words(text)]


def approach_a(text: str) -> list[str]:
    """Diacritic rules for words with diacritics, folded rules otherwise."""
    return [
        czech.stem_folded(w) if czech.fold(w) == w else czech.fold(czech.stem(w))
        for w in _words(text)
    ]


def evaluate(analyze: Callable[[str], list[str]]) -> tuple[int, int, int, int, list]:
    core = brief_total = 0
    for phrases, mode in CORE_GROUPS:
        base = analyze(phrases[0])
        for phrase in phrases[1:]:
            terms = analyze(phrase)
            brief_total += 1
            core += terms == base if mode == "all" else terms[:1] == base[:1]
    extra = extra_total = 0
    for words in EXTRA_GROUPS:
        base = analyze(words[0])
        extra_total += len(words) - 1
        extra += sum(analyze(w) == base for w in words[1:])
    collisions = [pair for pair in APART if analyze(pair[0]) == analyze(pair[1])]
    return core, brief_total, extra, extra_total, collisions


def compare() -> None:
    print("phrase pairs that meet (core / extra inflections), collisions of unrelated words:")
    approaches = [
        ("naive: stem with diacritics, fold", naive),
        ("(a) rules chosen per word", approach_a),
        ("(b) fold first, folded rules [used]", czech.analyze),
    ]
    for label, analyze in approaches:
        core, brief_total, extra, extra_total, collisions = evaluate(analyze)
        pairs = ", ".join("/".join(pair) for pair in collisions) or "none"
        print(
            f"  {label:<37} core {core}/{brief_total}  extra {extra}/{extra_total}"
            f"  collisions {len(collisions)}/{len(APART)}: {pairs}"
        )


def bench_word_frequencies(count: int, repeat: int) -> None:
    """analyze() on words drawn by their frequency in Czech text (wordfreq): real vocabulary
    with its real repetition, so the term cache helps as much as it would on documents."""
    from wordfreq import get_frequency_dict

    frequency = get_frequency_dict("cs")
    words = [word for word in frequency if word.isalpha()][:200_000]
    drawn = random.Random(5).choices(words, [frequency[w] for w in words], k=count)
    text = " ".join(drawn)
    label = f"analyze, Czech frequencies ({len(set(drawn)):,} distinct)"
    bench(label, czech.analyze, text, count, repeat)


def bench_distinct_words(count: int, repeat: int) -> None:
    """term() on distinct dictionary forms and unknown words: no cache can help."""
    from portal.search import lemmas

    table = lemmas.table()
    rng = random.Random(7)
    known = rng.sample(table.forms.keys(), count) if table else []
    unknown = [word[::-1] + "q" for word in known[: count // 5]]
    words = known + unknown
    text = " ".join(words)
    bench(
        "term, distinct words (no cache)",
        lambda _: [czech.term.__wrapped__(w) for w in words],
        text,
        len(words),
        repeat,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="fast run on a small text")
    parser.add_argument("--compare", action="store_true", help="print pair-meeting figures")
    args = parser.parse_args()

    words, repeat = (5_000, 1) if args.smoke else (200_000, 3)
    text = generate_text(words)
    tokens = len(czech.tokenize(text))
    print(f"generated text: {len(text):,} chars, {tokens:,} tokens")
    bench("fold", czech.fold, text, tokens, repeat)
    bench("tokenize", czech.tokenize, text, tokens, repeat)
    folded = czech.tokenize(czech.fold(text))
    bench(
        "stem_folded (no cache)",
        lambda _: [czech.stem_folded.__wrapped__(w) for w in folded],
        text,
        tokens,
        repeat,
    )
    bench("analyze (caches cleared)", czech.analyze, text, tokens, repeat)
    bench_word_frequencies(2_000 if args.smoke else 200_000, repeat)
    bench_distinct_words(200 if args.smoke else 200_000, repeat)
    start = time.perf_counter()
    czech.analyze(text)
    warm = time.perf_counter() - start
    print(f"  {'analyze (warm caches)':<34} {tokens / warm:>12,.0f} tokens/s")
    terms = czech.analyze(text)
    print(f"  terms: {len(terms):,} ({len(set(terms)):,} distinct)")
    if args.compare:
        compare()


if __name__ == "__main__":
    main()
