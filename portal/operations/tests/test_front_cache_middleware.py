"""What the portal lets the caches keep (portal/frontcache.py, production middleware)."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.utils.cache import add_never_cache_headers

from portal.operations.frontcache import FrontCacheMiddleware, new_generation


class Page:
    """A view standing in for Wagtail's page serving; counts how often it renders."""

    def __init__(self, make=None):
        self.renders = 0
        self.make = make or (lambda: HttpResponse(f"render {self.renders}"))

    def __call__(self, request):
        self.renders += 1
        return self.make()


@override_settings(FRONT_CACHE_SECONDS=60)
class FrontCacheMiddlewareTests(SimpleTestCase):
    def setUp(self):
        cache.clear()
        self.factory = RequestFactory()

    def visit(self, middleware, path="/aktuality/", **extra):
        return middleware(self.factory.get(path, **extra))

    def test_anonymous_page_is_kept_for_the_front_cache_not_for_browsers(self):
        page = Page()
        middleware = FrontCacheMiddleware(page)
        first = self.visit(middleware)
        second = self.visit(middleware)
        assert page.renders == 1
        assert second.content == first.content
        assert "public" in first["Cache-Control"] and "s-maxage=60" in first["Cache-Control"]
        assert "max-age=0" in first["Cache-Control"]
        assert "stale-if-error=86400" in first["Cache-Control"]

    def test_publishing_shows_the_change_at_once(self):
        page = Page()
        middleware = FrontCacheMiddleware(page)
        self.visit(middleware)
        new_generation()
        assert self.visit(middleware).content == b"render 2"

    def test_response_rendered_while_a_change_is_published_is_not_kept(self):
        def publish_meanwhile():
            new_generation()
            return HttpResponse("old content")

        middleware = FrontCacheMiddleware(Page(publish_meanwhile))
        response = self.visit(middleware)
        assert not response.has_header("Cache-Control")
        self.visit(middleware)
        assert middleware.get_response.renders == 2

    def test_logged_in_visitors_and_private_answers_are_never_kept(self):
        def restricted():
            response = HttpResponse("staff only")
            add_never_cache_headers(response)
            return response

        def sets_cookie():
            response = HttpResponse("form")
            response.set_cookie("csrftoken", "x")
            return response

        for make in (restricted, sets_cookie):
            page = Page(make)
            middleware = FrontCacheMiddleware(page)
            self.visit(middleware)
            self.visit(middleware)
            assert page.renders == 2, make.__name__
            assert "public" not in self.visit(middleware).get("Cache-Control", "")

        page = Page()
        middleware = FrontCacheMiddleware(page)
        self.visit(middleware, HTTP_COOKIE="sessionid=abc")
        response = self.visit(middleware, HTTP_COOKIE="sessionid=abc")
        assert page.renders == 2
        assert not response.has_header("Cache-Control")

    def test_admin_and_documents_pass_through(self):
        for path in ("/admin/", "/dokumenty/1/zprava.pdf"):
            page = Page()
            middleware = FrontCacheMiddleware(page)
            self.visit(middleware, path)
            response = self.visit(middleware, path)
            assert page.renders == 2, path
            assert not response.has_header("Cache-Control"), path
