"""The portal's Czech catalogue completes the admin's: every string the installed Wagtail,
Django and django-axes admin shows has a Czech translation, with Czech plural forms."""

from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.admin_strings import PACKAGES, axes_strings, catalogue, untranslated

CATALOGUES = Path(__file__).resolve().parents[1] / "portal" / "locale" / "cs" / "LC_MESSAGES"
CZECH_PLURALS = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"


def ours(domain):
    return polib.pofile(str(CATALOGUES / f"{domain}.po"))


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_admin_string_has_a_czech_translation(domain):
    missing = [entry.msgid for entry in untranslated(domain, ours(domain))]
    assert not missing, f"translate in portal/locale/cs/LC_MESSAGES/{domain}.po: {missing}"


def test_every_django_axes_string_has_a_czech_translation():
    catalogue = {entry.msgid for entry in ours("django") if entry.translated()}
    assert not [msgid for msgid, _plural in axes_strings() if msgid not in catalogue]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_plurals_follow_czech_grammar(domain):
    catalogue = ours(domain)
    assert catalogue.metadata["Plural-Forms"] == CZECH_PLURALS
    for entry in catalogue:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1, 2], entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_javascript_plurals_come_from_our_catalogue():
    """The JavaScript catalogue has one plural formula, ours (three forms), while the packages'
    Czech catalogues use four; so every plural string the admin's scripts show is ours."""
    plurals = {entry.msgid for entry in ours("djangojs") if entry.msgid_plural}
    for name in PACKAGES:
        for entry in catalogue(name, "cs", "djangojs"):
            assert not entry.msgid_plural or entry.msgid in plurals, entry.msgid


def test_the_compiled_catalogue_is_what_django_serves():
    """`make install` compiles the catalogue; Django then prefers it to the packages' own."""
    for domain in ("django", "djangojs"):
        compiled, source = CATALOGUES / f"{domain}.mo", CATALOGUES / f"{domain}.po"
        assert compiled.exists(), "not compiled: run `make messages`"
        assert compiled.stat().st_mtime >= source.stat().st_mtime, "run `make messages`"
    with translation.override("cs"):
        assert gettext("Search all pages…") == "Hledat ve všech stránkách…"
        assert gettext("Submit to %(workflow_name)s") == "Odeslat ke schválení"
        pages = '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>'
        plural = pages.replace("Page", "Pages")
        forms = [ngettext(pages, plural, n).split(" <")[0] for n in (1, 3, 5)]
        assert forms == ["%(total)s stránka", "%(total)s stránky", "%(total)s stránek"]
