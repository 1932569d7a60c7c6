from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from news import feeds
from portal.operations import views as operations_views
from portal.operations.sitemap import PortalSitemap
from portal.search import views as search_views
from portal.taxonomy import views as taxonomy_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path(
        "prihlaseni/",
        auth_views.LoginView.as_view(template_name=settings.WAGTAIL_FRONTEND_LOGIN_TEMPLATE),
        name="staff_login",
    ),
    path("odhlaseni/", auth_views.LogoutView.as_view(), name="staff_logout"),
    path("temata/", taxonomy_views.topic_index, name="topic_index"),
    path("temata/<slug:slug>/", taxonomy_views.topic_detail, name="topic_detail"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("robots.txt", operations_views.robots_txt, name="robots_txt"),
    path("rss/aktuality/", feeds.NewsFeed(), name="feed_news"),
    path("rss/zpravy/", feeds.ReportFeed(), name="feed_reports"),
    path("rss/temata/<slug:slug>/", feeds.TopicFeed(), name="feed_topic"),
    path("atom/aktuality/", feeds.AtomNewsFeed(), name="atom_news"),
    path("atom/zpravy/", feeds.AtomReportFeed(), name="atom_reports"),
    path("atom/temata/<slug:slug>/", feeds.AtomTopicFeed(), name="atom_topic"),
    path("hledat/", search_views.search, name="search"),
    path("api/hledat/", search_views.search_api, name="search_api"),
    path("api/hledat/naseptavac/", search_views.search_autocomplete, name="search_autocomplete"),
    path("", include("portal.opendata.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.urls import re_path
    from django.views.static import serve

    # Only images are served from /media/; documents always go through Wagtail's
    # serve view, which enforces collection privacy.
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:original_images|images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
