"""Publishing, unpublishing or moving a page purges it and the listings that show it.

A real HTTP server on 127.0.0.1 stands in for Varnish and records the PURGE requests that
Wagtail's frontend cache backend sends (tasks run immediately under the test settings).
"""

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import TestCase, override_settings

from methodology.factories import MethodologyPageFactory
from news.factories import NewsPageFactory, VideoPageFactory
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import TopicFactory


class PurgeRecorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps connections open, as Varnish does
    paths = []
    connections = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.paths.append(self.path)
        self.connections.append(self.client_address)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class FrontCachePurgeTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        location = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.settings = override_settings(
            WAGTAILFRONTENDCACHE={
                "varnish": {
                    "BACKEND": "portal.operations.frontcache.KeepAliveHTTPBackend",
                    "LOCATION": location,
                }
            }
        )
        cls.settings.enable()

    @classmethod
    def tearDownClass(cls):
        cls.settings.disable()
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self):
        PurgeRecorder.paths.clear()
        PurgeRecorder.connections.clear()

    def test_publish_purges_the_page_its_listings_and_its_topics(self):
        topic = TopicFactory(name="Sanace rodiny")
        news = NewsPageFactory(title="Nová zpráva", topics=[topic])
        PurgeRecorder.paths.clear()
        news.title = "Opravená zpráva"
        with self.captureOnCommitCallbacks(execute=True):
            news.save_revision().publish()
        purged = set(PurgeRecorder.paths)
        assert {news.url, "/aktuality/", "/", "/temata/", f"/temata/{topic.slug}/"} <= purged
        assert {"/kraje/", "/kraje/vysocina/"} <= purged

    def test_unpublish_purges_the_listing_that_showed_the_page(self):
        news = NewsPageFactory()
        PurgeRecorder.paths.clear()
        with self.captureOnCommitCallbacks(execute=True):
            news.unpublish()
        assert {news.url, "/aktuality/", "/"} <= set(PurgeRecorder.paths)

    def test_publishing_a_related_page_purges_the_video_pages_that_show_it(self):
        project = ProjectPageFactory(title="Projekt se spoty")
        video = VideoPageFactory(title="Spot", source_project=project)
        sibling = VideoPageFactory(title="Druhý spot", source_project=project)
        other = VideoPageFactory(title="Cizí spot")
        methodology = MethodologyPageFactory()
        methodology.related_pages.add(video)
        PurgeRecorder.paths.clear()
        with self.captureOnCommitCallbacks(execute=True):
            methodology.save_revision().publish()
        purged = set(PurgeRecorder.paths)
        assert video.url in purged
        assert other.url not in purged

        PurgeRecorder.paths.clear()
        with self.captureOnCommitCallbacks(execute=True):
            video.save_revision().publish()
        purged = set(PurgeRecorder.paths)
        assert sibling.url in purged
        assert other.url not in purged

    def test_the_published_page_is_purged_first_and_the_batch_over_one_connection(self):
        topic = TopicFactory(name="Pěstounská péče")
        news = NewsPageFactory(title="Zpráva", topics=[topic])
        PurgeRecorder.paths.clear()
        PurgeRecorder.connections.clear()
        news.title = "Zpráva s opravou"
        with self.captureOnCommitCallbacks(execute=True):
            news.save_revision().publish()
        # One connection carries the page and every listing that shows it, the page first.
        batch_connection, _ = Counter(PurgeRecorder.connections).most_common(1)[0]
        batch = [
            path
            for path, connection in zip(PurgeRecorder.paths, PurgeRecorder.connections, strict=True)
            if connection == batch_connection
        ]
        assert batch[0] == news.url
        assert {"/aktuality/", "/", f"/temata/{topic.slug}/", "/kraje/"} <= set(batch)
