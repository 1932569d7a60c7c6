"""Demo pages: created or updated in place by slug, published only when their content changed."""

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from home.models import HomePage
from methodology.models import ToolPage

from .context import DemoContentError
from .loader import Ref, stream

# Keys of serialised page data that change on every save and say nothing about content.
VOLATILE_KEYS = {
    "id",
    "pk",
    "page",
    "content_object",
    "sort_order",
    "path",
    "depth",
    "numchild",
    "url_path",
    "draft_title",
    "live",
    "visibility",  # derived from live and path, as its copy on topic links (with page_type)
    "page_type",
    "has_unpublished_changes",
    "first_published_at",
    "first_published",  # a sort key, copied from first_published_at (sort_title: the title)
    "sort_title",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "wagtail_admin_comments",
}


def _normalise(data):
    """Serialised page data without ids, tree bookkeeping and publication timestamps."""
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))

    def clean(value):
        if isinstance(value, str) and value.startswith("[{"):
            try:
                return clean(json.loads(value))
            except ValueError:
                return value
        if isinstance(value, dict):
            if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
                return clean(value["value"])  # a ListBlock item in the block format
            return {key: clean(item) for key, item in value.items() if key not in VOLATILE_KEYS}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    data = clean(data)
    data["topic_items"] = sorted(data.get("topic_items", []), key=lambda item: item["tag"])
    return data


def has_changes(page):
    revision = page.latest_revision
    if revision is None or not page.live or page.has_unpublished_changes:
        return True
    return _normalise(page.serializable_data()) != _normalise(revision.content)


def _db_values(model, row):
    """Decimals as the database returns them (111 -> 111.00), so that reruns compare equal."""
    values = dict(row)
    for name, value in row.items():
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.DecimalField) and value is not None:
            step = Decimal(1).scaleb(-model_field.decimal_places)
            values[name] = Decimal(value).quantize(step)
    return values


def apply_fields(ctx, page, spec):
    """Set plain fields, foreign keys, many-to-many, child relations and stream fields."""
    for name, value in spec.items():
        model_field = page._meta.get_field(name)
        if isinstance(model_field, StreamField):
            value = ctx.resolve_stream(stream(value))
        elif model_field.one_to_many:
            model = model_field.related_model
            value = [model(**_db_values(model, ctx.resolve(row))) for row in value]
        else:
            value = ctx.resolve(value)
        setattr(page, name, value)


def save_page(ctx, page, spec, parent=None):
    """Fill page from spec; add it under parent if it is new; publish only if it changed."""
    spec = dict(spec)
    topics = [ctx.get(Ref("topic", name)) for name in spec.pop("topics", [])]
    spec.pop("slug", None)
    apply_fields(ctx, page, spec)
    page.topics.set(topics)
    if isinstance(page, ToolPage):
        page.validation_stage = page.current_stage()
    if parent is not None:
        parent.add_child(instance=page)
        ctx.stats["pages created"] += 1
    elif has_changes(page):
        ctx.stats["pages updated"] += 1
    else:
        ctx.stats["pages unchanged"] += 1
        return page
    page.save_revision().publish()
    return page


def upsert_page(ctx, parent, model, spec, moved_from=None):
    """The page with spec's slug under parent, created or updated.

    A page the demo used to keep under `moved_from` (an index page) is moved to parent.
    """
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing is None and moved_from is not None:
        existing = moved_from.get_children().type(model).filter(slug=spec["slug"]).first()
        if existing is not None:
            existing.move(parent, pos="last-child")
            existing = Page.objects.get(pk=existing.pk)
            ctx.stats["pages moved"] += 1
    if existing is None:
        return save_page(ctx, model(slug=spec["slug"]), spec, parent=parent)
    page = existing.specific
    if not isinstance(page, model):
        raise DemoContentError(
            f"{parent.url_path}{spec['slug']}/ is a {type(page).__name__}, not {model.__name__}"
        )
    return save_page(ctx, page, spec)


def home_page():
    root = Site.objects.get(is_default_site=True).root_page.specific
    if not isinstance(root, HomePage):
        raise DemoContentError("The default site's root page is not the portal's HomePage.")
    return root


def page_ref(slug):
    return Ref("page", slug)
