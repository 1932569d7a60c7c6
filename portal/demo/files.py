"""Generated demo files: abstract PNG images (Pillow), PDFs (fpdf2), WebVTT captions and
WebM videos (PyAV).

Everything here is deterministic: the same input gives the same bytes, so the demo can be
rebuilt and compared, and a file made once is kept under var/demo-files/ for the next build
(the test suite builds the demo once per database, the stack once more). Czech diacritics
need a Unicode TrueType font: DejaVu Sans, from Debian's fonts-dejavu-core (`make` installs
it).
"""

import functools
import hashlib
import io
import os
import random
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import version
from pathlib import Path

import av
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT_REGULAR = f"{FONT_DIR}/DejaVuSans.ttf"
FONT_BOLD = f"{FONT_DIR}/DejaVuSans-Bold.ttf"
PDF_FONT = "DejaVu"
# A fixed creation date keeps the generated PDFs byte-for-byte reproducible.
PDF_CREATION_DATE = datetime(2024, 1, 1, tzinfo=UTC)

KEPT_FILES = Path(
    os.environ.get("PORTAL_DEMO_FILES", Path(__file__).resolve().parents[2] / "var" / "demo-files")
)
# What else decides the bytes: this module and the libraries that write them.
_LIBRARIES = [version(name) for name in ("fpdf2", "av", "pillow")]
_MAKER = hashlib.sha256(repr((Path(__file__).read_bytes(), _LIBRARIES)).encode()).hexdigest()

IMAGE_SIZE = (1200, 675)
VIDEO_SIZE = (640, 360)
# One thread: the same frames give the same bytes.
BITEXACT = {"fflags": "+bitexact"}  # no random segment id nor muxing date
VP9_OPTIONS = {"deadline": "realtime", "cpu-used": "8", "threads": "1"}
PALETTES = {
    "blue": ["#0b3d91", "#1f6fb2", "#6fa8dc", "#cfe2f3", "#f4f8fc"],
    "green": ["#1e5631", "#4c9a2a", "#a4de02", "#dff0d8", "#f6fbf3"],
    "orange": ["#7f2704", "#d94801", "#fd8d3c", "#fdd0a2", "#fff5eb"],
    "purple": ["#3f007d", "#6a51a3", "#9e9ac8", "#dadaeb", "#f7f5fb"],
    "teal": ["#014636", "#02818a", "#67a9cf", "#d0e8ef", "#f3fafb"],
    "red": ["#67000d", "#cb181d", "#fb6a4a", "#fcbba1", "#fff5f0"],
}


def kept(generate):
    """generate() once per input: its bytes are kept in KEPT_FILES for later calls (and
    processes); a folder that cannot be written only means generating again next time."""

    @functools.wraps(generate)
    def kept_or_generated(*args, **kwargs):
        call = repr((generate.__name__, args, sorted(kwargs.items()), _MAKER)).encode()
        path = KEPT_FILES / hashlib.sha256(call).hexdigest()
        try:
            return path.read_bytes()
        except OSError:
            data = generate(*args, **kwargs)
        try:
            KEPT_FILES.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.partial")
            partial.write_bytes(data)
            partial.replace(path)
        except OSError:
            pass
        return data

    return kept_or_generated


def _rng(key):
    """A random generator seeded from a text key, so that every image is reproducible."""
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:16], 16))  # nosec B311 # demo pictures, no secret


def _png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _draw_label(draw, text, size):
    """Write a label in the lower left corner on a light band."""
    font = ImageFont.truetype(FONT_BOLD, 56)
    width, height = size
    draw.rectangle([0, height - 130, width, height], fill="#ffffffd9")
    draw.text((48, height - 100), text, font=font, fill="#1a1a1a")


@kept
def abstract_image(key, palette="blue", label=""):
    """An abstract composition of soft circles and bands; optionally with a caption label."""
    colours = PALETTES[palette]
    rng = _rng(key)
    image = Image.new("RGB", IMAGE_SIZE, colours[-1])
    draw = ImageDraw.Draw(image, "RGBA")
    width, height = IMAGE_SIZE
    for _ in range(6):
        top = rng.randint(0, height)
        draw.rectangle([0, top, width, top + rng.randint(20, 90)], fill=colours[3] + "99")
    for _ in range(14):
        radius = rng.randint(40, 220)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = colours[rng.randint(0, 2)] + rng.choice(["66", "88", "aa"])
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    if label:
        _draw_label(draw, label, IMAGE_SIZE)
    return _png_bytes(image)


@kept
def mosaic_image(key, modules=29, module_px=24):
    """A QR-like mosaic of dark and light squares (an illustration, not a readable code)."""
    rng = _rng(key)
    border = 4
    side = (modules + 2 * border) * module_px
    image = Image.new("RGB", (side, side), "white")
    draw = ImageDraw.Draw(image)

    def square(col, row, colour):
        x, y = (col + border) * module_px, (row + border) * module_px
        draw.rectangle([x, y, x + module_px - 1, y + module_px - 1], fill=colour)

    for row in range(modules):
        for col in range(modules):
            if rng.random() < 0.5:
                square(col, row, "#111111")
    for col0, row0 in [(0, 0), (modules - 7, 0), (0, modules - 7)]:
        for row in range(-1, 8):
            for col in range(-1, 8):
                if 0 <= col0 + col < modules and 0 <= row0 + row < modules:
                    ring = max(abs(col - 3), abs(row - 3))
                    colour = "#111111" if ring in (0, 1, 3) else "white"
                    square(col0 + col, row0 + row, colour)
    return _png_bytes(image)


class _DemoPDF(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font(PDF_FONT, "", 8)
        self.cell(0, 10, f"Strana {self.page_no()}", align="C")


def _write(pdf, text, size, line_height, style=""):
    """A left-aligned block (justified text would make pypdf read double spaces)."""
    pdf.set_font(PDF_FONT, style, size)
    pdf.multi_cell(0, line_height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


@kept
def pdf_document(title, paragraphs, subtitle=""):
    """A simple A4 PDF: a bold title, an optional subtitle and text paragraphs.

    A paragraph that starts with "## " is printed as a section heading.
    """
    pdf = _DemoPDF(format="A4")
    pdf.set_creation_date(PDF_CREATION_DATE)
    pdf.set_title(title)
    pdf.set_lang("cs")
    pdf.add_font(PDF_FONT, "", FONT_REGULAR)
    pdf.add_font(PDF_FONT, "B", FONT_BOLD)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    _write(pdf, title, 18, 9, "B")
    if subtitle:
        pdf.ln(2)
        _write(pdf, subtitle, 11, 6)
    pdf.ln(4)
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            pdf.ln(2)
            _write(pdf, paragraph[3:], 13, 7, "B")
        else:
            _write(pdf, paragraph, 11, 6)
        pdf.ln(2)
    return bytes(pdf.output())


def extract_pdf_text(data):
    """The text of a PDF as pypdf reads it (what a search indexer would see)."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages).strip()


def _format_timestamp(seconds):
    minutes, secs = divmod(seconds, 60)
    return f"00:{minutes:02d}:{secs:02d}.000"


def webvtt_captions(cues):
    """WebVTT text from (start_seconds, end_seconds, text) cues."""
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        lines += [str(number), f"{_format_timestamp(start)} --> {_format_timestamp(end)}", text, ""]
    return "\n".join(lines).encode("utf-8")


def check_pdf_roundtrip():
    """Quick self-check: Czech words written into a PDF come back out of pypdf."""
    words = ["Příliš žluťoučký kůň", "kolizní opatrovník", "pěstounů", "Šlapanicích"]
    text = extract_pdf_text(pdf_document("Kontrola češtiny", [" ".join(words)]))
    for word in words:
        assert word in text, f"pypdf did not extract {word!r} from the generated PDF"  # nosec B101 # demo self-check
    return text


@cache
def _font(path, size):
    return ImageFont.truetype(path, size)


def _video_frame(title, size, colour, elapsed, progress):
    """One frame: the title, the elapsed time and a progress bar, in DejaVu Sans (Czech)."""
    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    margin = width // 16
    draw.text((margin, height // 3), title, font=_font(FONT_BOLD, height // 8))
    clock = f"{elapsed // 60}:{elapsed % 60:02d}"
    draw.text((margin, height // 2), clock, font=_font(FONT_REGULAR, height // 14))
    bar_top = height - margin
    draw.rectangle((margin, bar_top, width - margin, bar_top + 6), outline="white")
    draw.rectangle(
        (margin, bar_top, margin + int((width - 2 * margin) * progress), bar_top + 6), fill="white"
    )
    return image


@kept
def webm_video(title, seconds, colour, size=VIDEO_SIZE, fps=2):
    """A real WebM (VP9) clip: the title on a coloured ground, a clock and a progress bar.

    Demo spots have no footage of their own; this lets the portal's player play a file
    that it serves itself (a minute of still frames at 2 fps is small).
    """
    output = io.BytesIO()
    with av.open(output, mode="w", format="webm", options=BITEXACT) as container:
        # VP9 in real-time mode encodes these still frames about twenty times faster than VP8.
        stream = container.add_stream("libvpx-vp9", rate=fps, options=VP9_OPTIONS)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = 200_000
        frames = seconds * fps
        for number in range(frames):
            image = _video_frame(title, size, colour, number // fps, (number + 1) / frames)
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return output.getvalue()
