"""The admin form every portal page uses: it checks which documents and images a page uses.

An editor may use only documents and images from collections they can choose (their
project's), so nobody puts another project's material into a page by its id; a document
from a staff-only collection may appear only on a staff-only page, or its title would be
shown publicly. Both are checked whenever the form is saved, as a draft or to publish.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.permissions import policy_registry

from portal.core.access import collection_is_staff_only, page_is_staff_only


def field_references(model, cleaned_data):
    """(model, pk) of what the form's values point to: foreign keys, StreamField, rich text."""
    for name, value in cleaned_data.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(value, Model):
            yield type(value), str(value.pk)
        elif value is not None and hasattr(field, "extract_references"):
            for to_model, pk, _path, _content_path in field.extract_references(value):
                yield to_model, str(pk)


def stored_references(page):
    """(model, pk) pairs the page's latest saved version uses already."""
    if page.pk is None:
        return set()
    latest = page.get_latest_revision_as_object()
    return {
        (ContentType.objects.get_for_id(ct).model_class(), pk)
        for ct, pk, _path, _content_path in ReferenceIndex._extract_references_from_object(latest)
    }


class PortalPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        references = self.media_references()
        documents = get_document_model().objects.filter(pk__in=references["document"])
        images = get_image_model().objects.filter(pk__in=references["image"])
        self.check_choosable(documents, references["kept"])
        self.check_choosable(images, references["kept"])
        if not page_is_staff_only(self.instance, self.parent_page, cleaned_data):
            self.check_public(documents)
        return cleaned_data

    def media_references(self):
        """Primary keys of the documents and images the submitted page uses."""
        found = set(field_references(self._meta.model, self.cleaned_data))
        for formset in self.formsets.values():
            for form in formset.forms:
                if form.is_valid() and not form.cleaned_data.get("DELETE"):
                    found |= set(field_references(form._meta.model, form.cleaned_data))
        by_kind = {"document": set(), "image": set(), "kept": stored_references(self.instance)}
        for model, pk in found:
            if issubclass(model, get_document_model()):
                by_kind["document"].add(pk)
            elif issubclass(model, get_image_model()):
                by_kind["image"].add(pk)
        return by_kind

    def check_choosable(self, objects, kept):
        """What the editor adds must come from a collection they may choose from."""
        allowed = policy_registry.get_by_type(objects.model).collections_user_has_permission_for(
            self.for_user, "choose"
        )
        for obj in objects.exclude(collection__in=allowed):
            if (type(obj), str(obj.pk)) not in kept:
                self.add_error(
                    None,
                    ValidationError(
                        _(
                            "„%(title)s“ je ve sbírce, ze které nemůžete vybírat. Použijte "
                            "dokumenty a obrázky ze sbírky svého projektu."
                        ),
                        params={"title": obj.title},
                    ),
                )

    def check_public(self, documents):
        """A public page must not show the title of a staff-only document."""
        for document in documents.select_related("collection"):
            if collection_is_staff_only(document.collection):
                self.add_error(
                    None,
                    ValidationError(
                        _(
                            "Dokument „%(title)s“ je jen pro pracovníky OSPOD a veřejná "
                            "stránka ho nesmí použít. Vyberte veřejný dokument, nebo stránku "
                            "zpřístupněte jen pracovníkům OSPOD."
                        ),
                        params={"title": document.title},
                    ),
                )
