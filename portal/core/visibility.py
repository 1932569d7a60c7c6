"""Who can see a page, stored on the page type's own table and copied to link tables.

A listing counts and sorts thousands of pages: read from Wagtail's page table, `live` and the
restricted paths cost a join per page; kept here, they are one indexed column
(`BasePage.visibility`). A page sets it as it is saved (publish, unpublish, expiry); a move or
a change of a view restriction sets it afresh for the whole section it touches. Link tables
that listings count by (topics) keep a copy of their page's type and visibility.
"""

from collections import defaultdict
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from portal.core.privacy import forget_restricted_paths, is_public_path, public
from portal.core.sort_keys import has_sort_keys, refresh_sort_keys


class Visibility(models.IntegerChoices):
    """Who can read a page."""

    OFFLINE = 0, _("nezveřejněná")
    PUBLIC = 1, _("veřejná")
    STAFF = 2, _("jen pro pracovníky OSPOD")


def visibility_of(live, path):
    if not live:
        return Visibility.OFFLINE
    return Visibility.PUBLIC if is_public_path(path) else Visibility.STAFF


def visible(queryset, staff=False):
    """The live pages of `queryset` a visitor may read: the public ones, and for OSPOD staff
    the staff-only ones too; from the page type's own column where it has one."""
    if not has_visibility(queryset.model):
        live = queryset.live()
        return live if staff else public(live)
    return queryset.filter(visibility__in=visible_values(staff))


def visible_values(staff=False):
    return (Visibility.PUBLIC, Visibility.STAFF) if staff else (Visibility.PUBLIC,)


@cache
def has_visibility(model):
    """Whether `model` is a page type that stores its visibility (a link table's copy is not)."""
    names = {field.name for field in model._meta.concrete_fields}
    return {"visibility", "live", "path"} <= names


# Link tables that keep a copy of their page's visibility and type, so that a listing counts
# the pages per vocabulary entry from the link table's own index: [(model, its page field)].
VISIBILITY_COPIES = []


def keep_visibility_copy(model, page_field):
    VISIBILITY_COPIES.append((model, page_field))


def copy_visibility(page_ids, value):
    for model, page_field in VISIBILITY_COPIES:
        rows = model.objects.filter(**{f"{page_field}__in": page_ids})
        rows.exclude(visibility=value).update(visibility=value)


def refresh_visibility(pages):
    """Store the visibility of `pages` (a Page queryset) afresh, in one UPDATE per page type
    and value: a move or a privacy change changes it for a section without saving its pages."""
    groups = defaultdict(list)
    for pk, type_id, live, path in pages.values_list("pk", "content_type_id", "live", "path"):
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None and has_visibility(model):
            groups[(model, visibility_of(live, path))].append(pk)
    for (model, value), ids in groups.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            model.objects.filter(pk__in=chunk).exclude(visibility=value).update(visibility=value)
            copy_visibility(chunk, value)


def section_of(page_id):
    """The page `page_id` and everything under it."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    return Page.objects.filter(path__startswith=path) if path else Page.objects.none()


def _on_restriction_change(sender, instance, **kwargs):
    forget_restricted_paths()
    refresh_visibility(section_of(instance.page_id))


def _on_move(sender, instance, **kwargs):
    refresh_visibility(section_of(instance.pk))


def _on_plain_page_save(sender, instance, raw=False, **kwargs):
    """A page saved as Wagtail's own Page (a move, a script) sets none of what its page type
    stores: its visibility and its sort keys."""
    if not raw:
        refresh_visibility(Page.objects.filter(pk=instance.pk))
        model = instance.specific_class
        if model is not None and has_sort_keys(model):
            refresh_sort_keys(model, model.objects.filter(pk=instance.pk))


def connect():
    post_save.connect(
        _on_restriction_change, sender=PageViewRestriction, dispatch_uid="visibility-r"
    )
    post_delete.connect(
        _on_restriction_change, sender=PageViewRestriction, dispatch_uid="visibility-d"
    )
    post_page_move.connect(_on_move, dispatch_uid="visibility-move")
    post_save.connect(_on_plain_page_save, sender=Page, dispatch_uid="visibility-page")


def fill_visibility_copy(app_label, model_name, page_field):
    """A migration step (and part of `manage.py refresh_visibility`): the page type and
    visibility a link table keeps of its pages."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        pages = apps.get_model("wagtailcore", "Page").objects
        page_type = pages.filter(pk=OuterRef(f"{page_field}_id")).values("content_type_id")
        model.objects.update(page_type_id=Subquery(page_type[:1]))
        private = _private_q(apps)
        model.objects.update(visibility=Visibility.OFFLINE)
        public_pages = pages.filter(live=True).exclude(private).values("pk")
        rows_of = model.objects.filter
        rows_of(**{f"{page_field}__in": public_pages}).update(visibility=Visibility.PUBLIC)
        if private:
            staff_pages = pages.filter(live=True).filter(private).values("pk")
            rows_of(**{f"{page_field}__in": staff_pages}).update(visibility=Visibility.STAFF)

    return migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)


def _private_q(apps):
    paths = apps.get_model("wagtailcore", "PageViewRestriction").objects.values_list(
        "page__path", flat=True
    )
    private = Q()
    for path in set(paths):
        private |= Q(path__startswith=path)
    return private


def fill_visibility(app_label):
    """A migration step (and part of `manage.py refresh_visibility`): the visibility of the
    app's pages."""

    def fill(apps, schema_editor):
        private = _private_q(apps)
        for model in apps.get_app_config(app_label).get_models():
            if has_visibility(model):
                model.objects.update(visibility=Visibility.OFFLINE)
                live = model.objects.filter(live=True)
                live.exclude(private).update(visibility=Visibility.PUBLIC)
                if private:
                    live.filter(private).update(visibility=Visibility.STAFF)

    return migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)
