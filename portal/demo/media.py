"""The demo's images and documents: generated files, looked up by title, kept in collections.

The portal's own files live in the portal collection; a project's files in that project's
collection (staff-only documents in its staff-only child), where its editors can choose them.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from portal.accounts.roles import PRIVATE_SUFFIX
from portal.core.access import private_child_collection, staff_collection
from portal.core.models import PortalDocument, PortalImage

from . import files
from .loader import pdf_paragraphs


def portal_collections(name):
    """(public, staff-only) collections for the portal's own files."""
    root = Collection.get_first_root_node()
    public = root.get_children().filter(name=name).first() or root.add_child(name=name)
    return public, staff_collection()


def team_collections(team):
    """(public, staff-only) collections of a project team."""
    name = f"{team.collection.name}{PRIVATE_SUFFIX}"
    return team.collection, private_child_collection(team.collection, name)


def save_if_changed(obj, force=False, **values):
    """Set values on obj; write (and so re-index) it only when it is new or they differ."""
    changed = force or obj.pk is None
    changed = changed or any(getattr(obj, key) != value for key, value in values.items())
    for key, value in values.items():
        setattr(obj, key, value)
    if changed:
        obj.save()


def put_file(obj, upload, set_metadata):
    """Give obj the generated file unless it already has identical content; True if it did."""
    if obj.file and obj.file_hash == hash_filelike(upload):
        return False
    if obj.file:
        obj.file.delete(save=False)
    obj.file = upload
    set_metadata()
    return True


def count_file(ctx, kind, created, file_changed):
    if created:
        ctx.stats[f"{kind} created"] += 1
    elif file_changed:
        ctx.stats[f"{kind} refreshed"] += 1


def render_image(key, spec):
    if spec.get("style") == "mosaic":
        return files.mosaic_image(key)
    return files.abstract_image(key, spec["palette"], spec.get("label", ""))


def build_images(ctx, specs, collection):
    for key, spec in specs.items():
        image = PortalImage.objects.filter(title=spec["title"]).first()
        created = image is None
        image = image or PortalImage(title=spec["title"])
        file_changed = False
        if created or ctx.refresh_files:
            upload = ImageFile(io.BytesIO(render_image(key, spec)), name=f"demo-{key}.png")
            file_changed = put_file(image, upload, image._set_image_file_metadata)
        values = {"description": spec["description"], "credit": spec.get("credit", "")}
        save_if_changed(image, force=file_changed, collection=collection, **values)
        if file_changed and not created:
            image.renditions.all().delete()
        count_file(ctx, "images", created, file_changed)
        ctx.remember("image", key, image)


def render_document(spec, note, **values):
    """The file's bytes and the text a search index should see.

    values fill the `{name}` placeholders of a document's text file.
    """
    if "video" in spec:
        return files.webm_video(**spec["video"]), ""
    if "cues" in spec:
        data = files.webvtt_captions(spec["cues"])
        return data, " ".join(text for _start, _end, text in spec["cues"])
    paragraphs = [*pdf_paragraphs(spec["text"], **values), note]
    data = files.pdf_document(spec["title"], paragraphs, spec.get("subtitle", ""))
    return data, files.extract_pdf_text(data)


def build_document(ctx, key, spec, collections, note, **values):
    """One document, created or updated by title; `values` fill its text's placeholders."""
    document = PortalDocument.objects.filter(title=spec["title"]).first()
    created = document is None
    document = document or PortalDocument(title=spec["title"])
    file_changed = False
    if created or ctx.refresh_files:
        data, text = render_document(spec, note, **values)
        upload = ContentFile(data, name=spec["filename"])
        file_changed = put_file(document, upload, document._set_document_file_metadata)
        if file_changed:
            document.extracted_text = text
            document.full_clean(exclude=["collection"])
    save_if_changed(
        document,
        force=file_changed,
        collection=collections[1] if spec.get("staff_only") else collections[0],
        description=spec["description"],
        region=ctx.get(spec["region"]) if "region" in spec else None,
        published_on=spec.get("published_on"),
    )
    count_file(ctx, "documents", created, file_changed)
    return ctx.remember("document", key, document)


def build_documents(ctx, specs, collections, note):
    for key, spec in specs.items():
        build_document(ctx, key, spec, collections, note)


def move_into(objects, collection):
    """Put already built images or documents into collection (no write if already there)."""
    for obj in objects:
        save_if_changed(obj, collection=collection)
