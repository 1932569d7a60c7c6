"""Blocks every content type shares; each renders through its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("nadpis 2. úrovně")), ("h3", _("nadpis 3. úrovně"))],
        default="h2",
        label=_("úroveň"),
    )

    class Meta:
        icon = "title"
        label = _("nadpis")
        template = "components/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation that always says who said it and in what role."""

    text = blocks.TextBlock(label=_("citace"))
    attribution = blocks.CharBlock(label=_("autor citace"))
    role = blocks.CharBlock(label=_("funkce autora"), required=False)

    class Meta:
        icon = "openquote"
        label = _("citace")
        template = "components/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("obrázek"))
    caption = blocks.CharBlock(label=_("popisek"), required=False)
    credit = blocks.CharBlock(label=_("autor"), required=False)

    class Meta:
        icon = "image"
        label = _("obrázek")
        template = "components/blocks/image.html"


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("nadpis"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("dokumenty"))

    class Meta:
        icon = "doc-full"
        label = _("seznam dokumentů")
        template = "components/blocks/document_list.html"


class FactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("hodnota"), help_text=_("např. 40 nebo 15. 6. 2018"))
    label = blocks.CharBlock(label=_("popis"))

    class Meta:
        icon = "pick"
        label = _("údaj")


class FactListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("nadpis"), required=False)
    facts = blocks.ListBlock(FactBlock(), label=_("údaje"))

    class Meta:
        icon = "list-ul"
        label = _("přehled údajů")
        template = "components/blocks/fact_list.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("odstavec"),
        template="components/blocks/paragraph.html",
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    documents = DocumentListBlock()
    facts = FactListBlock()
    embed = EmbedBlock(label=_("vložené médium"), template="components/blocks/embed.html")

    class Meta:
        template = "components/blocks/body.html"


class DevelopmentThemeBlock(blocks.StructBlock):
    """A theme one team chose to develop (e.g. divorces, the county's methodical role)."""

    name = blocks.CharBlock(label=_("téma"))
    workplace = blocks.CharBlock(label=_("pracoviště"), required=False)
    description = blocks.TextBlock(label=_("popis"), required=False)

    class Meta:
        icon = "tag"
        label = _("rozvojové téma")


class DevelopmentThemesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("nadpis"), default=_("Rozvojová témata"))
    themes = blocks.ListBlock(DevelopmentThemeBlock(), label=_("témata"))

    class Meta:
        icon = "list-ul"
        label = _("rozvojová témata")
        template = "components/blocks/development_themes.html"


class ProjectBodyBlock(BodyBlock):
    development_themes = DevelopmentThemesBlock()
