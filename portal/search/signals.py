"""Keep the search index current as editors publish, move, restrict and upload.

Connected by ``PortalConfig.ready()``. Pages are indexed when published (their child
relations and tags are saved by then), removed when unpublished or deleted; documents
get their text extracted when their file is saved and are indexed after every save.
Pages created in code without publishing (factories, the demo loader) are indexed by
``manage.py rebuild_search_index``.
"""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from portal.core.models import PortalDocument
from portal.search import indexing, schema
from portal.search.engine import get_engine
from portal.search.extraction import extract_from_field_file
from portal.search.models import SearchSynonym
from portal.search.query import forget_synonyms

# --- pages --------------------------------------------------------------------------------


def _reindex_documents_of(page_ids):
    document_ids = indexing.attached_document_ids(page_ids)
    if document_ids:
        indexing.index_documents(list(document_ids))


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    indexing.index_page(instance)
    _reindex_documents_of([instance.pk])


@receiver(page_unpublished)
def remove_unpublished_page(sender, instance, **kwargs):
    indexing.remove_page(instance)
    _reindex_documents_of([instance.pk])


@receiver(pre_delete)
def remember_attached_documents(sender, instance, **kwargs):
    if isinstance(instance, Page):
        instance._search_attached_documents = indexing.attached_document_ids([instance.pk])


@receiver(post_delete)
def remove_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexing.remove_page(instance)
        document_ids = getattr(instance, "_search_attached_documents", set())
        if document_ids:
            indexing.index_documents(list(document_ids))


@receiver(post_page_move)
def reindex_moved_page(sender, instance, **kwargs):
    indexing.index_subtree(instance)


@receiver(page_slug_changed)
def reindex_renamed_page(sender, instance, **kwargs):
    indexing.index_subtree(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def refresh_page_privacy(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.refresh_page_privacy(page)


# --- documents ----------------------------------------------------------------------------


def _file_changed(document):
    if not document.file:
        return False
    if not document.file._committed or document.pk is None:
        return True
    stored = PortalDocument.objects.filter(pk=document.pk).values_list("file", flat=True).first()
    return stored != document.file.name


@receiver(pre_save, sender=PortalDocument)
def extract_document_text(sender, instance, raw=False, update_fields=None, **kwargs):
    """Read the text out of a newly uploaded file (a broken file leaves the text empty)."""
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    if _file_changed(instance):
        instance.extracted_text = extract_from_field_file(instance.file)


@receiver(post_save, sender=PortalDocument)
def index_saved_document(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_documents([instance.pk])


@receiver(post_delete, sender=PortalDocument)
def remove_deleted_document(sender, instance, **kwargs):
    indexing.remove_objects(PortalDocument, [instance.pk])


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def refresh_collection_privacy(sender, instance, **kwargs):
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        indexing.refresh_collection_privacy(collection)


# --- the full-text structures ---------------------------------------------------------


@receiver(post_migrate)
def repair_fulltext_structures(sender, using="default", **kwargs):
    """SQLite drops the FTS triggers whenever a migration makes Django recreate the entry
    table (e.g. when a field is added); put back whatever is missing."""
    connection = connections[using]
    if sender.label == "search" and schema.ENTRY_TABLE in connection.introspection.table_names():
        schema.repair(connection)


# --- synonyms -----------------------------------------------------------------------------


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def apply_synonym_change(sender, **kwargs):
    forget_synonyms()
    get_engine().synonyms_changed()
