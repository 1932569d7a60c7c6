"""Turning live pages and documents into search entries.

What is searchable is declared by each model's Wagtail ``search_fields`` and turned into
analysed terms by ``portal.search.texts``; this module adds the facets (type, date,
project, regions, topics, validation stage, the practitioner's record's target groups,
settings, standards and evidence level) and the staff-only flag, and keeps the entries
in step with publishing, privacy and deletion.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.search import index

from portal.core.models import AttachedDocument, BasePage, PortalDocument
from portal.projects.models import ProjectPage
from portal.search import kinds, schema
from portal.search.engine import get_engine
from portal.search.models import VOCABULARY_IDS_LENGTH, SearchEntry, encode_ids
from portal.search.texts import collect_texts
from portal.taxonomy.models import (
    Municipality,
    PracticeSetting,
    QualityStandard,
    Region,
    TargetGroup,
)

BATCH_SIZE = 500
# Entry column -> the vocabulary a page links to (any many-to-many field to it counts).
RECORD_VOCABULARIES = {
    "target_group_ids": TargetGroup,
    "setting_ids": PracticeSetting,
    "standard_ids": QualityStandard,
}
# Files that are pictures or sound rather than text; their pages are the search results.
MEDIA_EXTENSIONS = ("mp4", "webm")


# --- what the index needs to know about the whole site --------------------------------------


@dataclass
class IndexContext:
    """Site-wide facts looked up once per rebuild (or once per signal)."""

    restricted_page_paths: list[str]
    restricted_collection_paths: list[str]
    project_paths: dict[str, int]
    project_regions: dict[int, set[int]]
    municipality_regions: dict[int, int]

    @classmethod
    def load(cls):
        project_regions = {}
        for project_id, region_id in ProjectPage.regions.through.objects.values_list(
            "projectpage_id", "region_id"
        ):
            project_regions.setdefault(project_id, set()).add(region_id)
        return cls(
            restricted_page_paths=list(
                PageViewRestriction.objects.values_list("page__path", flat=True)
            ),
            restricted_collection_paths=list(
                CollectionViewRestriction.objects.values_list("collection__path", flat=True)
            ),
            project_paths=dict(ProjectPage.objects.values_list("path", "id")),
            project_regions=project_regions,
            municipality_regions=dict(Municipality.objects.values_list("id", "region_id")),
        )

    def page_is_restricted(self, page):
        return any(page.path.startswith(path) for path in self.restricted_page_paths)

    def collection_is_restricted(self, collection_path):
        return any(collection_path.startswith(path) for path in self.restricted_collection_paths)

    def project_id_for(self, page):
        """The page's own project, the project above it, or the project it names as its source."""
        for depth in range(len(page.path), 0, -Page.steplen):
            project_id = self.project_paths.get(page.path[:depth])
            if project_id:
                return project_id
        project = page.funding_project
        return project.pk if project else None

    def regions_of(self, obj):
        """Every kraj the object refers to, directly or through an ORP (municipality)."""
        region_ids = set()
        for model_field in obj._meta.concrete_fields:
            if model_field.is_relation and model_field.many_to_one:
                related_id = getattr(obj, model_field.attname)
                if related_id is None:
                    continue
                if model_field.related_model is Region:
                    region_ids.add(related_id)
                elif model_field.related_model is Municipality:
                    region_ids.add(self.municipality_regions.get(related_id))
        for model_field in obj._meta.many_to_many:
            if model_field.related_model is Region:
                region_ids.update(r.pk for r in getattr(obj, model_field.name).all())
            elif model_field.related_model is Municipality:
                region_ids.update(m.region_id for m in getattr(obj, model_field.name).all())
        region_ids.discard(None)
        return region_ids


# --- entries --------------------------------------------------------------------------------


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def linked_ids(obj, model):
    """Ids of the `model` rows the object links to by its many-to-many fields (prefetched)."""
    ids = set()
    for model_field in obj._meta.many_to_many:
        if model_field.related_model is model:
            ids.update(item.pk for item in getattr(obj, model_field.name).all())
    return ids


def record_facets(page):
    """The practitioner's record facets of a page (empty for page types without a record)."""
    fields = {
        column: encode_ids(linked_ids(page, model), max_length=VOCABULARY_IDS_LENGTH)
        for column, model in RECORD_VOCABULARIES.items()
    }
    fields["evidence_level"] = kinds.page_evidence(page) or ""
    return fields


def page_entry(page, context):
    """An unsaved SearchEntry for a live, specific page; None when the page has no URL."""
    url = page.get_url()
    if not url:
        return None
    kind = kinds.page_kind(page)
    texts = collect_texts(page)
    date = _as_date(page.content_date())
    project_id = context.project_id_for(page)
    region_ids = context.regions_of(page) | context.project_regions.get(project_id, set())
    stage = kinds.page_stage(page)
    return SearchEntry(
        content_type_id=page.content_type_id,
        object_id=page.pk,
        kind=kind.key,
        title=page.title[:255],
        url=url,
        date=date,
        year=date.year if date else None,
        project_id=project_id,
        region_ids=encode_ids(region_ids, max_length=255),
        topic_ids=encode_ids(topic.pk for topic in page.topics.all()),
        validation_stage=stage or "",
        staff_only=context.page_is_restricted(page),
        **record_facets(page),
        **texts.entry_fields(kind.weight),
    )


def document_entry(document, context, attaching_entries):
    """An unsaved SearchEntry for a document; facets also come from the pages attaching it."""
    texts = collect_texts(document)
    # Its own date, else that of the page it belongs to: not the upload time.
    page_dates = (entry.date for entry in attaching_entries if entry.date)
    date = document.published_on or next(page_dates, None)
    projects = [entry.project_id for entry in attaching_entries if entry.project_id]
    region_ids = context.regions_of(document)
    topic_ids = set()
    for entry in attaching_entries:
        region_ids.update(entry.region_id_list)
        topic_ids.update(entry.topic_id_list)
    return SearchEntry(
        content_type_id=ContentType.objects.get_for_model(PortalDocument).pk,
        object_id=document.pk,
        kind=kinds.DOCUMENT.key,
        title=document.title[:255],
        url=document.url,
        date=date,
        year=date.year if date else None,
        project_id=projects[0] if projects else None,
        region_ids=encode_ids(region_ids, max_length=255),
        topic_ids=encode_ids(topic_ids),
        # The stage and the record's facets describe the methodology or tool itself.
        validation_stage="",
        staff_only=context.collection_is_restricted(document.collection.path),
        **texts.entry_fields(kinds.DOCUMENT.weight),
    )


# --- which objects, and how they reach the engine --------------------------------------------


def attachment_models():
    """The concrete AttachedDocument models (project, report, methodology, tool documents)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, AttachedDocument) and not model._meta.abstract
    ]


def _with_related(queryset):
    for search_field in queryset.model.get_search_fields():
        if isinstance(search_field, index.RelatedFields):
            queryset = search_field.select_on_queryset(queryset)
    return queryset


def _with_projects(queryset):
    """Join the projects a page names by foreign key (its funding_project, read per page)."""
    links = [
        model_field.name
        for model_field in queryset.model._meta.concrete_fields
        if model_field.many_to_one and model_field.related_model is ProjectPage
    ]
    return queryset.select_related(*links) if links else queryset


def indexable_pages(model):
    content_type = ContentType.objects.get_for_model(model)
    queryset = model.objects.live().filter(content_type=content_type).order_by("path")
    return _with_projects(_with_related(queryset.prefetch_related("topics")))


def indexable_documents():
    media = Q()
    for extension in MEDIA_EXTENSIONS:
        media |= Q(file__iendswith=f".{extension}")
    return _with_related(
        PortalDocument.objects.exclude(media).select_related("collection").order_by("pk")
    )


def attaching_page_ids(document_ids):
    """{document id: [ids of pages that attach it]} over every AttachedDocument model."""
    querysets = [
        model.objects.filter(document_id__in=document_ids)
        .order_by()
        .values_list("document_id", "page_id")
        for model in attachment_models()
    ]
    pages = {}
    if querysets:
        for document_id, page_id in querysets[0].union(*querysets[1:], all=True):
            pages.setdefault(document_id, []).append(page_id)
    for page_ids in pages.values():
        page_ids.sort()
    return pages


def attached_document_ids(page_ids):
    ids = set()
    for model in attachment_models():
        ids.update(model.objects.filter(page_id__in=page_ids).values_list("document_id", flat=True))
    return ids


def page_entries_by_id(page_ids):
    document_type = ContentType.objects.get_for_model(PortalDocument)
    return {
        entry.object_id: entry
        for entry in SearchEntry.objects.filter(object_id__in=page_ids).exclude(
            content_type=document_type
        )
    }


def _document_entries(documents, context):
    documents = list(documents)
    attachments = attaching_page_ids([d.pk for d in documents])
    page_ids = {page_id for ids in attachments.values() for page_id in ids}
    entries = page_entries_by_id(page_ids)
    for document in documents:
        attaching = [entries[i] for i in attachments.get(document.pk, []) if i in entries]
        yield document_entry(document, context, attaching)


# --- writing ---------------------------------------------------------------------------------


def _save(entry):
    """Insert the entry of one object, or update it in place (its id stays the same)."""
    entry.pk = (
        SearchEntry.objects.filter(content_type_id=entry.content_type_id, object_id=entry.object_id)
        .values_list("pk", flat=True)
        .first()
    )
    entry.save(force_insert=entry.pk is None)
    return entry


def index_page(page, context=None):
    """Index a page if it is live and has a URL; otherwise remove it from the index."""
    page = page.specific
    if not page.live or not isinstance(page, BasePage):
        remove_page(page)
        return None
    context = context or IndexContext.load()
    page = _with_related(type(page).objects.filter(pk=page.pk)).prefetch_related("topics").first()
    entry = page_entry(page, context) if page else None
    if entry is None:
        return None
    with transaction.atomic():
        entry = _save(entry)
    _engine().entries_saved([entry])
    return entry


def index_documents(document_ids, context=None):
    context = context or IndexContext.load()
    documents = indexable_documents().filter(pk__in=document_ids)
    indexed_ids = set()
    saved = []
    with transaction.atomic():
        for entry in _document_entries(documents, context):
            saved.append(_save(entry))
            indexed_ids.add(entry.object_id)
    _engine().entries_saved(saved)
    not_indexable = set(document_ids) - indexed_ids
    if not_indexable:
        remove_objects(PortalDocument, not_indexable)
    return saved


def index_subtree(page):
    """Re-index a page and everything under it (after a move or a slug change)."""
    context = IndexContext.load()
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        index_page(descendant, context)


def refresh_page_privacy(page):
    """Set the staff-only flag of the page's and its descendants' entries after a privacy change."""
    context = IndexContext.load()
    restricted, public = [], []
    for page_id, path in Page.objects.descendant_of(page, inclusive=True).values_list("id", "path"):
        is_restricted = any(path.startswith(p) for p in context.restricted_page_paths)
        (restricted if is_restricted else public).append(page_id)
    document_type = ContentType.objects.get_for_model(PortalDocument)
    changed = []
    for page_ids, staff_only in ((restricted, True), (public, False)):
        entries = SearchEntry.objects.filter(object_id__in=page_ids, staff_only=not staff_only)
        entries = entries.exclude(content_type=document_type)
        ids = list(entries.values_list("pk", flat=True))
        SearchEntry.objects.filter(pk__in=ids).update(staff_only=staff_only)
        changed.extend(ids)
    if changed:
        _engine().entries_saved(list(SearchEntry.objects.filter(pk__in=changed)))


def refresh_collection_privacy(collection):
    """Re-index the documents of a collection and its sub-collections."""
    documents = PortalDocument.objects.filter(collection__path__startswith=collection.path)
    index_documents(list(documents.values_list("pk", flat=True)))


def remove_objects(model_or_content_type_id, object_ids):
    if isinstance(model_or_content_type_id, int):
        filters = {"content_type_id": model_or_content_type_id}
    else:
        filters = {"content_type": ContentType.objects.get_for_model(model_or_content_type_id)}
    entries = SearchEntry.objects.filter(object_id__in=list(object_ids), **filters)
    ids = list(entries.values_list("pk", flat=True))
    entries.delete()
    if ids:
        _engine().entries_removed(ids)


def remove_page(page):
    remove_objects(page.content_type_id, [page.pk])


def _bulk_insert(entries):
    """Insert entries in batches; returns how many."""
    count, batch = 0, []
    for entry in entries:
        if entry is None:
            continue
        batch.append(entry)
        if len(batch) >= BATCH_SIZE:
            SearchEntry.objects.bulk_create(batch)
            count, batch = count + len(batch), []
    SearchEntry.objects.bulk_create(batch)
    return count + len(batch)


def _all_page_entries(context):
    for model in kinds.page_models():
        for page in indexable_pages(model).iterator(chunk_size=BATCH_SIZE):
            yield page_entry(page, context)


def _all_document_entries(context):
    documents = indexable_documents()
    last_id = 0
    while True:
        chunk = list(documents.filter(pk__gt=last_id)[:BATCH_SIZE])
        if not chunk:
            return
        yield from _document_entries(chunk, context)
        last_id = chunk[-1].pk


def rebuild_index():
    """Replace the whole index with fresh entries for every live page and every document.

    Pages go first: a document's facets come from the entries of the pages attaching it.
    """
    with transaction.atomic():
        schema.repair(connection)
        schema.suspend_sync(connection)
        SearchEntry.objects.all().delete()
        context = IndexContext.load()
        count = _bulk_insert(_all_page_entries(context))
        count += _bulk_insert(_all_document_entries(context))
        schema.resume_sync(connection)
    _engine().rebuilt()
    return count


def _engine():
    return get_engine()
