"""One slip in a long word: its neighbours, and the Czech words among them."""

from portal.search import typos


def test_neighbours_cover_a_missing_added_swapped_and_wrong_letter():
    found = typos.neighbours("kontakt")
    assert "kontak" in found  # missing
    assert "konntakt" in found  # added
    assert "kontkat" in found  # swapped
    assert "kontákt" in found  # wrong (a Czech letter)
    assert "kontakt" not in found


def test_only_dictionary_words_are_offered_by_their_terms():
    offered = typos.dictionary_neighbours("opatrovnyk")
    assert offered["opatrovnik"] == "opatrovnik"
    assert all(term.isalpha() for term in offered)
    assert typos.dictionary_neighbours("qqqqqqq") == {}
