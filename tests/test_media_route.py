"""The development server's /media/ route hands out image files and nothing else."""

import importlib
from pathlib import Path

from django.conf import settings
from django.test import TestCase, override_settings
from django.urls import clear_url_caches

import portal.urls


@override_settings(DEBUG=True)
class MediaRouteTest(TestCase):
    """`make run` serves /media/ itself: no path may climb out of the image folders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        media = Path(settings.MEDIA_ROOT)
        for folder, name, text in (
            ("images", "foto.png", b"image"),
            ("original_images", "puvodni.png", b"original"),
            ("documents", "tajne.pdf", b"%PDF-1.4 staff only"),
        ):
            (media / folder).mkdir(parents=True, exist_ok=True)
            (media / folder / name).write_bytes(text)

    def setUp(self):
        # The route exists only with DEBUG on, decided when the URLconf is imported.
        with self.settings(DEBUG=True):
            importlib.reload(portal.urls)
        clear_url_caches()
        self.addCleanup(clear_url_caches)
        self.addCleanup(importlib.reload, portal.urls)

    def test_image_files_are_served(self):
        for url, body in (
            ("/media/images/foto.png", b"image"),
            ("/media/original_images/puvodni.png", b"original"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(b"".join(response.streaming_content), body)

    def test_documents_cannot_be_reached_by_climbing_out_of_an_image_folder(self):
        for url in (
            "/media/images/../documents/tajne.pdf",
            "/media/images/%2e%2e/documents/tajne.pdf",
            "/media/images/..%2fdocuments/tajne.pdf",
            "/media/original_images/%2E%2E%2Fdocuments%2Ftajne.pdf",
            "/media/images/x/../../documents/tajne.pdf",
            "/media/images/..%5cdocuments%5ctajne.pdf",
            "/media/documents/tajne.pdf",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
