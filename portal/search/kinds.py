"""The result types of the search, as the indexed models declare them.

Every page class says what it is to a searcher in ``search_kind`` (a
``portal.core.models.SearchKind``), documents too; a page type whose pages move through
validation stages names that field in ``search_stage_field``, one whose pages carry an
evidence level ``search_evidence_field``. The keys are the values of the ``typ`` filter
(``/hledat/?typ=methodology``).
"""

from functools import cache

from django.apps import apps

from portal.core.models import BasePage, PortalDocument

DOCUMENT = PortalDocument.search_kind


def page_models():
    """Concrete page models of the portal (everything built on BasePage)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and not model._meta.abstract
    ]


def page_kind(page):
    return page.get_search_kind()


@cache
def kinds_by_key():
    """{key: SearchKind} of every indexed model, pages first, in the apps' order."""
    found = {}
    for model in [*page_models(), PortalDocument]:
        for kind in model.search_kinds():
            found.setdefault(kind.key, kind)
    return found


def kind_label(key):
    kind = kinds_by_key().get(key)
    return kind.label if kind else key


@cache
def stage_field():
    """(page model, field name) of the pages that have a validation stage, or None."""
    for model in page_models():
        if model.search_stage_field:
            return model, model.search_stage_field
    return None


def page_stage(page):
    """The page's validation stage, or "" for page types without one."""
    return getattr(page, page.search_stage_field) if page.search_stage_field else ""


def stage_choices():
    """[(value, label), ...] of the validation stages, in their order (idea -> validated)."""
    found = stage_field()
    if found is None:
        return []
    model, field_name = found
    return list(model._meta.get_field(field_name).choices)


def stage_label(value):
    return dict(stage_choices()).get(value, value)


@cache
def evidence_field():
    """(page model, field name) of the first page type with an evidence level, or None."""
    for model in page_models():
        if model.search_evidence_field:
            return model, model.search_evidence_field
    return None


def page_evidence(page):
    """The page's evidence level, or "" for page types without one."""
    return getattr(page, page.search_evidence_field) if page.search_evidence_field else ""


def evidence_choices():
    """[(value, label), ...] of the evidence levels, weakest first (the published scale)."""
    found = evidence_field()
    if found is None:
        return []
    model, field_name = found
    return list(model._meta.get_field(field_name).choices)
