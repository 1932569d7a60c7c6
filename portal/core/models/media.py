from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage
from wagtail.search import index

from portal.core.access import collection_is_staff_only
from portal.core.models.base import SearchKind
from portal.core.uploads import validate_document_content, validate_image_frames, validate_new_file

STAFF_ONLY_IMAGE_MESSAGE = _(
    "Obrázky jsou přístupné každému, kdo zná jejich adresu, i ve sbírce pro pracovníky. "
    "Vyberte veřejnou sbírku; důvěrný obrázek vložte do dokumentu (např. PDF) "
    "ve sbírce pro pracovníky."
)


class PortalImage(AbstractImage):
    credit = models.CharField(_("autor / zdroj"), max_length=255, blank=True)

    admin_form_fields = WagtailImage.admin_form_fields + ("credit",)

    def clean(self):
        super().clean()
        validate_new_file(self.file, validate_image_frames)
        self.refuse_staff_only_collection()

    def refuse_staff_only_collection(self):
        """Image files are served to anyone who has their address (Wagtail protects
        documents, not images), so an image must not look protected when it is not."""
        if self.collection_id and collection_is_staff_only(self.collection):
            raise ValidationError({"collection": STAFF_ONLY_IMAGE_MESSAGE})

    class Meta(AbstractImage.Meta):
        verbose_name = _("obrázek")
        verbose_name_plural = _("obrázky")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalDocument(AbstractDocument):
    """A downloadable file; its text is extracted so that search can look inside it."""

    description = models.TextField(_("popis"), blank=True)
    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("kraj"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text=_("Vyplňte u dokumentů, které se týkají jednoho kraje."),
    )
    published_on = models.DateField(_("datum vydání"), null=True, blank=True)
    extracted_text = models.TextField(_("text dokumentu"), blank=True, editable=False)

    admin_form_fields = WagtailDocument.admin_form_fields + (
        "description",
        "region",
        "published_on",
    )
    search_kind = SearchKind("document", _("dokument"), "published_on", weight=0.8)
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.SearchField("extracted_text"),
        index.FilterField("region"),
    ]

    @classmethod
    def search_kinds(cls):
        return (cls.search_kind,)

    def clean(self):
        if not self.file:
            # The multiple uploader's last step attaches the file it kept aside only after
            # validating the other fields; that file passed these checks when uploaded.
            return
        super().clean()
        validate_new_file(self.file, validate_document_content)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")
