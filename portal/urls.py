from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.decorators.http import require_POST
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import account as wagtail_account
from wagtail.documents import urls as wagtaildocs_urls

from methodology import compare
from methodology import views as methodology_views
from news import feeds
from portal.operations import sitemap
from portal.operations import views as operations_views
from portal.projects import views as project_views
from portal.search import views as search_views
from portal.taxonomy import views as taxonomy_views

# A database outage answers a Czech 503 ("back shortly"), anything else the 500 page.
handler500 = "portal.operations.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's logout view deletes the session cookie even when refusing a GET: only POST.
    path(
        "admin/logout/",
        require_POST(wagtail_account.LogoutView.as_view()),
        name="wagtailadmin_logout",
    ),
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
    path("standardy-kvality/", taxonomy_views.standard_index, name="standard_index"),
    path("standardy-kvality/<slug:slug>/", taxonomy_views.standard_detail, name="standard_detail"),
    path("pravni-predpisy/", taxonomy_views.provision_index, name="provision_index"),
    path("pravni-predpisy/<slug:slug>/", taxonomy_views.provision_detail, name="provision_detail"),
    path("", include("portal.regions.urls")),
    path("sitemap.xml", sitemap.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap.sitemap_section, name="sitemap_section"),
    path("robots.txt", operations_views.robots_txt, name="robots_txt"),
    path("favicon.ico", operations_views.favicon, name="favicon"),
    path("zdravi/", operations_views.health, name="health"),
    path("rss/aktuality/", feeds.NewsFeed(), name="feed_news"),
    path("rss/zpravy/", feeds.ReportFeed(), name="feed_reports"),
    path("rss/temata/<slug:slug>/", feeds.TopicFeed(), name="feed_topic"),
    path("atom/aktuality/", feeds.AtomNewsFeed(), name="atom_news"),
    path("atom/zpravy/", feeds.AtomReportFeed(), name="atom_reports"),
    path("atom/temata/<slug:slug>/", feeds.AtomTopicFeed(), name="atom_topic"),
    path("hledat/", search_views.search, name="search"),
    path("api/hledat/", search_views.search_api, name="search_api"),
    path(
        "api/projekty/naseptavac/",
        project_views.project_suggestions,
        name="project_suggestions",
    ),
    path("api/hledat/naseptavac/", search_views.search_autocomplete, name="search_autocomplete"),
    path("", include("portal.opendata.urls")),
    path("porovnat/", compare.compare, name="compare"),
    # A methodology's or tool's printed sheet: Wagtail's own page URLs never hold a dot.
    re_path(r"^((?:[\w\-]+/)+)karta\.pdf$", methodology_views.serve_sheet, name="page_sheet"),
    path("", include("portal.adoption.urls")),
    path("", include("portal.suggestions.urls")),
    path("", include("portal.alerts.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # Only images are served from /media/, each folder on its own so that no path climbs
    # out of it; documents always go through Wagtail's serve view (collection privacy).
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += [
        path(f"media/{folder}/<path:path>", operations_views.serve_image_file, {"folder": folder})
        for folder in operations_views.IMAGE_FOLDERS
    ]

urlpatterns += [path("", include(wagtail_urls))]
