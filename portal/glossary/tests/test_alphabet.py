from types import SimpleNamespace

from django.test import SimpleTestCase

from portal.glossary.alphabet import by_letter


class CzechAlphabetTests(SimpleTestCase):
    def test_terms_are_grouped_under_the_letters_of_the_czech_alphabet_in_order(self):
        titles = ["žádost", "Zákon", "chůva", "hra", "čas", "cesta", "Ústav", "řád", "rodina"]
        groups = by_letter(SimpleNamespace(title=title) for title in titles)
        self.assertEqual(
            [(letter, [term.title for term in terms]) for letter, terms in groups],
            [
                ("C", ["cesta"]),
                ("Č", ["čas"]),
                ("H", ["hra"]),
                ("Ch", ["chůva"]),
                ("R", ["rodina"]),
                ("Ř", ["řád"]),
                ("U", ["Ústav"]),
                ("Z", ["Zákon"]),
                ("Ž", ["žádost"]),
            ],
        )
