"""The searchable text of an object, as its Wagtail ``search_fields`` declare it.

StreamField and rich text become plain text, ``RelatedFields`` are walked recursively, and
the text is analysed with ``portal.search.czech``: the title and boosted fields go to the
title terms, everything else to the body terms.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.search import index

from portal.search import czech, ranking

# Fields that say in a few sentences what the object is about (a page's perex, a
# document's description): their terms count more in the ranking (ranking.key_terms).
LEAD_FIELDS = ("summary", "description")
# So do the names of what an editor filed the object under (topics, places, regions, target
# groups, organisations): a report filed under "supervize" is about supervision, more than a
# page that names it in passing.
LABEL_FIELD = "name"
PLAIN_TEXT_LENGTH = 5_000  # characters kept for snippets
TERMS_LENGTH = 400_000  # characters of analysed terms per field (PostgreSQL: < 1 MB tsvector)


@dataclass
class Texts:
    """The searchable text of one object, split as the index stores it."""

    title: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)

    def add(self, strings, *, boosted, related, lead=False):
        """Boosted strings are title terms, lead strings count more in the body; a related
        name stays in the related text even when boosted, so the snippet shows why the
        object was found."""
        if boosted:
            self.title.extend(strings)
        elif lead:
            self.lead.extend(strings)
        if related:
            self.related.extend(strings)
        elif not boosted:
            self.body.extend(strings)

    def entry_fields(self, rank_weight):
        """The SearchEntry fields made of text: analysed terms, the snippet text and the
        scores that depend on the text's length.

        The snippet text is the object's own prose first, then the names of related things.
        """
        body = _terms(self.body + self.related)
        body_length = body.count(" ") + 1 if body else 0
        return {
            "title_terms": _terms(self.title),
            "body_terms": body,
            "body_length": body_length,
            "plain_text": "\n".join(self.body + self.related)[:PLAIN_TEXT_LENGTH],
            "key_terms": ranking.key_terms(body, _terms(self.lead)),
            "rank_weight": rank_weight,
        }


def _terms(strings):
    terms = " ".join(czech.analyze("\n".join(strings)))
    if len(terms) > TERMS_LENGTH:
        terms = terms[:TERMS_LENGTH].rsplit(" ", 1)[0]
    return terms


def _strings(value):
    """A search field's value as a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return [str(value)]


def _related_objects(value):
    if value is None:
        return []
    if hasattr(value, "all"):  # a related manager
        return list(value.all())
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def stream_texts(block, value):
    """Searchable text of a StreamField value, without choice blocks' option labels.

    ``StreamField.get_searchable_content`` would also index settings such as a heading's
    level ("nadpis 2. úrovně"): words nobody searches for, which would show up in snippets.
    """
    if isinstance(block, blocks.ChoiceBlock):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in stream_texts(child.block, child.value)]
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child_block in block.child_blocks.items()
            for text in stream_texts(child_block, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in stream_texts(block.child_block, item)]
    return block.get_searchable_content(value)


def _field_strings(obj, search_field):
    try:
        model_field = search_field.get_field(type(obj))
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, StreamField):
        return _strings(stream_texts(model_field.stream_block, getattr(obj, model_field.name)))
    return _strings(search_field.get_value(obj))


def collect_texts(obj):
    """The texts Wagtail's ``search_fields`` declare for ``obj``."""
    texts = Texts()
    for search_field in type(obj).get_search_fields():
        _collect(obj, search_field, texts, related=False)
    return texts


def _collect(obj, search_field, texts, *, related):
    if isinstance(search_field, index.RelatedFields):
        for related_obj in _related_objects(search_field.get_value(obj)):
            for sub_field in search_field.fields:
                _collect(related_obj, sub_field, texts, related=True)
    elif isinstance(search_field, index.SearchField):
        boosted = search_field.field_name == "title" and not related
        boosted = boosted or (search_field.boost or 0) > 1
        lead = search_field.field_name in LEAD_FIELDS and not related
        lead = lead or (related and search_field.field_name == LABEL_FIELD)
        texts.add(_field_strings(obj, search_field), boosted=boosted, related=related, lead=lead)
