"""Uploaded documents must be what their extension says: no HTML or SVG in disguise."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SNIFF_BYTES = 8192
# Office documents are zip archives: limits against "zip bombs" that unpack to gigabytes.
ZIPPED_TYPES = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 5000
MAX_COMPRESSION_RATIO = 100
MAX_SNIFFED_MEMBER_BYTES = 1024 * 1024
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
    if extension in ZIPPED_TYPES and not _archive_is_reasonable(file):
        raise ValidationError(
            _(
                "Soubor se po rozbalení neúměrně zvětší (více než %(limit)s MB), a proto "
                "ho nelze nahrát. Uložte dokument znovu v kancelářském programu."
            ),
            params={"limit": MAX_UNZIPPED_BYTES // (1024 * 1024)},
        )


def _archive_is_reasonable(file):
    """Unpacked size, member count and compression ratios of a zip stay within limits."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        file.seek(0)
    if len(members) > MAX_ARCHIVE_MEMBERS:
        return False
    if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        return False
    return all(
        member.file_size <= MAX_SNIFFED_MEMBER_BYTES
        or member.file_size <= MAX_COMPRESSION_RATIO * member.compress_size
        for member in members
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
            if name not in archive.namelist():
                return None
            if archive.getinfo(name).file_size > MAX_SNIFFED_MEMBER_BYTES:
                return None
            return archive.read(name).strip()
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        file.seek(0)


def _zip_has(file, name):
    return _zip_member(file, name) is not None


def validate_image_frames(file):
    """Refuse animations whose frames together exceed the pixel limit.

    Wagtail counts frames through Willow, whose Pillow backend always says 1, so a GIF of
    many full-size frames would pass its check.
    """
    from django.conf import settings
    from PIL import Image, UnidentifiedImageError

    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    if not limit:
        return
    try:
        file.seek(0)
        with Image.open(file) as image:
            pixels = image.width * image.height * getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return  # Wagtail's own checks refuse what Pillow cannot read
    finally:
        file.seek(0)
    if pixels > limit:
        raise ValidationError(
            _(
                "Obrázek má i se všemi snímky animace %(pixels)s pixelů, víc než povolených "
                "%(limit)s. Nahrajte menší obrázek nebo kratší animaci."
            ),
            params={
                "pixels": f"{pixels:,}".replace(",", " "),
                "limit": f"{limit:,}".replace(",", " "),
            },
        )


def validate_new_file(file, validate):
    """Run ``validate`` on a newly uploaded file; its errors belong to the file field."""
    if file and not file._committed:
        try:
            validate(file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
