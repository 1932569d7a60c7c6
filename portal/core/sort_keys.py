"""What listings sort by, stored on the page type's own table.

A listing sorts by the title folded for A–Z, or by the first publication; both live on
Wagtail's page table, so sorting by them joined every listed page to it and, for A–Z, folded
every title on every request. Kept beside `visibility` (see `portal.core.visibility`), each
listing reads its first page off one index in its own order (`listings.ListingOrderIndex`).
A page sets its keys as it is saved with the value it publishes; `manage.py
refresh_visibility` sets them from scratch.
"""

from django.db import migrations

from portal.core.text import fold

# key field -> the page field it is copied from
SORT_KEYS = {"sort_title": "title", "first_published": "first_published_at"}


def sort_title_of(title):
    return fold(title or "")[:255]


def set_sort_keys(page, update_fields=None):
    """Set the keys a save writes: a save of chosen fields (a draft's revision carries the
    draft's title, not the live one) writes only the keys of those fields. Returns them."""
    written = set()
    if update_fields is None or "title" in update_fields:
        page.sort_title = sort_title_of(page.title)
        written.add("sort_title")
    if update_fields is None or "first_published_at" in update_fields:
        page.first_published = page.first_published_at
        written.add("first_published")
    return written


def has_sort_keys(model):
    return set(SORT_KEYS) <= {field.name for field in model._meta.concrete_fields}


def refresh_sort_keys(model, pages):
    """Store the keys of `pages` (a queryset of `model`, a page type) afresh."""
    rows = pages.values_list("pk", "title", "first_published_at")
    keyed = [
        model(pk=pk, sort_title=sort_title_of(title), first_published=first)
        for pk, title, first in rows
    ]
    model.objects.bulk_update(keyed, list(SORT_KEYS), batch_size=500)


def fill_sort_keys(app_label):
    """A migration step (and part of `manage.py refresh_visibility`): the keys of every page
    of the app."""

    def fill(apps, schema_editor):
        for model in apps.get_app_config(app_label).get_models():
            if has_sort_keys(model):
                refresh_sort_keys(model, model.objects.all())

    return migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)
