"""Which pages an anonymous visitor may not see, looked up once per request.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called, so a
page with six listings read them six times. ``public(queryset)`` filters on the restricted
paths, which ``RestrictedPathsMiddleware`` keeps for the length of one request.
"""

from collections import defaultdict
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import migrations, models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

_request_memo = ContextVar("portal_restricted_paths", default=None)


def restricted_paths():
    """Paths of the pages that carry a view restriction (their subtrees are not public)."""
    memo = _request_memo.get()
    if memo is not None and "paths" in memo:
        return memo["paths"]
    paths = tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))
    if memo is not None:
        memo["paths"] = paths
    return paths


def private_q():
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q


def public(queryset):
    """The pages of `queryset` outside every restricted section (like ``.public()``)."""
    q = private_q()
    return queryset.exclude(q) if q else queryset


def is_public(page):
    return not any(page.path.startswith(path) for path in restricted_paths())


class RestrictedPathsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


# --- who can see a page, stored beside its own fields -----------------------------------------


class Visibility(models.IntegerChoices):
    """Who can read a page, kept on the page's own table (`BasePage.visibility`).

    A listing counts and sorts thousands of pages; read from Wagtail's page table, `live` and
    the restricted paths cost a join per page. Kept here, they are one indexed column. The page
    keeps it as it is saved; a move or a privacy change refreshes the section it touches.
    """

    OFFLINE = 0, _("nezveřejněná")
    PUBLIC = 1, _("veřejná")
    STAFF = 2, _("jen pro pracovníky OSPOD")


def visibility_of(live, path):
    if not live:
        return Visibility.OFFLINE
    return (
        Visibility.STAFF
        if any(path.startswith(p) for p in restricted_paths())
        else Visibility.PUBLIC
    )


def visible(queryset, staff=False):
    """The live pages of `queryset` a visitor may read: the public ones, and for OSPOD staff
    the staff-only ones too; from the page type's own column where it has one."""
    if not has_visibility(queryset.model):
        live = queryset.live()
        return live if staff else public(live)
    if staff:
        return queryset.filter(visibility__in=(Visibility.PUBLIC, Visibility.STAFF))
    return queryset.filter(visibility=Visibility.PUBLIC)


def has_visibility(model):
    return any(field.name == "visibility" for field in model._meta.concrete_fields)


def forget_restricted_paths():
    """After a view restriction changes: the rest of the request reads them again."""
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("paths", None)


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
    """A page saved as Wagtail's own Page (a move, a script) sets no visibility of its own."""
    if not raw:
        refresh_visibility(Page.objects.filter(pk=instance.pk))


def connect():
    post_save.connect(
        _on_restriction_change, sender=PageViewRestriction, dispatch_uid="visibility-r"
    )
    post_delete.connect(
        _on_restriction_change, sender=PageViewRestriction, dispatch_uid="visibility-d"
    )
    post_page_move.connect(_on_move, dispatch_uid="visibility-move")
    post_save.connect(_on_plain_page_save, sender=Page, dispatch_uid="visibility-page")


def fill_visibility(app_label):
    """A migration step: the visibility of the app's existing pages (historical models)."""

    def fill(apps, schema_editor):
        paths = apps.get_model("wagtailcore", "PageViewRestriction").objects.values_list(
            "page__path", flat=True
        )
        private = Q()
        for path in set(paths):
            private |= Q(path__startswith=path)
        for model in apps.get_app_config(app_label).get_models():
            if has_visibility(model):
                live = model.objects.filter(live=True)
                live.exclude(private).update(visibility=Visibility.PUBLIC)
                if private:
                    live.filter(private).update(visibility=Visibility.STAFF)

    return migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)
