"""One seed project from its data file: its files, its page, its team and what it published.

A project's outputs (period reports, news, tools, methodologies, videos) live under the
project page; a page the demo used to keep under its index page is moved there. The
project's text links its own outputs as `[text](child:<slug>)` (Markdown): a page link once that
page exists (the project page is saved again after its outputs when it had to wait).
"""

import re

from methodology.models import MethodologyPage, ToolPage
from news.models import NewsPage, PeriodReportPage, VideoPage
from portal.accounts.roles import setup_project_team
from portal.projects.models import ProjectPage
from portal.taxonomy.models import Region

from .loader import Ref
from .media import build_document, build_images, move_into, team_collections
from .pages import page_ref, upsert_page

# Data file key -> page model and the index page the demo used to keep it under.
OUTPUTS = {
    "period_reports": (PeriodReportPage, None),
    "news": (NewsPage, "aktuality"),
    "tools": (ToolPage, "nastroje"),
    "methodologies": (MethodologyPage, "metodiky"),
    "videos": (VideoPage, "videa"),
}


def existing_team(ctx, slug):
    """The team of the project with this slug if the project exists already."""
    project = ctx.get(page_ref("projekty")).get_children().filter(slug=slug).first()
    return getattr(project.specific, "team", None) if project else None


def build_project(ctx, data, portal_collections, note):
    """The project of one data file with its files, team and outputs."""
    spec = data["project"]
    team = existing_team(ctx, spec["slug"])
    # A new project's files wait in the portal's collections until its team exists.
    collections = team_collections(team) if team else portal_collections
    build_images(ctx, data.get("images", {}), collections[0])
    documents = {
        key: build_document(ctx, key, document, collections, note)
        for key, document in data.get("documents", {}).items()
    }
    regional = data.get("regional_models")
    if regional:
        documents |= build_regional_models(ctx, regional, collections, note)
        spec = with_regional_models(spec, regional)
    projects = ctx.get(page_ref("projekty"))
    existing = projects.get_children().filter(slug=spec["slug"]).first()
    linked, waiting = with_child_links(spec, existing)
    page = upsert_page(ctx, projects, ProjectPage, linked)
    ctx.remember("project", spec["slug"], page)
    file_project(ctx, data, setup_project_team(page), documents)
    build_outputs(ctx, page, data)
    if waiting:
        page = upsert_page(ctx, projects, ProjectPage, with_child_links(spec, page)[0])
        ctx.remember("project", spec["slug"], page)
    return page


CHILD_LINK = re.compile(r"\[([^\]]+)\]\(child:([\w-]+)\)")


def with_child_links(spec, project):
    """spec with its `child:` links made page links to the project's children; the text
    alone (and waiting=True) where the project or that child does not exist yet."""
    children = dict(project.get_children().values_list("slug", "pk")) if project else {}
    waiting = False

    def link(match):
        nonlocal waiting
        pk = children.get(match[2])
        if pk is None:
            waiting = True
            return match[1]
        return f'<a linktype="page" id="{pk}">{match[1]}</a>'

    def rewrite(value):
        if isinstance(value, str):
            return CHILD_LINK.sub(link, value)
        if isinstance(value, dict):
            return {key: rewrite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [rewrite(item) for item in value]
        return value

    return rewrite(spec), waiting


def file_project(ctx, data, team, documents):
    """Move the project's images and documents into its team's collections."""
    public, staff_only = team_collections(team)
    move_into([ctx.get(Ref("image", key)) for key in data.get("images", {})], public)
    specs = data.get("documents", {})
    for key, document in documents.items():
        move_into([document], staff_only if specs.get(key, {}).get("staff_only") else public)


def build_outputs(ctx, project_page, data):
    regional = data.get("regional_models")
    for key, (model, index_slug) in OUTPUTS.items():
        moved_from = ctx.get(page_ref(index_slug)) if index_slug else None
        for spec in data.get(key, []):
            if regional and model is NewsPage:
                spec = {**spec, "body": [*spec["body"], regional_documents_block(regional)]}
            page = upsert_page(ctx, project_page, model, spec, moved_from=moved_from)
            ctx.remember("page", spec["slug"], page)


# --- one document per kraj (seed 002) ------------------------------------------------------


def regions_in_order():
    return list(Region.objects.order_by("nuts_code"))


def regional_keys(regional):
    return [regional["key"].format(slug=region.slug) for region in regions_in_order()]


def regional_documents_block(regional):
    return {"documents": {"heading": regional["heading"], "documents": regional_keys(regional)}}


def build_regional_models(ctx, regional, collections, note):
    """One document per kraj from the template in the data file, in NUTS order."""
    documents = {}
    template = regional["document"]
    for region, key in zip(regions_in_order(), regional_keys(regional), strict=True):
        values = {"slug": region.slug, "region": region.name}
        spec = {name: value.format(**values) for name, value in template.items()}
        spec.update(text=template["text"], region=Ref("region", region.slug))
        documents[key] = build_document(ctx, key, spec, collections, note, **values)
    return documents


def with_regional_models(spec, regional):
    """The project covers every kraj and lists the regional documents, also in its body."""
    keys = regional_keys(regional)
    return {
        **spec,
        "regions": [Ref("region", region.slug) for region in regions_in_order()],
        "documents": [{"document": Ref("document", key)} for key in keys],
        "body": [*spec["body"], regional_documents_block(regional)],
    }
