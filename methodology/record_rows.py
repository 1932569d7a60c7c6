"""A methodology's or tool's record: its `record_fields` as labelled rows of plain text.

The printed sheet (karta.pdf) and the side-by-side comparison both read these rows, so a
field added to a page type's `record_fields` shows in both, labelled by its verbose_name and
rendered by its type.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html

from portal.core.templatetags.portal_tags import czech_date, czech_number

# The summary stands for "what it is" on the sheet and in the comparison; older pages may
# have only a search description.
SUMMARY_FIELD = "plain_summary"


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    value: str


def field_label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def summary_of(page):
    return page.plain_summary or page.summary or page.search_description or ""


def render_value(page, name):
    """The field's value on `page` as plain text ("" when empty)."""
    if name == SUMMARY_FIELD:
        return summary_of(page)
    field = page._meta.get_field(name)
    value = getattr(page, name)
    return _render(page, field, value)


def _render(page, field, value):
    if field.many_to_many:
        return ", ".join(str(item) for item in value.all())
    if value is None or value == "":
        return ""
    if field.choices:
        return str(getattr(page, f"get_{field.name}_display")())
    if isinstance(field, models.BooleanField):
        return _("ano") if value else _("ne")
    if isinstance(field, models.DateField):
        return czech_date(value)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return czech_number(value)
    if isinstance(field, StreamField):
        return stream_text(value)
    if isinstance(field, RichTextField):
        return html_text(expand_db_html(value))
    return str(value)


def html_text(html):
    return " ".join(strip_tags(html).split())


def stream_text(stream):
    """A StreamField's words (headings, paragraphs, list items) as one plain paragraph."""
    parts = [html_text(str(text)) for text in block_text(stream.stream_block, stream)]
    parts = [part for part in parts if part]
    # A heading or list item runs on into the next text: an en dash keeps them apart.
    return "".join(
        part + ("" if last else " " if part[-1] in ".!?:;…" else " – ")
        for last, part in ((i == len(parts) - 1, part) for i, part in enumerate(parts))
    )


def block_text(block, value):
    """The text a reader sees in a block: no choice labels, images, embeds or file lists."""
    if value is None or isinstance(block, blocks.ChoiceBlock):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in block_text(child.block, child.value)]
    if isinstance(block, blocks.StructBlock):
        children = block.child_blocks.items()
        return [text for name, child in children for text in block_text(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in block_text(block.child_block, item)]
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)):
        return block.get_searchable_content(value)
    return []


def record_rows(page, fields=None, skip=()):
    """The page's record as rows, empty fields left out."""
    names = fields if fields is not None else page.record_fields
    rows = []
    for name in names:
        if name in skip:
            continue
        value = render_value(page, name)
        if value:
            rows.append(Row(name, field_label(type(page), name), value))
    return rows


def record_related(model):
    """What to load with pages of `model` so that their rows cost no further query."""
    select, prefetch = [], []
    for name in model.record_fields:
        if name == SUMMARY_FIELD:
            continue
        field = model._meta.get_field(name)
        if field.many_to_many:
            prefetch.append(name)
        elif field.many_to_one:
            select.append(name)
    return select, prefetch


def comparison_rows(pages):
    """One row per field any of the pages has, in the order the page types list them.

    Each row: its label and the values of the pages in order ("" where a page's type has no
    such field or leaves it empty); rows empty for every page are left out.
    """
    names = []
    for page in pages:
        names += [name for name in page.record_fields if name not in names]
    rows = []
    for name in names:
        owner = next(page for page in pages if name in page.record_fields)
        values = [render_value(page, name) if name in page.record_fields else "" for page in pages]
        if any(values):
            rows.append((field_label(type(owner), name), values))
    return rows
