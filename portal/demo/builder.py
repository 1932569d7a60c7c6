"""Builds the demo portal from `portal.demo.content`; running it again changes nothing.

Every object is looked up by its natural key (a page by its slug under its parent, a
document or image by its title, a snippet by its name or slug) and updated in place. A page
gets a new published revision only when its content differs from the latest revision.
"""

import io
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from wagtail.fields import StreamField
from wagtail.models import Collection, Page, Revision, Site
from wagtail.utils.file import hash_filelike

from home.models import HomePage
from methodology.models import (
    MethodologyIndexPage,
    MethodologyKind,
    MethodologyPage,
    ToolIndexPage,
    ToolPage,
)
from news.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    PeriodReportPage,
    VideoIndexPage,
    VideoPage,
)
from portal.accounts.roles import (
    ADMIN_GROUP_NAME,
    REVIEWER_GROUP_NAME,
    setup_project_team,
    setup_roles,
)
from portal.core.access import staff_collection, staff_group
from portal.core.models import PortalDocument, PortalImage, PortalSettings, StandardPage
from portal.projects.models import ProjectIndexPage, ProjectPage
from portal.taxonomy.models import (
    FundingProgramme,
    Municipality,
    Organisation,
    Person,
    Region,
    TargetGroup,
    Topic,
)

from . import content as c
from . import files

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin-demo-heslo"  # noqa: S105 # nosec B105 # a documented demo login, opt-in only

INDEX_MODELS = {
    "projekty": ProjectIndexPage,
    "aktuality": NewsIndexPage,
    "videa": VideoIndexPage,
    "metodiky": MethodologyIndexPage,
    "nastroje": ToolIndexPage,
}

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
    "has_unpublished_changes",
    "first_published_at",
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


class DemoContentError(Exception):
    """The database holds something the demo cannot safely update."""


@dataclass
class DemoContext:
    """What the builder has created so far, by (kind, key), and what it did."""

    refresh_files: bool = False
    objects: dict = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)

    def remember(self, kind, key, obj):
        self.objects[(kind, key)] = obj
        return obj

    def get(self, ref):
        try:
            return self.objects[(ref.kind, ref.key)]
        except KeyError:
            raise DemoContentError(f"Unknown {ref.kind}: {ref.key!r}") from None

    def resolve(self, value):
        """Replace every `Ref` inside value by the object it points to."""
        if isinstance(value, c.Ref):
            return self.get(value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve(item) for item in value]
        return value

    def resolve_stream(self, value):
        """Like `resolve`, but chooser blocks in raw stream data want primary keys."""
        if isinstance(value, c.Ref):
            return self.get(value).pk
        if isinstance(value, dict):
            return {key: self.resolve_stream(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve_stream(item) for item in value]
        return value


# --- entry point ----------------------------------------------------------------------------


@transaction.atomic
def build_demo(with_admin=False, refresh_files=False):
    """Create or update the whole demo portal; returns the context with what was done.

    Existing documents and images keep their files unless refresh_files is set; then the
    files are generated again and replaced where their content changed.
    """
    ctx = DemoContext(refresh_files=refresh_files)
    build_taxonomy(ctx)
    build_images(ctx)
    build_documents(ctx)
    build_portal_pages(ctx)
    build_pardubice(ctx)
    build_jihlava_telc(ctx)
    build_sociofactor(ctx)
    build_jmk(ctx)
    build_vysocina(ctx)
    build_settings(ctx)
    setup_roles()
    if with_admin:
        ensure_admin(ctx)
        ensure_demo_accounts(ctx)
    return ctx


def demo_counts():
    """Totals of what the demo consists of (for the summary and the tests)."""
    return {
        "pages": Page.objects.filter(depth__gt=1).count(),
        "revisions": Revision.page_revisions.count(),
        "documents": PortalDocument.objects.count(),
        "images": PortalImage.objects.count(),
        "organisations": Organisation.objects.count(),
        "municipalities": Municipality.objects.count(),
        "persons": Person.objects.count(),
        "topics": Topic.objects.count(),
        "target groups": TargetGroup.objects.count(),
        "news categories": NewsCategory.objects.count(),
        "methodology kinds": MethodologyKind.objects.count(),
        "funding programmes": FundingProgramme.objects.count(),
        "collections": Collection.objects.count(),
    }


# --- snippets -------------------------------------------------------------------------------


def build_taxonomy(ctx):
    for region in Region.objects.all():
        ctx.remember("region", region.slug, region)
    for spec in c.ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=spec["name"], defaults={"short_name": spec["short_name"], "kind": spec["kind"]}
        )
        ctx.remember("organisation", organisation.name, organisation)
    for name, region_slug in c.MUNICIPALITIES:
        municipality, _ = Municipality.objects.update_or_create(
            name=name, region=ctx.get(c.region(region_slug)), defaults={"is_orp": True}
        )
        ctx.remember("municipality", name, municipality)
    for spec in c.FUNDING_PROGRAMMES:
        defaults = {key: value for key, value in spec.items() if key != "name"}
        programme, _ = FundingProgramme.objects.update_or_create(
            name=spec["name"], defaults=defaults
        )
        ctx.remember("programme", programme.name, programme)
    for name in c.TARGET_GROUPS:
        ctx.remember("group", name, TargetGroup.objects.get_or_create(name=name)[0])
    build_persons(ctx)
    for name, slug in c.NEWS_CATEGORIES:
        news_category, _ = NewsCategory.objects.update_or_create(slug=slug, defaults={"name": name})
        ctx.remember("category", slug, news_category)
    for name, slug, description in c.METHODOLOGY_KINDS:
        methodology_kind, _ = MethodologyKind.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        ctx.remember("kind", slug, methodology_kind)
    for name in c.TOPICS:
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
        ctx.remember("topic", name, topic)


def build_persons(ctx):
    for spec in c.PERSONS:
        values = ctx.resolve(spec)
        person = Person.objects.filter(name=values["name"]).first() or Person(name=values["name"])
        for key, value in values.items():
            setattr(person, key, value)
        person.save()
        ctx.remember("person", person.name, person)


# --- images and documents -------------------------------------------------------------------


def save_if_changed(obj, force=False, **values):
    """Set values on obj; write (and so re-index) it only when it is new or they differ."""
    changed = force or obj.pk is None
    changed = changed or any(getattr(obj, key) != value for key, value in values.items())
    for key, value in values.items():
        setattr(obj, key, value)
    if changed:
        obj.save()


def put_file(obj, upload, set_metadata):
    """Give obj the generated file unless it already has identical content; True if it did."""
    if obj.file and obj.file_hash == hash_filelike(upload):
        return False
    if obj.file:
        obj.file.delete(save=False)
    obj.file = upload
    set_metadata()
    return True


def count_file(ctx, kind, created, file_changed):
    if created:
        ctx.stats[f"{kind} created"] += 1
    elif file_changed:
        ctx.stats[f"{kind} refreshed"] += 1


def render_image(key, spec):
    if spec.get("style") == "mosaic":
        return files.mosaic_image(key)
    return files.abstract_image(key, spec["palette"], spec.get("label", ""))


def build_images(ctx):
    for key, spec in c.IMAGES.items():
        image = PortalImage.objects.filter(title=spec["title"]).first()
        created = image is None
        image = image or PortalImage(title=spec["title"])
        file_changed = False
        if created or ctx.refresh_files:
            upload = ImageFile(io.BytesIO(render_image(key, spec)), name=f"demo-{key}.png")
            file_changed = put_file(image, upload, image._set_image_file_metadata)
        values = {"description": spec["description"], "credit": spec.get("credit", "")}
        save_if_changed(image, force=file_changed, **values)
        if file_changed and not created:
            image.renditions.all().delete()
        count_file(ctx, "images", created, file_changed)
        ctx.remember("image", key, image)


def document_specs():
    """The fixed documents plus one regional model per kraj, in NUTS order."""
    specs = dict(c.DOCUMENTS)
    for region in Region.objects.order_by("nuts_code"):
        specs[c.regional_model_key(region.slug)] = c.regional_model_document(
            region.name, region.slug
        )
    return specs


def render_document(spec):
    """The file's bytes and the text a search index should see."""
    if "video" in spec:
        return files.webm_video(**spec["video"]), ""
    if "cues" in spec:
        data = files.webvtt_captions(spec["cues"])
        return data, " ".join(text for _start, _end, text in spec["cues"])
    paragraphs = [*c.pdf_text(spec["text"]), c.DEMO_NOTE]
    data = files.pdf_document(spec["title"], paragraphs, spec.get("subtitle", ""))
    return data, files.extract_pdf_text(data)


def build_documents(ctx):
    collections = {c.STAFF_COLLECTION: staff_collection(), None: Collection.get_first_root_node()}
    for key, spec in document_specs().items():
        document = PortalDocument.objects.filter(title=spec["title"]).first()
        created = document is None
        document = document or PortalDocument(title=spec["title"])
        file_changed = False
        if created or ctx.refresh_files:
            data, text = render_document(spec)
            upload = ContentFile(data, name=spec["filename"])
            file_changed = put_file(document, upload, document._set_document_file_metadata)
            if file_changed:
                document.extracted_text = text
                document.full_clean(exclude=["collection"])
        save_if_changed(
            document,
            force=file_changed,
            collection=collections[spec.get("collection")],
            description=spec["description"],
            region=ctx.get(c.region(spec["region"])) if "region" in spec else None,
            published_on=spec.get("published_on"),
        )
        count_file(ctx, "documents", created, file_changed)
        ctx.remember("document", key, document)


# --- pages ----------------------------------------------------------------------------------


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
            value = ctx.resolve_stream(value)
        elif model_field.one_to_many:
            model = model_field.related_model
            value = [model(**_db_values(model, ctx.resolve(row))) for row in value]
        else:
            value = ctx.resolve(value)
        setattr(page, name, value)


def save_page(ctx, page, spec, parent=None):
    """Fill page from spec; add it under parent if it is new; publish only if it changed."""
    spec = dict(spec)
    topics = [ctx.get(c.Ref("topic", name)) for name in spec.pop("topics", [])]
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


def build_portal_pages(ctx):
    home = save_page(ctx, home_page(), c.HOME)
    ctx.remember("page", "home", home)
    for slug, spec in c.INDEX_PAGES.items():
        spec = {"slug": slug, "show_in_menus": True, **spec}
        ctx.remember("page", slug, upsert_page(ctx, home, INDEX_MODELS[slug], spec))
    about = {"show_in_menus": True, **c.ABOUT_PAGE}
    for spec in (about, c.ACCESSIBILITY_PAGE):
        ctx.remember("page", spec["slug"], upsert_page(ctx, home, StandardPage, spec))


def index(ctx, slug):
    return ctx.get(c.Ref("page", slug))


def build_project(ctx, spec):
    page = upsert_page(ctx, index(ctx, "projekty"), ProjectPage, spec)
    setup_project_team(page)
    return ctx.remember("project", spec["slug"], page)


def build_output(ctx, project_page, index_slug, model, spec):
    """A project's news, methodology, tool or video: in the project's subtree."""
    return upsert_page(ctx, project_page, model, spec, moved_from=index(ctx, index_slug))


def build_settings(ctx):
    site = Site.objects.get(is_default_site=True)
    settings = PortalSettings.for_site(site)
    for key, value in c.PORTAL_SETTINGS.items():
        setattr(settings, key, value)
    settings.about_page = index(ctx, c.ABOUT_PAGE["slug"])
    settings.accessibility_statement = index(ctx, c.ACCESSIBILITY_PAGE["slug"])
    settings.save()


# --- the five seeds -------------------------------------------------------------------------


def build_pardubice(ctx):
    """Seed 000: the innovation nest of Gov Lab and Pardubický kraj."""
    project_page = build_project(ctx, c.PARDUBICE_PROJECT)
    source = {"source_project": project_page}
    for spec in c.PARDUBICE_TOOLS:
        build_output(ctx, project_page, "nastroje", ToolPage, {**spec, **source})
    methodology = {**c.PARDUBICE_METHODOLOGY, **source}
    build_output(ctx, project_page, "metodiky", MethodologyPage, methodology)


def build_jihlava_telc(ctx):
    """Seed 001: ALTERNIS z.s. in Jihlava and Telč; reports, news, methodologies, spots."""
    project_page = build_project(ctx, c.JIHLAVA_TELC_PROJECT)
    for spec in c.PERIOD_REPORTS:
        extra = {"prepared_by": c.PREPARED_BY, "listing_image": c.img("projekt-jihlava-telc")}
        upsert_page(ctx, project_page, PeriodReportPage, {**spec, **extra})
    build_output(ctx, project_page, "aktuality", NewsPage, c.JIHLAVA_TELC_NEWS)
    for spec in (c.COCHEM_METHODOLOGY, c.STAFF_METHODOLOGY):
        build_output(ctx, project_page, "metodiky", MethodologyPage, spec)
    for spec in c.VIDEOS:
        build_output(ctx, project_page, "videa", VideoPage, spec)


def build_sociofactor(ctx):
    """Seed 002: SocioFactor's analysis for MPSV and the fourteen regional documents."""
    regional_keys = [
        c.regional_model_key(region.slug) for region in Region.objects.order_by("nuts_code")
    ]
    document_list = c.documents("Krajské modely sítě služeb ke stažení", *regional_keys)
    project_spec = {
        **c.SOCIOFACTOR_PROJECT,
        "regions": [c.region(region.slug) for region in Region.objects.order_by("nuts_code")],
        "documents": [{"document": c.doc(key), "title": ""} for key in regional_keys],
        "body": [*c.SOCIOFACTOR_PROJECT["body"], document_list],
    }
    project_page = build_project(ctx, project_spec)
    news_spec = {**c.SOCIOFACTOR_NEWS, "body": [*c.SOCIOFACTOR_NEWS["body"], document_list]}
    build_output(ctx, project_page, "aktuality", NewsPage, news_spec)


def build_jmk(ctx):
    """Seed 003: the project of the Jihomoravský regional office and "OSPOD sobě"."""
    project_page = build_project(ctx, c.JMK_PROJECT)
    build_output(ctx, project_page, "aktuality", NewsPage, c.OSPOD_SOBE_NEWS)


def build_vysocina(ctx):
    """Seed 004: "Inovace pro setrvání dětí v rodině" and its two methodologies."""
    project_page = build_project(ctx, c.VYSOCINA_PROJECT)
    for spec in (c.ASSISTED_CONTACT_METHODOLOGY, c.FOSTER_CARE_METHODOLOGY):
        build_output(ctx, project_page, "metodiky", MethodologyPage, spec)


# --- accounts -------------------------------------------------------------------------------


def ensure_admin(ctx):
    """The opt-in demo superuser; an existing account is left as it is."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        ctx.stats["admin existed"] += 1
        return
    user_model.objects.create_superuser(ADMIN_USERNAME, "admin@example.cz", ADMIN_PASSWORD)
    ctx.stats["admin created"] += 1


def demo_account_groups(ctx):
    """{username: groups} of the demo accounts, one per role (see README)."""
    project_editors = {
        username: [ctx.get(c.project(slug)).team.editors]
        for username, slug in c.DEMO_EDITORS.items()
    }
    return {
        "spravce": [Group.objects.get(name=ADMIN_GROUP_NAME), staff_group()],
        "recenzent": [Group.objects.get(name=REVIEWER_GROUP_NAME)],
        "pracovnik": [staff_group()],
        **project_editors,
    }


def ensure_demo_accounts(ctx):
    """Demo users of every role; an existing account keeps its password but gets its groups."""
    user_model = get_user_model()
    for username, groups in demo_account_groups(ctx).items():
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username, f"{username}@example.cz", demo_password(username)
            )
            ctx.stats["demo accounts created"] += 1
        user.groups.add(*groups)


def demo_account_names():
    return ["spravce", "recenzent", "pracovnik", *c.DEMO_EDITORS]


def demo_password(username):
    return f"{username}-demo-heslo"
