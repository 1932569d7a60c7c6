from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.core.blocks import RICH_TEXT_FEATURES
from portal.core.models import BasePage, SearchKind
from portal.core.visibility import visible
from portal.glossary.alphabet import by_letter


class GlossaryPage(BasePage):
    """The glossary: every published term A–Z, each with an anchor (/slovnik/#ospod)."""

    intro = RichTextField(_("úvod"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    api_fields = BasePage.api_fields + [APIField("intro")]
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["glossary.GlossaryTermPage"]

    class Meta:
        verbose_name = _("slovník pojmů")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = visible(GlossaryTermPage.objects.child_of(self))
        context["letters"] = by_letter(terms.only("title", "slug", "definition", "forms"))
        return context


class GlossaryTermPage(BasePage):
    """One term: its definition and the other forms a text may use for it."""

    definition = models.TextField(
        _("vysvětlení"),
        max_length=800,
        help_text=_("Krátké vysvětlení srozumitelné i laikovi; ukazuje se i přímo v textech."),
    )
    forms = models.TextField(
        _("další tvary"),
        blank=True,
        help_text=_(
            "Jeden tvar na řádek: skloňované tvary, zkratky a varianty, které se mají "
            "v textech označit a najít vyhledáváním (např. OSPODu, sanaci rodiny)."
        ),
    )

    content_panels = [FieldPanel("title"), FieldPanel("definition"), FieldPanel("forms")]
    search_fields = BasePage.search_fields + [
        index.SearchField("definition"),
        index.SearchField("forms"),
        index.AutocompleteField("forms"),
    ]
    api_fields = BasePage.api_fields + [APIField("definition"), APIField("forms")]
    search_kind = SearchKind("term", _("pojem ze slovníku"), weight=0.8)
    parent_page_types = ["glossary.GlossaryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pojem slovníku")
        verbose_name_plural = _("pojmy slovníku")

    def save(self, *args, **kwargs):
        # Listings, search snippets and the meta description show the definition.
        self.summary = Truncator(self.definition).chars(600)
        super().save(*args, **kwargs)

    def form_list(self):
        """The title first, then the other forms, each once."""
        found = [self.title, *(line.strip() for line in self.forms.splitlines())]
        return list(dict.fromkeys(form for form in found if form))

    def other_forms(self):
        return self.form_list()[1:]
