"""The portal's own search index: one row per searchable object, plus editable synonyms.

The rows hold terms already analysed by ``portal.search.czech``; each database engine
adds its full-text structure over ``title_terms`` and ``body_terms`` in a migration
(an FTS5 table on SQLite, a weighted ``tsvector`` column on PostgreSQL).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

IDS_LENGTH = 1000  # keeps a row of the facets index well under PostgreSQL's btree limit
VOCABULARY_IDS_LENGTH = 255  # short vocabularies (target groups, settings, 14 standards)


def encode_ids(ids, max_length=IDS_LENGTH):
    """Ids as " 3 7 12 " (sorted, padded; cut to fit ``max_length`` at an id boundary)."""
    unique = sorted({int(i) for i in ids})
    text = f" {' '.join(map(str, unique))} " if unique else ""
    if len(text) > max_length:
        text = text[: text.rfind(" ", 0, max_length) + 1]
    return text


def decode_ids(text):
    return [int(part) for part in (text or "").split()]


class SearchEntry(models.Model):
    """A live page or a document as the search sees it: facets, analysed terms, snippet text."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=30, db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    project = models.ForeignKey(
        "projects.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region_ids = models.CharField(max_length=255, blank=True)
    topic_ids = models.CharField(max_length=IDS_LENGTH, blank=True)
    validation_stage = models.CharField(max_length=12, blank=True)
    # The practitioner's record of methodologies and tools (empty for other entries).
    target_group_ids = models.CharField(max_length=VOCABULARY_IDS_LENGTH, blank=True)
    setting_ids = models.CharField(max_length=VOCABULARY_IDS_LENGTH, blank=True)
    standard_ids = models.CharField(max_length=VOCABULARY_IDS_LENGTH, blank=True)
    evidence_level = models.CharField(max_length=20, blank=True)
    staff_only = models.BooleanField(default=False)
    rank_weight = models.FloatField(default=1.0)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    body_length = models.PositiveIntegerField(default=0)  # terms in body_terms, for ranking
    # ranking.key_terms(): "term:count" pairs the cheap first score reads instead of the text
    key_terms = models.CharField(max_length=500, blank=True)
    plain_text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_search_entry_per_object"
            )
        ]
        # Covers what a search reads of every match (schema.FACETS_INDEX).
        indexes = [
            models.Index(
                fields=[
                    "id",
                    "staff_only",
                    "rank_weight",
                    "body_length",
                    "kind",
                    "project",
                    "year",
                    "validation_stage",
                    "region_ids",
                    "topic_ids",
                    "target_group_ids",
                    "setting_ids",
                    "standard_ids",
                    "evidence_level",
                    "key_terms",
                ],
                name="search_entry_facets",
            ),
            # A result's project is read from the project's own entry (hits.with_project).
            models.Index(fields=["object_id", "kind"], name="search_entry_object_kind"),
        ]
        verbose_name = _("položka vyhledávacího indexu")
        verbose_name_plural = _("vyhledávací index")

    def __str__(self):
        return self.title

    @property
    def region_id_list(self):
        return decode_ids(self.region_ids)

    @property
    def topic_id_list(self):
        return decode_ids(self.topic_ids)

    @property
    def target_group_id_list(self):
        return decode_ids(self.target_group_ids)

    @property
    def setting_id_list(self):
        return decode_ids(self.setting_ids)

    @property
    def standard_id_list(self):
        return decode_ids(self.standard_ids)


class SearchSynonym(models.Model):
    """One line of equivalent phrases, e.g. "OSPOD, orgán SPOD"."""

    phrases = models.CharField(
        _("rovnocenná slova a fráze"),
        max_length=500,
        unique=True,
        help_text=_(
            "Oddělte čárkou výrazy, které mají při hledání znamenat totéž, "
            "např. „asistovaný kontakt, asistovaný styk“."
        ),
    )

    panels = [FieldPanel("phrases")]

    class Meta:
        verbose_name = _("synonymum pro vyhledávání")
        verbose_name_plural = _("synonyma pro vyhledávání")
        ordering = ["phrases"]

    def __str__(self):
        return self.phrases

    @property
    def phrase_list(self):
        return [phrase.strip() for phrase in self.phrases.split(",") if phrase.strip()]
