"""Uploaded documents must be what their extension says: no HTML or SVG in disguise."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SNIFF_BYTES = 8192
MARKUP_MARKERS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


def _is_pdf(head, file):
    return head.startswith(b"%PDF-")


def _is_office_open_xml(head, file):
    return head.startswith(b"PK\x03\x04") and _zip_has(file, "[Content_Types].xml")


def _is_opendocument(extension):
    def check(head, file):
        if not head.startswith(b"PK\x03\x04"):
            return False
        return _zip_member(file, "mimetype") == OPENDOCUMENT_TYPES[extension]

    return check


def _is_rtf(head, file):
    return head.startswith(b"{\\rtf")


def _is_plain_text(head, file):
    lowered = head.lower()
    if b"\x00" in head or any(marker in lowered for marker in MARKUP_MARKERS):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        return error.start >= len(head) - 3
    return True


def _is_webvtt(head, file):
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT") and _is_plain_text(head, file)


def _is_mp4(head, file):
    return head[4:8] == b"ftyp"


def _is_webm(head, file):
    return head.startswith(b"\x1a\x45\xdf\xa3")


CHECKS = {
    "pdf": _is_pdf,
    "docx": _is_office_open_xml,
    "xlsx": _is_office_open_xml,
    "pptx": _is_office_open_xml,
    "odt": _is_opendocument("odt"),
    "ods": _is_opendocument("ods"),
    "odp": _is_opendocument("odp"),
    "rtf": _is_rtf,
    "txt": _is_plain_text,
    "csv": _is_plain_text,
    "vtt": _is_webvtt,
    "mp4": _is_mp4,
    "webm": _is_webm,
}


def validate_document_content(file):
    """Raise a Czech ValidationError unless the file's content matches its extension."""
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    check = CHECKS.get(extension)
    if check is None:
        raise ValidationError(
            _("Soubory s příponou „%(ext)s“ nelze nahrát."), params={"ext": extension}
        )
    head = _read_head(file)
    if not check(head, file):
        raise ValidationError(
            _("Obsah souboru neodpovídá příponě „%(ext)s“. Nahrajte skutečný soubor %(upper)s."),
            params={"ext": extension, "upper": extension.upper()},
        )


def _read_head(file):
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head


def _zip_member(file, name):
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return archive.read(name).strip() if name in archive.namelist() else None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        file.seek(0)


def _zip_has(file, name):
    return _zip_member(file, name) is not None
