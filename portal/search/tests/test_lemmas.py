"""Dictionary lemmas: Debian's Czech Hunspell forms mapped to their base forms."""

import pytest

from portal.search import lemmas
from portal.search.czech import analyze, fold


def one_term(text):
    terms = set(analyze(text))
    assert len(terms) == 1, (text, terms)
    return terms.pop()


@pytest.mark.parametrize(
    "forms",
    [
        "dítě děti dětí dite deti dítěte dětem dětmi",  # irregular: separate entries
        "rodina rodinám rodinách rodinami rodinam",  # the dative plural -ám
        "otec otce otci otcem",  # -ec: the nominative split from the rest
        "výzkum výzkumu vyzkumu výzkumem",
        "stůl stolu stoly stolem",  # ů/o alternation, separate entries
        "dům domu domy",
        "kůň koně koni",
        "člověk lidé lidí lidem",
        "pěstoun pěstounů pestouni pěstouny",
        "kolizní kolizního kolizniho koliznim",
        "český česká české čeští",
        "péče péči péčí peci",
        "asistovaný asistovane asistování",  # participle, verbal noun and verb meet
    ],
)
def test_every_form_and_its_undiacritised_spelling_meet(forms):
    words = forms.split()
    assert {one_term(word) for word in words} == {one_term(words[0])}
    assert {one_term(fold(word)) for word in words} == {one_term(words[0])}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("kus", "kos"),
        ("pod", "pudit"),
        ("bezpečný", "nebezpečný"),  # negation keeps its own term
        ("péče", "pec"),
        ("matka", "mat"),
        ("kraj", "krajina"),
        ("otec", "Otka"),
    ],
)
def test_unrelated_words_stay_apart(a, b):
    assert analyze(a) != analyze(b)


def test_words_the_dictionary_lacks_are_stemmed_alike():
    assert one_term("Cochemská") == one_term("cochemske") == one_term("cochemskou")
    assert analyze("NRP OSPOD") == ["nrp", "ospod"]
    assert analyze("19 098") == ["19", "098"]


def test_superlatives_meet_their_comparative():
    assert one_term("nejlepší") == one_term("lepší")


def test_a_form_of_a_common_word_and_a_name_goes_to_the_common_word():
    families = [("otec", ["otec", "otce", "otci"]), ("Otka", ["Otka", "Otce", "Otku"])]
    mapping = lemmas.lemma_map(families)
    assert mapping["otce"] == "otec"
    assert mapping["otku"] == "otka"


def test_related_entries_sharing_forms_join_under_one_lemma():
    families = [
        ("asistovat", ["asistovat", "asistoval", "asistovaný", "asistované"]),
        ("asistovaný", ["asistovaný", "asistované", "asistovaného"]),
        ("kos", ["kos", "kosa", "kosem"]),
        ("kosa", ["kosa", "kosy", "kosou"]),
    ]
    mapping = lemmas.lemma_map(families)
    assert mapping["asistovaneho"] == mapping["asistoval"] == mapping["asistovany"]
    assert mapping["kosem"] != mapping["kosou"]  # too short to tell derivation from chance


def test_lone_entries_of_an_alternating_stem_join_their_base_form():
    families = [("stůl", ["stůl"]), ("stolu", ["stolu"]), ("stolem", ["stolem"])]
    mapping = lemmas.lemma_map(families)
    assert mapping["stolu"] == mapping["stolem"] == mapping["stul"] == "stul"


def test_negative_forms_keep_the_prefix():
    families = [("bezpečný", ["bezpečný", "nebezpečný", "nejbezpečnější", "bezpečného"])]
    mapping = lemmas.lemma_map(families)
    assert mapping["nebezpecny"] == "nebezpecny"
    assert mapping["nejbezpecnejsi"] == mapping["bezpecneho"] == "bezpecny"


def test_the_table_is_written_once_and_read_through_the_file(tmp_path):
    path = tmp_path / "lemmas"
    lemmas.write_table({"detem": "dite", "deti": "dite", "rodinam": "rodina"}, path)
    table = lemmas.LemmaTable(path)
    assert table.get("detem") == "dite"
    assert table.get("rodinam") == "rodina"
    assert table.get("xylofon") is None
    assert len(table) == 3


def test_the_dictionary_table_knows_millions_of_forms():
    table = lemmas.table()
    assert table is not None, "make lemmas installs hunspell-cs and hunspell-tools"
    assert len(table) > 3_000_000
