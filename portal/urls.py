from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.search import views as search_views

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
    path("temata/", views.topic_index, name="topic_index"),
    path("temata/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("hledat/", search_views.search, name="search"),
    path("api/hledat/", search_views.search_api, name="search_api"),
    path("api/hledat/naseptavac/", search_views.search_autocomplete, name="search_autocomplete"),
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
