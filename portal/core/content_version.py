"""A site-wide content version for template fragment caches.

Any saved or deleted row of the portal's own apps or Wagtail's pages, images and documents
(a published page, an edited snippet, an indicator, a view restriction) starts a new
version, so a cached fragment keyed on it is never older than the content it shows. With
a per-process cache (no Redis) other processes see the change after FRAGMENT_SECONDS.
"""

import time

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images.models import AbstractRendition

KEY = "portal:content-version"
FRAGMENT_SECONDS = 300
WATCHED_APPS = {
    "core",
    "taxonomy",
    "projects",
    "home",
    "news",
    "methodology",
    "glossary",
    "guide",
    "adoption",
    "suggestions",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
}


def content_version():
    version = cache.get(KEY)
    if version is None:
        version = time.time_ns()
        cache.set(KEY, version, None)
    return version


def shows_content(model):
    """Whether rows of `model` appear on pages (image renditions and the search index,
    written while pages are served or indexed, do not change what a page says, nor does a
    model that says `shows_content = False`)."""
    return (
        model._meta.app_label in WATCHED_APPS
        and getattr(model, "shows_content", True)
        and not (
            issubclass(model, AbstractRendition) or model.__module__.startswith("portal.search")
        )
    )


def changes_content(sender, created=False):
    """Whether a signal about a row of `sender` is a change of what pages show."""
    if created and issubclass(sender, BaseSiteSetting):
        return False  # settings rows are created with their defaults on first read
    return shows_content(sender)


def _bump(sender, created=False, **kwargs):
    if changes_content(sender, created):
        cache.set(KEY, time.time_ns(), None)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_bump, dispatch_uid=f"portal-content-version-{id(signal)}")
