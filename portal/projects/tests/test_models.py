"""What the shared models compute for the pages that show them."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase

from portal.core.factories import PortalImageFactory
from portal.projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from portal.projects.models import ResultIndicator, TargetIndicator, validate_registration_number
from portal.taxonomy.factories import TopicFactory
from portal.taxonomy.models import Person, Topic


class ResultIndicatorTests(SimpleTestCase):
    def test_percent_change_of_a_before_after_pair(self):
        indicator = ResultIndicator(
            label="Čas administrativy", value_before=Decimal(111), value_after=Decimal(96)
        )
        self.assertEqual(indicator.percent_change, Decimal("-14"))
        growth = ResultIndicator(label="Přímá práce", value_before=Decimal(48), value_after=55)
        self.assertEqual(growth.percent_change, Decimal("15"))

    def test_no_percent_change_without_a_pair_or_from_zero(self):
        self.assertIsNone(ResultIndicator(label="Spokojenost", change_label="+22 %").percent_change)
        self.assertIsNone(
            ResultIndicator(label="Nové", value_before=Decimal(0), value_after=5).percent_change
        )

    def test_a_result_needs_a_pair_or_a_stated_change(self):
        with self.assertRaisesMessage(ValidationError, "Vyplňte hodnoty před a po"):
            ResultIndicator(label="Spokojenost", value_before=Decimal(3)).clean()
        ResultIndicator(label="Spokojenost", change_label="2×").clean()
        ResultIndicator(label="Čas", value_before=Decimal(111), value_after=Decimal(96)).clean()


class TargetIndicatorTests(SimpleTestCase):
    def test_is_met_compares_achieved_with_planned(self):
        def target(achieved):
            return TargetIndicator(
                label="Pěstouni v programu",
                planned_value=Decimal(20),
                achieved_value=None if achieved is None else Decimal(achieved),
            )

        self.assertIsNone(target(None).is_met)
        self.assertTrue(target(20).is_met)
        self.assertTrue(target(23).is_met)
        self.assertFalse(target(19).is_met)


class PersonTests(SimpleTestCase):
    def test_full_name_carries_degrees_before_and_after(self):
        person = Person(name="Martina Cirbusová", degrees_before="Mgr. Ing.", degrees_after="Ph.D.")
        self.assertEqual(person.full_name, "Mgr. Ing. Martina Cirbusová, Ph.D.")
        self.assertEqual(str(person), "Mgr. Ing. Martina Cirbusová, Ph.D.")

    def test_full_name_without_degrees_is_just_the_name(self):
        self.assertEqual(Person(name="Petr Svoboda").full_name, "Petr Svoboda")
        self.assertEqual(Person(name="Eva Malá", degrees_after="DiS.").full_name, "Eva Malá, DiS.")


class RegistrationNumberTests(SimpleTestCase):
    def test_the_styles_projects_print_are_valid(self):
        for number in (
            "CZ.03.2.63/0.0/0.0/19_098/0015128",
            "CZ.03.2.63/0.0/0.0./15_007/0003048",
            "CZ.03.2.X/0.0/0.0./17_076/0011431",
        ):
            with self.subTest(number=number):
                validate_registration_number(number)

    def test_malformed_numbers_are_rejected_with_a_czech_message(self):
        for number in (
            "CZ-123",
            "CZ.03.2.63/0.0/0.0/19_098/001512",
            "cz.03.2.63/0.0/0.0/19_098/0015128",
            "CZ.03.2.63/0.0/0.0/19_098/0015128 ",
            "CZ.03.2.Y/0.0/0.0/19_098/0015128",
        ):
            with (
                self.subTest(number=number),
                self.assertRaisesMessage(ValidationError, "Registrační číslo má tvar"),
            ):
                validate_registration_number(number)


class TopicTests(TestCase):
    def test_topic_slug_is_ascii(self):
        self.assertEqual(TopicFactory(name="Pěstounská péče").slug, "pestounska-pece")
        self.assertEqual(
            TopicFactory(name="Kolizní opatrovnictví a Cochemská praxe").slug,
            "kolizni-opatrovnictvi-a-cochemska-praxe",
        )
        self.assertEqual(TopicFactory(name="Síťař, průvodce změnou").slug, "sitar-pruvodce-zmenou")

    def test_topic_names_are_case_insensitive(self):
        topic = TopicFactory(name="Asistovaný kontakt")
        self.assertEqual(Topic.objects.get(name__iexact="asistovaný KONTAKT"), topic)


# A card's classes and the title its first link shows.
CARD = re.compile(r'<article class="([^"]*)">\s*.*?<a href="[^"]*">([^<]*)</a>', re.S)


class ProjectCardTests(TestCase):
    def test_a_project_with_a_logo_shows_it_on_its_card_others_do_not(self):
        ProjectIndexPageFactory()
        ProjectPageFactory(title="Projekt s logem", logo=PortalImageFactory())
        ProjectPageFactory(title="Projekt bez loga")
        html = self.client.get("/projekty/").content.decode()
        cards = dict(CARD.findall(html))
        self.assertEqual(
            {title: "card--logo" in classes for classes, title in cards.items()},
            {"Projekt s logem": True, "Projekt bez loga": False},
        )
