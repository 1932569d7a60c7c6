"""The generated demo video: frames large enough to read, with Czech letters drawn."""

import io

import av
import numpy as np

from portal.demo import files

# A code point no font has a glyph for: it is drawn as the font's "missing glyph" box.
UNASSIGNED = "\u0378"


def first_frame(data):
    with av.open(io.BytesIO(data)) as container:
        frame = next(container.decode(video=0))
        return frame.to_ndarray(format="rgb24")


def test_video_frames_are_at_least_640_by_360():
    height, width, _ = first_frame(files.webm_video("SPOT TELČ", 1, "#0b3d6b")).shape
    assert width >= 640 and height >= 360


def test_video_title_draws_czech_letters_not_missing_glyph_boxes():
    czech = first_frame(files.webm_video("SPOT TELČ", 1, "#0b3d6b")).astype(int)
    missing = first_frame(files.webm_video(f"SPOT TEL{UNASSIGNED}", 1, "#0b3d6b")).astype(int)
    latin = first_frame(files.webm_video("SPOT TELC", 1, "#0b3d6b")).astype(int)
    # Without a glyph for Č the title would be drawn exactly like any unknown character.
    assert np.abs(czech - missing).max() > 100
    # The háček is there: Č differs from C.
    assert np.abs(czech - latin).max() > 100


def test_a_generated_file_is_kept_and_read_back_for_the_same_input_only(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "KEPT_FILES", tmp_path)
    calls = []

    @files.kept
    def document(title):
        calls.append(title)
        return f"PDF {title}".encode()

    assert document("Metodika") == document("Metodika") == b"PDF Metodika"
    assert document("Nástroj") == "PDF Nástroj".encode()
    assert calls == ["Metodika", "Nástroj"]
    assert len(list(tmp_path.iterdir())) == 2
