"""The admin's English strings, read from the installed packages' own catalogues.

Wagtail and Django ship an English catalogue (`locale/en/LC_MESSAGES/*.po`) listing every
string of their user interface; django-axes ships none, so its strings are read from its
source. The portal's Czech catalogue (`portal/locale/cs/`) translates what the packages' own
Czech catalogues leave out; after an upgrade these lists name the new strings.
"""

import ast
from importlib.util import find_spec
from pathlib import Path

import polib

# The installed apps that speak to editors, reviewers and administrators.
PACKAGES = [
    "wagtail",
    "wagtail.admin",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.sites",
    "wagtail.search",
    "wagtail.embeds",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "django.conf",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
]
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
PLURAL_CALLS = {"ngettext", "ngettext_lazy"}


def package_dir(name):
    return Path(find_spec(name).submodule_search_locations[0])


def catalogue(name, language, domain):
    path = package_dir(name) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else []


def english_entries(domain):
    """(package, entry) for every English string of the admin packages' `domain` catalogue."""
    for name in PACKAGES:
        for entry in catalogue(name, "en", domain):
            if not entry.obsolete and entry.msgid:
                yield name, entry


def translated_keys(entries):
    return {
        (e.msgctxt, e.msgid)
        for e in entries
        if e.translated() and not e.obsolete and "fuzzy" not in e.flags
    }


def axes_strings():
    """(msgid, msgid_plural) of every translatable string in django-axes' source."""
    found = set()
    for path in sorted(package_dir("axes").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = getattr(node.func, "id", getattr(node.func, "attr", ""))
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if func in GETTEXT_CALLS and texts and isinstance(texts[-1], str):
                found.add((texts[-1], ""))
            elif func in PLURAL_CALLS and len(texts) >= 2:
                found.add((texts[0], texts[1]))
    return sorted(found)


def untranslated(domain, ours=()):
    """English entries that no package's Czech catalogue nor `ours` translates.

    Django merges the catalogues of all apps, so a string translated in any one is Czech.
    """
    seen = translated_keys(ours)
    for name in PACKAGES:
        seen |= translated_keys(catalogue(name, "cs", domain))
    for _name, entry in english_entries(domain):
        key = (entry.msgctxt, entry.msgid)
        if key not in seen:
            seen.add(key)
            yield entry
