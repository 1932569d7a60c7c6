"""Serializer fields for the page types' ``api_fields`` (the open-data API, /api/v2/).

Wagtail serializes plain fields itself; a snippet or a child row has no endpoint of its own,
so it is given as its name or as a small dict of the row's values.
"""

from rest_framework import serializers

from portal.core.access import collection_is_staff_only


def names(attribute="name"):
    """A many-to-many (or child rows) field as the list of each item's `attribute`."""
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field=attribute)


def name_of(source, attribute="name"):
    """A foreign key to a snippet as its `attribute` (None when empty)."""
    return serializers.CharField(source=f"{source}.{attribute}", read_only=True, default=None)


class RowsField(serializers.Field):
    """Child rows (an InlinePanel) as a list of dicts: ``RowsField(date="date", place=...)``.

    Each value names an attribute of the row; a dotted path follows foreign keys.
    """

    def __init__(self, **columns):
        self.columns = columns
        super().__init__(read_only=True)

    def to_representation(self, value):
        return [
            {key: follow(row, path) for key, path in self.columns.items()} for row in value.all()
        ]


def follow(obj, path):
    """The value at a dotted attribute path, None as soon as a link is empty."""
    for attribute in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, attribute)
    return obj


class PublicDocumentField(serializers.Field):
    """A document as its id, title and address; nothing when its collection is staff-only
    (a public page may point at a file that only OSPOD staff may download)."""

    def __init__(self):
        super().__init__(read_only=True)

    def to_representation(self, document):
        if collection_is_staff_only(document.collection):
            return None
        return {"id": document.pk, "title": document.title, "download_url": document.url}
