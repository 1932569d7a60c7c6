"""Cut the design system's Roboto faces down to the characters Czech text uses.

Run by `make assets` after assets/build.mjs copied the woff2 files into
portal/static/portal/gov/fonts/; each file is rewritten in place with fontTools, keeping its
kerning and ligatures. A character outside the subset falls back to the next font of the
stack, as the faces' unicode-range would do anyway.
"""

import sys
from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parents[1] / "portal" / "static" / "portal" / "gov" / "fonts"
CZECH = "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ" + "äöüôľĺŕÄÖÜÔĽĹŔ"  # and the Slovak/German names
PUNCTUATION = "\u00a0–—„“”‚‘’…•·×°§€«»©®™−"
TEXT = "".join(chr(code) for code in range(0x20, 0x7F)) + CZECH + PUNCTUATION


def subset_font(path):
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "calt", "tnum", "lnum"]
    options.name_IDs = [1, 2]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=TEXT)
    subsetter.subset(font)
    subset.save_font(font, str(path), options)


def main():
    paths = sorted(FONTS.glob("*.woff2"))
    if not paths:
        sys.exit(f"no fonts in {FONTS}: run assets/build.mjs first")
    before = sum(path.stat().st_size for path in paths)
    for path in paths:
        subset_font(path)
    after = sum(path.stat().st_size for path in paths)
    print(f"{FONTS.name}/: {before / 1000:.1f} kB -> {after / 1000:.1f} kB")


if __name__ == "__main__":
    main()
