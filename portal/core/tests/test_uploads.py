"""Uploads that cannot hurt: wrong content, markup in disguise, oversize files, image bombs."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from portal.core.access import staff_collection
from portal.core.models import PortalDocument, PortalImage

REAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def upload_image(client, name, content, collection=1):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": collection},
    )


def png_bytes(size, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor(admin_client):
    return admin_client


@pytest.mark.django_db
def test_a_real_pdf_is_stored(editor):
    response = upload_document(editor, "metodika.pdf", REAL_PDF)
    assert response.status_code == 302
    assert PortalDocument.objects.filter(title="metodika.pdf").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("metodika.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("zprava.pdf", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("poznamky.txt", b"<html><body>phishing</body></html>"),
        ("titulky.vtt", b"<svg onload=alert(1)>"),
        ("tabulka.xlsx", b"PK\x03\x04 not really a spreadsheet"),
        ("video.mp4", b"<html>"),
    ],
)
def test_markup_disguised_as_a_document_is_refused_in_czech(editor, name, content):
    response = upload_document(editor, name, content)
    assert response.status_code == 200
    assert "Obsah souboru neodpovídá příponě" in response.content.decode()
    assert not PortalDocument.objects.exists()


@pytest.mark.django_db
def test_a_document_type_outside_the_allow_list_is_refused(editor):
    response = upload_document(editor, "program.exe", b"MZ\x90\x00")
    assert response.status_code == 200
    assert "exe" in response.content.decode()
    assert not PortalDocument.objects.exists()


@pytest.mark.django_db
def test_an_oversize_document_is_refused(editor):
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024):
        response = upload_document(editor, "velky.pdf", REAL_PDF + b"0" * 2048)
    assert response.status_code == 200
    assert "1,0" in response.content.decode()  # the Czech size limit in the message
    assert not PortalDocument.objects.exists()


@pytest.mark.django_db
def test_a_plain_image_is_stored(editor):
    response = upload_image(editor, "foto.png", png_bytes((40, 30)))
    assert response.status_code == 302
    assert PortalImage.objects.count() == 1


@pytest.mark.django_db
def test_an_image_bomb_is_refused(editor):
    # 8000 x 8000 one-bit pixels compress to a few kilobytes but would take 64 Mpx to decode.
    response = upload_image(editor, "bomba.png", png_bytes((8000, 8000), mode="1"))
    assert response.status_code == 200
    assert not PortalImage.objects.exists()


@pytest.mark.django_db
def test_svg_images_are_refused(editor):
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
    response = upload_image(editor, "logo.svg", svg)
    assert response.status_code == 200
    assert not PortalImage.objects.exists()


def stored_files():
    """Every file under MEDIA_ROOT, to prove a refused upload left nothing behind."""
    from pathlib import Path

    from django.conf import settings

    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def docx_bytes(document_xml):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_zip_bomb_disguised_as_a_word_document_is_refused(editor):
    before = stored_files()
    # 300 MB of zeros deflate to about 300 kB: a real .docx never compresses like that.
    bomb = docx_bytes(b"\0" * (300 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    response = upload_document(editor, "zprava.docx", bomb)
    assert response.status_code == 200
    assert "neúměrně zvětší" in response.content.decode()
    assert not PortalDocument.objects.exists()
    assert stored_files() == before


@pytest.mark.django_db
def test_a_real_word_document_is_stored(editor):
    xml = "<w:document><w:body><w:p>Zpráva za období</w:p></w:body></w:document>"
    response = upload_document(editor, "zprava.docx", docx_bytes(xml))
    assert response.status_code == 302
    assert PortalDocument.objects.filter(title="zprava.docx").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("foto.jpg", b"<!DOCTYPE html><html><body onload=alert(1)></body></html>"),
    ],
)
def test_markup_disguised_as_an_image_is_refused_and_nothing_is_stored(editor, name, content):
    before = stored_files()
    response = upload_image(editor, name, content)
    assert response.status_code == 200
    assert not PortalImage.objects.exists()
    assert stored_files() == before


@pytest.mark.django_db
def test_an_animated_image_counts_every_frame_against_the_pixel_limit(editor):
    frames = [Image.new("P", (1000, 1000), color) for color in range(50)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    before = stored_files()
    response = upload_image(editor, "animace.gif", buffer.getvalue())  # 50 Mpx in all
    assert response.status_code == 200
    assert "snímky animace" in response.content.decode()
    assert not PortalImage.objects.exists()
    assert stored_files() == before


@pytest.mark.django_db
def test_a_refused_document_leaves_no_file_behind(editor):
    before = stored_files()
    upload_document(editor, "metodika.pdf", b"<html><script>alert(1)</script></html>")
    assert stored_files() == before


@pytest.mark.django_db
def test_the_multiple_upload_refuses_disguised_markup_too(editor):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("metodika.pdf", b"<html><script>alert(1)</script>")},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "Obsah souboru neodpovídá příponě" in response.json()["error_message"]
    assert not PortalDocument.objects.exists()


@pytest.mark.django_db
def test_an_image_is_refused_in_a_staff_only_collection_with_the_reason(editor):
    """Image files are public by address, so they may not sit where they look protected."""
    staff_only = staff_collection()
    before = stored_files()
    response = upload_image(editor, "schema.png", png_bytes((40, 30)), collection=staff_only.pk)
    assert response.status_code == 200
    assert "Vyberte veřejnou sbírku" in response.content.decode()
    assert not PortalImage.objects.exists()
    assert stored_files() == before
    # The multiple uploader keeps the file aside and asks for the collection again.
    editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("schema.png", png_bytes((40, 30))),
            "collection": staff_only.pk,
        },
    )
    assert not PortalImage.objects.exists()
    assert upload_image(editor, "schema.png", png_bytes((40, 30))).status_code == 302


@pytest.mark.django_db
def test_a_pending_multiple_upload_can_be_finished_and_leaves_no_file_behind(editor):
    """The multiple uploader keeps a file aside when another field fails (here: no collection);
    finishing it with the missing details stores the document and removes the kept file."""
    staff_collection()  # a second collection: the uploader then asks which one
    before = stored_files()
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("metodika.pdf", REAL_PDF), "collection": "999"},
    )
    upload_id = response.json()["uploaded_file_id"]
    response = editor.post(
        reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload_id]),
        {
            f"uploaded-document-{upload_id}-title": "Metodika",
            f"uploaded-document-{upload_id}-collection": "1",
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is True
    document = PortalDocument.objects.get()
    assert document.title == "Metodika"
    assert document.file.read() == REAL_PDF
    assert {path.name for path in stored_files() - before} == {document.file.name.split("/")[-1]}
