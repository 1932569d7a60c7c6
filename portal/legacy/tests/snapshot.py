"""What an upgrade must keep, read from a portal database by whichever layout's code runs.

Run inside ``manage.py shell`` of the old and of the new code; prints one JSON document.
Models are named by their model name alone for the apps that the first layout kept in one
app labelled ``portal`` (``portal.topic`` then, ``taxonomy.topic`` now), so the two
snapshots compare directly.
"""

import hashlib
import json
import re

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
)

SHARED_LABELS = {"portal", "core", "taxonomy", "projects", "accounts", "search"}
# Written while the portal runs (sessions, logins, tasks, search hit counts, image sizes made
# for pages as they are served), not content: they may differ between two processes.
SKIPPED = {
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "django_tasks_database",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
    "shared.portalrendition",
}


def model_key(app_label, model_name):
    return f"shared.{model_name}" if app_label in SHARED_LABELS else f"{app_label}.{model_name}"


def content_type_key(content_type_id):
    content_type = ContentType.objects.get_for_id(content_type_id)
    return model_key(content_type.app_label, content_type.model)


def row_counts():
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        key = model_key(meta.app_label, meta.model_name)
        if meta.app_label in SKIPPED or key in SKIPPED:
            continue
        counts[key] = model._default_manager.count()
    return counts


def content_types():
    return sorted(model_key(ct.app_label, ct.model) for ct in ContentType.objects.all())


def permissions():
    return sorted(
        f"{model_key(p.content_type.app_label, p.content_type.model)}:{p.codename}"
        for p in Permission.objects.select_related("content_type")
    )


def page_tree():
    return [
        [page.pk, page.path, page.url_path, page.title, page.live, content_type_key(ct)]
        for page, ct in ((p, p.content_type_id) for p in Page.objects.order_by("path"))
    ]


def revisions():
    return [
        [
            revision.pk,
            revision.object_id,
            content_type_key(revision.base_content_type_id),
            content_type_key(revision.content_type_id),
            revision.approved_go_live_at.isoformat() if revision.approved_go_live_at else None,
            revision.content.get("title"),
        ]
        for revision in Revision.objects.order_by("pk")
    ]


def checksum(field_file):
    with field_file.open("rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def files():
    return {
        "documents": [
            [d.pk, d.title, d.collection.name, checksum(d.file)]
            for d in get_document_model().objects.select_related("collection").order_by("pk")
        ],
        "images": [
            [i.pk, i.title, i.collection.name, checksum(i.file)]
            for i in get_image_model().objects.select_related("collection").order_by("pk")
        ],
    }


def group_permissions():
    result = {}
    for group in Group.objects.order_by("name"):
        model_permissions = sorted(
            f"{model_key(p.content_type.app_label, p.content_type.model)}:{p.codename}"
            for p in group.permissions.select_related("content_type")
        )
        pages = sorted(
            f"{gp.page_id}:{gp.permission.codename}"
            for gp in GroupPagePermission.objects.filter(group=group).select_related("permission")
        )
        collections = sorted(
            f"{gc.collection_id}:{gc.permission.codename}"
            for gc in GroupCollectionPermission.objects.filter(group=group).select_related(
                "permission"
            )
        )
        result[group.name] = {
            "model": model_permissions,
            "pages": pages,
            "collections": collections,
        }
    return result


OTHER_URLS = ["/temata/", "/hledat/?q=p%C4%9Bstounsk%C3%A1+p%C3%A9%C4%8De", "/rss/aktuality/",
              "/atom/zpravy/", "/sitemap.xml", "/robots.txt"]  # fmt: skip


def heading(html):
    """The text of the page's first <h1> (a feed or a file: its first line)."""
    match = re.search(r"<h1\b.*?</h1>", html, re.S)
    text = match.group(0) if match else html.split("\n", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def rendered():
    """Every public URL of the portal: its status and its heading."""
    client = Client()
    urls = [page.url for page in Page.objects.live().public().specific() if page.url]
    result = {}
    for url in [*urls, *OTHER_URLS]:
        response = client.get(url)
        text = heading(response.content.decode()) if response.status_code == 200 else ""
        result[url] = [response.status_code, text]
    return result


def search_entries():
    entry = next(m for m in apps.get_models() if m._meta.model_name == "searchentry")
    return sorted(
        [content_type_key(ct), object_id, title]
        for ct, object_id, title in entry.objects.values_list("content_type", "object_id", "title")
    )


print(
    json.dumps(
        {
            "rows": row_counts(),
            "content_types": content_types(),
            "permissions": permissions(),
            "pages": page_tree(),
            "revisions": revisions(),
            "files": files(),
            "groups": group_permissions(),
            "collections": list(Collection.objects.order_by("path").values_list("path", "name")),
            "search": search_entries(),
            "rendered": rendered(),
        },
        ensure_ascii=False,
    )
)
