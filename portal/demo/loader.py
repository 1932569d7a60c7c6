"""Reads the demo portal's data files: YAML for the structure, Markdown for the long texts.

`data/portal.yaml` holds what the whole portal shares (vocabularies, the portal's own images
and pages, settings, demo editors); `data/projects/*.yaml` one seed project each, with its
images, documents and the pages published under it; `data/texts/*.md` the long texts.

References between objects are YAML tags resolved by the builder: `!org Gov Lab`,
`!place Telč`, `!region vysocina`, `!person …`, `!programme …`, `!group …` (target group),
`!category …`, `!kind …` (methodology kind), `!project <slug>`, `!doc <key>`, `!image <key>`,
`!page <slug>` (a page of the portal's own).
`!md` marks a rich-text field written in Markdown.

Facts that the seeds do not state (the dates of periods 2 to 4, the steps of the tools'
validation, the publication times of the news items) are plausible demo values.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

REF_TAGS = {
    "!org": "organisation",
    "!place": "municipality",
    "!region": "region",
    "!person": "person",
    "!programme": "programme",
    "!group": "group",
    "!category": "category",
    "!kind": "kind",
    "!project": "project",
    "!doc": "document",
    "!image": "image",
    "!page": "page",
    "!setting": "setting",
    "!law": "provision",
    "!standard": "standard",
}


@dataclass(frozen=True)
class Ref:
    """A pointer to an object the builder creates or finds: kind + natural key."""

    kind: str
    key: str


class DemoLoader(yaml.SafeLoader):
    """YAML with the reference tags and `!md`; nothing else beyond safe YAML."""


def _ref_constructor(kind):
    return lambda loader, node: Ref(kind, loader.construct_scalar(node))


for _tag, _kind in REF_TAGS.items():
    DemoLoader.add_constructor(_tag, _ref_constructor(_kind))
DemoLoader.add_constructor("!md", lambda loader, node: rich(loader.construct_scalar(node)))

# Block-level tags of Markdown's output; the whitespace around them carries no meaning.
_BLOCK_TAG_SPACE = re.compile(r"\s*(</?(?:p|ul|ol|li|h[1-6]|blockquote)>)\s*")


def rich(text):
    """Wagtail rich-text HTML from Markdown, compact (no line breaks between blocks)."""
    html = _BLOCK_TAG_SPACE.sub(r"\1", markdown.markdown(text.strip()))
    return " ".join(html.split())


def clean(text):
    """Collapse the whitespace of a wrapped text into one line."""
    return " ".join(text.split())


def read_text(path, **values):
    """A text file under the data folder; `{name}` placeholders filled from values."""
    text = (DATA_DIR / path).read_text(encoding="utf-8")
    return text.format(**values) if values else text


def _blocks(text):
    return [block.strip() for block in text.strip().split("\n\n") if block.strip()]


def pdf_paragraphs(path, **values):
    """PDF paragraphs of a Markdown file ("## " starts a heading, as the PDF writer expects)."""
    return [clean(block) for block in _blocks(read_text(path, **values))]


def markdown_stream(path):
    """Stream blocks of a Markdown file: a "## " line is a heading, the text up to the next
    heading one paragraph block."""
    stream, pending = [], []

    def flush():
        if pending:
            stream.append({"type": "paragraph", "value": rich("\n\n".join(pending))})
            pending.clear()

    for block in _blocks(read_text(path)):
        if block.startswith("## "):
            flush()
            stream.append(heading(block[3:]))
        else:
            pending.append(block)
    flush()
    return stream


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _stream_block(block):
    """One stream block in Wagtail's raw form from its short form in the data files."""
    ((kind, value),) = block.items()
    if kind == "heading":
        return heading(**value) if isinstance(value, dict) else heading(value)
    if kind == "paragraph":
        return {"type": "paragraph", "value": rich(value)}
    if kind == "quote":
        return {"type": "quote", "value": {"role": "", **value, "text": clean(value["text"])}}
    if kind == "image":
        image = {"caption": "", "credit": "", **value, "image": Ref("image", value["image"])}
        return {"type": "image", "value": image}
    if kind == "documents":
        keys = value["documents"]
        documents = [Ref("document", key) for key in keys]
        return {"type": "documents", "value": {"heading": value["heading"], "documents": documents}}
    if kind == "development_themes":
        themes = [{"workplace": "", **theme} for theme in value["themes"]]
        return {"type": kind, "value": {**value, "themes": themes}}
    return {"type": kind, "value": value}


def stream(blocks):
    """Raw stream data from the short form; `markdown: <file>` stands for a file's blocks."""
    raw = []
    for block in blocks:
        if "markdown" in block:
            raw.extend(markdown_stream(block["markdown"]))
        else:
            raw.append(_stream_block(block))
    return raw


def load(path):
    with open(DATA_DIR / path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=DemoLoader)  # noqa: S506 # nosec B506 # SafeLoader subclass


@cache
def portal_data():
    """The shared data (data/portal.yaml)."""
    return load("portal.yaml")


@cache
def project_data():
    """The seed projects in file-name order (data/projects/*.yaml)."""
    paths = sorted((DATA_DIR / "projects").glob("*.yaml"))
    return [_with_transcripts(load(path.relative_to(DATA_DIR))) for path in paths]


def _with_transcripts(data):
    """A video without a transcript gets the text of its captions."""
    for video in data.get("videos", []):
        if "transcript" not in video:
            cues = data["documents"][video["captions"].key]["cues"]
            video["transcript"] = "".join(f"<p>{text}</p>" for _start, _end, text in cues)
    return data


def project_named(slug):
    """The data of the project with this slug."""
    for data in project_data():
        if data["project"]["slug"] == slug:
            return data
    raise KeyError(slug)
