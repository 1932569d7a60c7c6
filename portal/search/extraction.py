"""Text out of uploaded documents, so that search can look inside them.

Runs once, when a document's file is saved (see ``signals.py``), never when searching.
A file that cannot be read gives an empty text and a log line: the upload itself must
not fail because of search.
"""

import io
import logging
import re
import zipfile
from pathlib import PurePath

from defusedxml import ElementTree

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 500_000  # characters kept per document
MAX_PDF_PAGES = 1_000
MAX_XML_BYTES = 20 * 1024 * 1024  # uncompressed size of an office document's text part
PLAIN_TEXT_ENCODINGS = ("utf-8-sig", "cp1250")

_VTT_TIMING = re.compile(r"^\s*(\d{2}:)?\d{2}:\d{2}[.,]\d{3}\s*-->")
_VTT_SKIP = re.compile(r"^\s*(WEBVTT|NOTE|STYLE|REGION|\d+\s*$)")
_WHITESPACE = re.compile(r"[ \t\r\f\v]+")


def extract_text(file, name):
    """The text of a document file (an open binary file object), at most MAX_TEXT_LENGTH."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        return ""
    try:
        text = extractor(file)
    except Exception:  # a broken or hostile file must never break the upload
        logger.warning("Could not extract text from %s", name, exc_info=True)
        return ""
    return _tidy(text)[:MAX_TEXT_LENGTH]


def _tidy(text):
    text = text.replace("\x00", "")
    lines = (_WHITESPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _read(file, limit=MAX_TEXT_LENGTH * 4):
    return file.read(limit)


def _pdf_text(file):
    from pypdf import PdfReader

    reader = PdfReader(file)
    parts, length = [], 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or length >= MAX_TEXT_LENGTH:
            break
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
    return "\n".join(parts)


def _plain_text(file):
    data = _read(file)
    for encoding in PLAIN_TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _vtt_text(file):
    """Caption text without the header, cue numbers and timings."""
    lines = _plain_text(file).splitlines()
    return "\n".join(
        line for line in lines if not _VTT_TIMING.match(line) and not _VTT_SKIP.match(line)
    )


def _xml_text(file, member, paragraph_tags):
    """Text nodes of one XML part of a zipped office document, a line per paragraph."""
    with zipfile.ZipFile(file) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            raise ValueError(f"{member} is too large to index")
        root = ElementTree.fromstring(archive.read(member))
    paragraphs = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in paragraph_tags:
            paragraphs.append("".join(element.itertext()))
    return "\n".join(paragraphs)


def _docx_text(file):
    return _xml_text(file, "word/document.xml", {"p"})


def _opendocument_text(file):
    return _xml_text(file, "content.xml", {"p", "h"})


EXTRACTORS = {
    "pdf": _pdf_text,
    "txt": _plain_text,
    "csv": _plain_text,
    "vtt": _vtt_text,
    "docx": _docx_text,
    "odt": _opendocument_text,
}


def extract_from_field_file(field_file):
    """Extract from a model's FileField value, new upload or stored file, leaving it rewound."""
    name = field_file.name or ""
    if PurePath(name).suffix.lower().lstrip(".") not in EXTRACTORS:
        return ""
    if not field_file._committed:
        upload = field_file.file
        position = upload.tell() if hasattr(upload, "tell") else 0
        try:
            upload.seek(0)
            return extract_text(io.BytesIO(_read(upload, None)), name)
        finally:
            upload.seek(position)
    try:
        with field_file.storage.open(name, "rb") as stored:
            return extract_text(io.BytesIO(stored.read()), name)
    except OSError:
        logger.warning("Could not open %s for text extraction", name, exc_info=True)
        return ""
