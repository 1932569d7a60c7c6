"""Tests for portal.search.czech (pure Python; runs with -p no:django)."""

import pytest

from portal.search.czech import (
    DEFAULT_SYNONYMS,
    STOP_WORDS,
    analyze,
    analyze_query,
    expand_synonyms,
    fold,
    stem,
    stem_folded,
    tokenize,
)

# Each group: every phrase must give exactly the same terms as the first one.
SAME_TERMS = [
    ["kolizní opatrovnictví", "kolizního opatrovnictví"],
    ["kolizniho opatrovnika", "kolizního opatrovníka"],
    ["asistovaný kontakt", "asistovane kontakty", "asistovaných kontaktů"],
    ["pěstounská péče", "pestounske peci"],
    ["pěstounů", "pěstoun", "pestouni", "pěstouny"],
    ["edukační spot", "edukacni spoty", "edukačních spotů"],
    ["Telč", "Telči", "telc"],
    ["Šlapanice", "Šlapanicích", "slapanicich"],
    ["průvodce změnou", "pruvodci zmeny"],
    ["evaluační zpráva", "evaluacni zpravy", "evaluační zprávě"],
    # stůl/stolu/stoly meet through the ů -> o rule of pass 3.
    ["kulatý stůl", "kulatého stolu", "kulate stoly"],
    ["pobytová péče", "pobytove pece"],
    ["krajské modely sítě služeb", "krajsky model site sluzeb"],
    ["ohrožené děti", "ohrozene deti", "ohrožených dětí"],
    ["supervize", "supervizí", "supervizi"],
    ["mediace", "mediaci"],
    ["Česká Třebová", "ceska trebova", "České Třebové"],
]


@pytest.mark.parametrize(
    ("first", "other"),
    [(group[0], other) for group in SAME_TERMS for other in group[1:]],
)
def test_inflected_and_undiacritised_forms_meet(first, other):
    terms = analyze(first)
    assert terms, first
    assert analyze(other) == terms


def test_opatrovnik_meets_opatrovnictvi_on_the_adjective_only():
    # opatrovník (guardian) and opatrovnictví (guardianship) are different
    # derivations; a light stemmer only removes inflection, so only
    # "kolizní" meets.
    a = analyze("kolizního opatrovníka")
    b = analyze("kolizní opatrovnictví")
    assert len(a) == len(b) == 2
    assert a[0] == b[0]
    assert a[1] != b[1]


# "mediace" vs "mediační" is derivation (noun vs adjective), not inflection,
# so it is not expected to meet and is not tested.


@pytest.mark.parametrize(
    ("a", "b"),
    [("matka", "mat"), ("soud", "sout"), ("kraj", "krajina"), ("česká", "cesta")],
)
def test_unrelated_words_stay_apart(a, b):
    assert analyze(a) != analyze(b)


@pytest.mark.parametrize(
    "phrase",
    [group[0] for group in SAME_TERMS] + ["Příliš žluťoučký kůň úpěl ďábelské ódy"],
)
def test_dropping_diacritics_never_changes_terms(phrase):
    assert analyze(fold(phrase)) == analyze(phrase)


def test_fold():
    assert fold("Příliš Žluťoučký") == "prilis zlutoucky"
    assert fold("ĚŠČŘŽÝÁÍÉÚŮĎŤŇ") == "escrzyaieuudtn"
    assert fold("ascii Only") == "ascii only"
    assert fold("") == ""


def test_tokenize():
    assert tokenize("Ahoj, světe! (OSPOD)") == ["Ahoj", "světe", "OSPOD"]
    assert tokenize("19_098") == ["19", "098"]
    assert tokenize(" \t\n ") == []


def test_tokenize_keeps_decomposed_letters_in_one_token():
    decomposed = "pe\u0301c\u030ce"  # "péče" in NFD, as some clients send it
    assert tokenize(decomposed) == ["péče"]
    assert analyze(decomposed) == analyze("péče")


def test_stop_words_are_dropped():
    assert analyze("a v na") == []
    assert analyze("děti v pěstounské péči a na návštěvě") == analyze(
        "děti pěstounské péči návštěvě"
    )
    assert analyze("Že je to tak") == []


def test_stop_words_are_folded_and_contain_no_domain_words():
    assert all(word == fold(word) for word in STOP_WORDS)
    assert 100 <= len(STOP_WORDS) <= 160
    for domain_word in ("ospod", "dite", "deti", "pece", "soud", "byt", "kraj", "rodina"):
        assert domain_word not in STOP_WORDS


def test_digits_are_kept():
    terms = analyze("č. j. 19_098/2024")
    assert "19" in terms
    assert "098" in terms
    assert "2024" in terms
    assert stem("098") == "098"
    assert stem_folded("2024a") == "2024a"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00", "a\x00b", "\x00" * 50])
def test_degenerate_input_returns_a_list(text):
    assert isinstance(analyze(text), list)
    assert isinstance(analyze_query(text), list)


def test_long_input():
    text = ("Kolizní opatrovník navštívil pěstounskou rodinu v Telči. " * 200)[:10_000]
    terms = analyze(text)
    assert len(terms) > 500
    assert analyze("x" * 10_000) == [stem_folded("x" * 10_000)]


def test_odd_characters_do_not_crash():
    text = "😀 ½ ² ﬁ İ ß № 🇨🇿 \u200b\ufeff ℌ"
    assert all(isinstance(term, str) and term for term in analyze(text))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("pěstounů", "pěstoun"),
        ("kolizního", "kolizn"),
        ("šlapanicích", "šlapanik"),  # case ending, then c -> k
        ("telči", "telk"),
        ("stůl", "stol"),
        ("služeb", "služb"),  # mobile e
        ("čeští", "česk"),  # št -> sk
        ("němečtí", "německ"),  # čt -> ck
        ("bratrův", "bratr"),  # possessive -ův
        ("petrova", "petr"),  # case ending, then possessive -ov
        ("matčin", "matk"),  # possessive -in after č
        ("krajina", "krajin"),  # no possessive -in after j
        ("kontaktech", "kontakt"),
    ],
)
def test_stem_with_diacritics(word, expected):
    assert stem(word) == expected


def test_stem_keeps_short_words():
    for word in ("a", "je", "dům", "pes"):
        assert len(stem(word)) >= len(word) - 1


def test_analyze_query_is_analyze():
    text = "Asistované kontakty v Šlapanicích"
    assert analyze_query(text) == analyze(text)


def test_expand_synonyms_both_directions():
    assert expand_synonyms(analyze("OSPOD Telč"), DEFAULT_SYNONYMS) == [
        analyze("OSPOD Telč"),
        analyze("orgán SPOD Telč"),
    ]
    assert expand_synonyms(analyze("orgánu SPOD"), DEFAULT_SYNONYMS) == [
        analyze("orgánu SPOD"),
        analyze("OSPOD"),
    ]


def test_expand_synonyms_matches_inflected_phrases():
    groups = expand_synonyms(analyze("asistované kontakty s rodiči"), DEFAULT_SYNONYMS)
    assert groups == [
        analyze("asistovaný kontakt rodiči"),
        analyze("asistovaný styk rodiči"),
    ]
    groups = expand_synonyms(analyze("cochemska praxe"), DEFAULT_SYNONYMS)
    assert analyze("Cochem") in groups


def test_expand_synonyms_without_match_returns_only_the_query():
    terms = analyze("pěstounská péče")
    assert expand_synonyms(terms, DEFAULT_SYNONYMS) == [terms]
    assert expand_synonyms([], DEFAULT_SYNONYMS) == [[]]
    # A key made only of stop words never matches.
    assert expand_synonyms(terms, {"a v": ["péče"]}) == [terms]


def test_default_synonyms_are_symmetric():
    for phrase, alternatives in DEFAULT_SYNONYMS.items():
        for alternative in alternatives:
            assert phrase in DEFAULT_SYNONYMS[alternative]
    assert len(DEFAULT_SYNONYMS) == 6
