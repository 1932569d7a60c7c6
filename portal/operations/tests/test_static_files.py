"""collectstatic in production compresses a static file again only when its bytes changed."""

import os
import tempfile
import time
from pathlib import Path

import brotli
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings


class StaticCompressionTests(SimpleTestCase):
    def setUp(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.source, self.root = folder / "source", folder / "static"
        self.source.mkdir()
        self.write("site.css", "body { color: #123456; }\n" * 50)
        self.write("app.js", "console.log('portál');\n" * 50)
        self.enterContext(
            override_settings(
                STATICFILES_DIRS=[self.source],
                STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
                STATIC_ROOT=self.root,
                STORAGES={
                    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                    "staticfiles": {"BACKEND": "portal.operations.static.StaticFilesStorage"},
                },
            )
        )

    def write(self, name, text, seconds_from_now=-10):
        """Writes a source file; collectstatic copies a file again only when it is newer than
        the collected copy by a whole second, hence the time given to it."""
        path = self.source / name
        path.write_text(text)
        when = time.time_ns() + seconds_from_now * 10**9
        os.utime(path, ns=(when, when))

    def collect(self):
        call_command("collectstatic", interactive=False, verbosity=0)
        return {path.name: path for path in self.root.iterdir()}

    def test_a_changed_file_is_served_with_its_new_bytes(self):
        self.collect()
        self.write("site.css", "body { color: #654321; }\n" * 50, seconds_from_now=2)
        files = self.collect()
        self.assertIn("#654321", brotli.decompress(files["site.css.br"].read_bytes()).decode())
        hashed = [name for name in files if name.startswith("site.") and name.endswith(".css")]
        self.assertEqual(len(hashed), 3)  # the original and the two versions' hashed names
        for name in hashed:
            text = brotli.decompress(files[name + ".br"].read_bytes()).decode()
            self.assertEqual(text, files[name].read_text())

    def test_an_unchanged_file_is_not_compressed_again(self):
        before = {name: path.stat().st_ctime_ns for name, path in self.collect().items()}
        after = {name: path.stat().st_ctime_ns for name, path in self.collect().items()}
        compressed = [name for name in before if name.endswith((".br", ".gz"))]
        self.assertEqual(len(compressed), 8)  # two files, each with its hashed name, twice
        self.assertEqual({n: after[n] for n in compressed}, {n: before[n] for n in compressed})
