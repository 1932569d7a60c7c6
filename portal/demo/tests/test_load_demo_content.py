"""The demo content command: it builds the whole portal, reruns cleanly and keeps the facts."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from wagtail.models import Collection, Page, Site

from home.models import HomePage
from methodology.models import MethodologyPage, ToolPage
from news.models import NewsPage, PeriodReportPage, VideoPage
from portal.core.access import collection_is_staff_only
from portal.core.models import PortalDocument, PortalImage, PortalSettings
from portal.demo import files, loader
from portal.demo.builder import demo_counts
from portal.demo.media import put_file, render_document
from portal.demo.testing import demo_database
from portal.demo.tests.test_files import first_frame
from portal.glossary.models import GlossaryTermPage
from portal.projects.models import ProjectPage
from portal.taxonomy.models import Municipality, Organisation, Person, Region, Topic

pytestmark = pytest.mark.django_db

JIHLAVA_TELC_REG_NO = "CZ.03.2.63/0.0/0.0/19_098/0015128"
PARDUBICE_SLUG = "inovacni-hnizdo-ospod-pardubicky-kraj"
JIHLAVA_TELC_SLUG = "podpora-rozvoje-a-profesionalizace-spod"
SOCIOFACTOR_SLUG = "podpora-systemovych-zmen-v-peci-o-ohrozene-deti"
JMK_SLUG = "podpora-spod-na-krajskem-urade-jmk-ii"
VYSOCINA_SLUG = "inovace-pro-setrvani-deti-v-rodine"
PRAGUE = ZoneInfo("Europe/Prague")


def run_command(*args):
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Everything a rerun must leave as it is (ids included, so nothing is recreated)."""
    pages = Page.objects.filter(depth__gt=1)
    return {
        "counts": demo_counts(),
        "pages": sorted(pages.values_list("id", "url_path", "live_revision_id")),
        "documents": sorted(PortalDocument.objects.values_list("id", "title", "file")),
        "images": sorted(PortalImage.objects.values_list("id", "title", "file")),
        "organisations": sorted(Organisation.objects.values_list("id", "name")),
        "municipalities": sorted(Municipality.objects.values_list("id", "name")),
        "persons": sorted(Person.objects.values_list("id", "name")),
        "topics": sorted(Topic.objects.values_list("id", "slug")),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the session from an empty database (what the command printed
    then), inside a transaction rolled back at the end of this module."""
    with django_db_blocker.unblock(), demo_database() as output, transaction.atomic():
        yield {"output": output, "snapshot": snapshot()}
        transaction.set_rollback(True)


def project(slug):
    return ProjectPage.objects.get(slug=slug)


def stream_text(stream_value):
    return str(stream_value.render_as_block()) if hasattr(stream_value, "render_as_block") else ""


def body_blocks(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]


# --- the command --------------------------------------------------------------------------


def test_command_builds_the_page_tree(demo):
    assert "Ukázkový obsah je připraven" in demo["output"]
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert home.intro
    assert set(home.get_children().values_list("slug", flat=True)) == {
        "projekty",
        "aktuality",
        "videa",
        "metodiky",
        "nastroje",
        "o-portalu",
        "jak-hodnotime",
        "prohlaseni-o-pristupnosti",
        "slovnik",
        "postup",
    }
    assert ProjectPage.objects.live().count() == 5
    assert PeriodReportPage.objects.live().count() == 4
    assert NewsPage.objects.live().count() == 3
    assert VideoPage.objects.live().count() == 2
    assert MethodologyPage.objects.live().count() == 5
    assert ToolPage.objects.live().count() == 3


def test_every_page_is_published_with_summary_and_topics(demo):
    for page in Page.objects.filter(depth__gt=2).specific():
        assert page.live and not page.has_unpublished_changes, page.title
        assert page.summary, page.title
        is_term = isinstance(page, GlossaryTermPage)  # a definition, not content on a topic
        if page.slug != "prohlaseni-o-pristupnosti" and page.depth > 3 and not is_term:
            assert page.topics.exists(), page.title


def test_second_run_changes_nothing(demo):
    output = run_command("--with-admin")

    assert snapshot() == demo["snapshot"]
    assert "beze změny (pages unchanged): 57" in output
    for label in ("pages created", "pages updated", "documents created", "images created"):
        assert label not in output
    assert "admin / admin-demo-heslo" in output
    assert get_user_model().objects.get(username="admin").is_superuser
    assert "redaktor-jihlava" in output


def test_with_admin_every_role_has_a_demo_account(demo):
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    run_command("--with-admin")
    users = get_user_model().objects
    roles = {
        "spravce": {"Správci portálu", "Pracovníci OSPOD"},
        "recenzent": {"Recenzenti"},
        "pracovnik": {"Pracovníci OSPOD"},
        "redaktor-jihlava": {
            "Redakce: Podpora rozvoje a profesionalizace sociálně-právní ochrany dětí"
        },
        "redaktor-vysocina": {"Redakce: Inovace pro setrvání dětí v rodině"},
    }
    for username, groups in roles.items():
        user = users.get(username=username)
        assert set(user.groups.values_list("name", flat=True)) == groups, username
        request = RequestFactory().post("/prihlaseni/")
        assert authenticate(request, username=username, password=f"{username}-demo-heslo")


def test_rerun_restores_an_edited_page(demo):
    report = PeriodReportPage.objects.get(period_number=3)
    report.summary = "Upraveno v administraci"
    report.save_revision().publish()

    run_command()

    report.refresh_from_db()
    assert report.summary.startswith("Po uvolnění opatření")
    assert demo_counts()["pages"] == demo["snapshot"]["counts"]["pages"]


def test_refreshing_identical_files_keeps_them(demo):
    spec = loader.project_named(JIHLAVA_TELC_SLUG)["documents"]["metodika-cochem"]
    document = PortalDocument.objects.get(title=spec["title"])
    data, _text = render_document(spec, loader.portal_data()["document_note"])
    upload = ContentFile(data, name=spec["filename"])

    assert put_file(document, upload, document._set_document_file_metadata) is False
    assert PortalDocument.objects.get(pk=document.pk).file.name == document.file.name


def test_titles_are_unique(demo):
    titles = list(PortalDocument.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles))
    titles = list(PortalImage.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles))


# --- seed 000: Pardubice --------------------------------------------------------------------


def test_pardubice_results_and_partners(demo):
    page = project(PARDUBICE_SLUG)
    pairs = {
        (row.unit, row.value_before, row.value_after)
        for row in page.result_indicators.all()
        if row.has_pair
    }
    assert ("min/den", Decimal(111), Decimal(96)) in pairs
    assert ("h/týden", Decimal(55), Decimal(48)) in pairs
    changes = {row.change_label for row in page.result_indicators.all()}
    assert {"+7 h/týden", "+11 %", "téměř 4×", "+22 %", "62 %", "2×"} <= changes
    assert any("ztrojnásobení" in label for label in changes)
    partners = [partner.organisation.name for partner in page.partners.all()]
    assert partners[:5] == [
        "Pardubický kraj",
        "Město Česká Třebová",
        "Město Žamberk",
        "Město Lanškroun",
        "Univerzita Pardubice",
    ]
    themes = body_blocks(page, "development_themes")[0]["themes"]
    assert [theme["name"] for theme in themes][0] == "Rozvody"
    image_block = body_blocks(page, "image")[0]
    assert image_block["credit"] == "Šimon Kos"
    assert {doc.document.title for doc in page.documents.all()} == {
        "Závěrečná evaluační zpráva projektu",
        "Provázení změnou v kontextu sociálně-právní ochrany dětí",
    }


def test_pardubice_tools_have_stage_histories(demo):
    stages = {tool.title: tool.validation_stage for tool in ToolPage.objects.all()}
    assert stages == {
        "Průvodce změnou na pracovišti OSPOD": "validated",
        "Pravidelná porada s intervizí": "validated",
        "Plán bezpečí dítěte": "tested",
    }
    ritual = ToolPage.objects.get(slug="pravidelna-porada-s-intervizi")
    steps = list(ritual.stage_changes.order_by("date"))
    assert [step.stage for step in steps] == ["prototype", "tested", "validated"]
    assert all(step.municipality for step in steps)
    assert ritual.source_project.slug == PARDUBICE_SLUG


# --- seed 001: Jihlava and Telč -------------------------------------------------------------


def test_jihlava_telc_period_reports(demo):
    page = project(JIHLAVA_TELC_SLUG)
    assert page.registration_number == JIHLAVA_TELC_REG_NO
    assert page.start_date == date(2020, 5, 1)
    reports = list(page.outputs_of(PeriodReportPage))
    assert [report.period_number for report in reports] == [4, 3, 2, 1]
    assert {report.prepared_by for report in reports} == {"odborný tým projektu"}

    first = PeriodReportPage.objects.get(period_number=1)
    assert (first.period_start, first.period_end) == (date(2020, 5, 1), date(2020, 10, 31))
    figures = {figure.value for figure in first.figures.all()}
    assert {Decimal(15), Decimal(4)} <= figures
    assert "2. 10. 2020" in stream_text(first.body)

    third = PeriodReportPage.objects.get(period_number=3)
    assert any(figure.value == 32 and figure.unit == "h" for figure in third.figures.all())
    third_text = stream_text(third.body)
    assert "mediace" in third_text and "Úvod do mediace" in third_text

    assert any("supervize" in stream_text(report.body) for report in reports)
    fourth = PeriodReportPage.objects.get(period_number=4)
    assert "cochemské praxe" in stream_text(fourth.body)


def test_jihlava_telc_news_methodologies_and_spots(demo):
    news = NewsPage.objects.get(slug="zahajeni-projektu-podpora-rozvoje-a-profesionalizace-spod")
    assert news.category.name == "Z projektů"
    assert news.published_at.date() == date(2020, 5, 1)
    assert list(news.related_projects.values_list("slug", flat=True)) == [JIHLAVA_TELC_SLUG]

    cochem = MethodologyPage.objects.get(slug="kolizni-opatrovnictvi-podle-cochemske-praxe")
    text = stream_text(cochem.body)
    for word in ("kolizní opatrovník", "kolizního opatrovnictví", "cochemská praxe"):
        assert word in text.lower() or word in cochem.summary.lower(), word
    assert cochem.audience == "public" and cochem.version and cochem.last_reviewed
    assert cochem.changes.count() == 1 and cochem.documents.count() == 1

    staff = MethodologyPage.objects.get(slug="standardy-vykonu-spod-orp-jihlava-telc")
    assert staff.audience == "staff"

    for video in VideoPage.objects.all():
        assert video.captions.file.name.endswith(".vtt")
        assert video.poster and video.transcript and video.duration_seconds
        assert video.video_file.file.name.endswith(".webm") and not video.embed_url
        assert video.audience == "rodiče, klienti OSPOD"
        assert video.source_project.slug == JIHLAVA_TELC_SLUG
    assert set(VideoPage.objects.values_list("title", "municipality__name")) == {
        ("SPOT TELČ", "Telč"),
        ("SPOT JIHLAVA", "Jihlava"),
    }


# --- seed 002: SocioFactor ------------------------------------------------------------------


def test_regional_documents_one_per_region(demo):
    documents = PortalDocument.objects.filter(title__startswith="Krajský model sítě služeb")
    assert documents.count() == 14
    assert set(documents.values_list("region_id", flat=True)) == set(
        Region.objects.values_list("id", flat=True)
    )

    news = NewsPage.objects.get(slug="model-site-sluzeb")
    assert news.category.name == "Výzkum"
    assert news.published_at == datetime(2022, 8, 23, 8, 22, tzinfo=PRAGUE)
    assert news.author_organisation.name == "SocioFactor s.r.o."
    listed = body_blocks(news, "documents")[0]["documents"]
    assert {document.pk for document in listed} == set(documents.values_list("pk", flat=True))
    assert body_blocks(news, "quote")

    sociofactor = project(SOCIOFACTOR_SLUG)
    assert sociofactor.commissioned_by.short_name == "MPSV"
    assert sociofactor.documents.count() == 14


# --- seed 003: "OSPOD sobě" -----------------------------------------------------------------


def test_event_report_ospod_sobe(demo):
    news = NewsPage.objects.get(slug="ospod-sobe-setkani-ve-slapanicich")
    assert news.is_event_report
    assert news.event_date == date(2018, 6, 15)
    assert news.participant_count == 40
    assert news.event_municipality.name == "Šlapanice"
    assert news.category.name == "Akce"
    assert news.author.full_name == "Mgr. Ing. Martina Cirbusová, Ph.D."
    topics = list(news.event_topics.values_list("name", flat=True))
    assert "vliv GDPR na práci s klienty" in topics and "pěstounská péče" in topics
    quotes = body_blocks(news, "quote")
    assert len(quotes) == 2
    assert {quote["attribution"] for quote in quotes} == {"Martina Cirbusová"}
    text = stream_text(news.body)
    assert "OSPOD sobě" in text + news.title
    assert "Šlapanic" in text
    assert "říjnu 2018" in text
    jmk = project(JMK_SLUG)
    assert jmk.registration_number == "CZ.03.2.63/0.0/0.0./15_007/0003048"
    assert list(news.related_projects.all()) == [jmk]


# --- seed 004: Vysočina ---------------------------------------------------------------------


def test_vysocina_targets_and_methodologies(demo):
    page = project(VYSOCINA_SLUG)
    assert (page.start_date, page.end_date) == (date(2020, 1, 1), date(2021, 12, 31))
    assert page.registration_number == "CZ.03.2.X/0.0/0.0./17_076/0011431"
    targets = [(row.planned_value, row.is_minimum) for row in page.target_indicators.all()]
    assert targets == [
        (Decimal(6), False),
        (Decimal(20), False),
        (Decimal(10), True),
        (Decimal(4), False),
    ]
    services = list(page.services.values_list("name", flat=True))
    assert services[:3] == [
        "Sociální asistence a poradenství",
        "Náhradní rodinná péče",
        "Středisko výchovné péče",
    ]

    assisted = MethodologyPage.objects.get(slug="asistovany-kontakt-rodicu-s-detmi")
    assert (assisted.pilot_participants, assisted.pilot_description) == (
        6,
        "rodiče v rozvodovém procesu",
    )
    text = stream_text(assisted.body)
    for word in ("asistovaný kontakt", "asistovaných kontaktů", "bezpečné prostředí"):
        assert word in text.lower(), word

    foster = MethodologyPage.objects.get(slug="naplnovani-potreb-pestounu-v-nrp")
    assert (foster.pilot_participants, foster.pilot_description) == (20, "pěstouni")
    text = stream_text(foster.body)
    assert "pěstounská péče" in text.lower() and "pěstounů" in text


# --- portal-wide ----------------------------------------------------------------------------


def test_settings_staff_collection_and_topics(demo):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.accessibility_statement.slug == "prohlaseni-o-pristupnosti"
    assert settings.contact_email.endswith("@example.cz")
    assert settings.footer_text and settings.funding_sentence

    slugs = dict(Topic.objects.values_list("name", "slug"))
    assert slugs["kolizní opatrovnictví"] == "kolizni-opatrovnictvi"
    assert all(slug.isascii() for slug in slugs.values())


def test_every_demo_pdf_has_extractable_czech_text(demo):
    pdfs = PortalDocument.objects.filter(file__endswith=".pdf")
    assert pdfs.count() == 20
    for document in pdfs:
        with document.open_file() as handle:
            text = files.extract_pdf_text(handle.read())
        assert " ".join(document.title.split()) in " ".join(text.split()), document.title
        assert " ".join(document.extracted_text.split()) == " ".join(text.split())
        if document.region:
            for words in (document.region.name, "Pobytová péče", "síť služeb"):
                assert words in text, (document.title, words)
    evaluation = pdfs.get(title="Závěrečná evaluační zpráva projektu").extracted_text
    for words in ("evaluační zpráva", "průvodce změnou", "intervize", "případové konference"):
        assert words in " ".join(evaluation.split()), words


def test_pdf_roundtrip_keeps_diacritics():
    assert "Šlapanicích" in files.check_pdf_roundtrip()


def test_markdown_becomes_compact_rich_text():
    markdown = (
        "Úvod [s odkazem](mailto:info@example.cz).\n\n- první bod,\n  pokračování\n- druhý bod\n"
    )
    assert loader.rich(markdown) == (
        '<p>Úvod <a href="mailto:info@example.cz">s odkazem</a>.</p>'
        "<ul><li>první bod, pokračování</li><li>druhý bod</li></ul>"
    )


# --- collections ----------------------------------------------------------------------------


def collection_titles(model, collection):
    return set(model.objects.filter(collection=collection).values_list("title", flat=True))


def test_every_file_is_in_its_projects_or_the_portals_collection(demo):
    root = Collection.get_first_root_node()
    assert not PortalDocument.objects.filter(collection=root).exists()
    assert not PortalImage.objects.filter(collection=root).exists()
    portal = Collection.objects.get(name="Portál pro praxi OSPOD")
    assert "Ilustrace – Portál pro praxi OSPOD" in collection_titles(PortalImage, portal)

    team = project(JIHLAVA_TELC_SLUG).team
    documents = collection_titles(PortalDocument, team.collection)
    assert "Metodika kolizního opatrovnictví podle cochemské praxe" in documents
    assert {"Video – SPOT TELČ", "Titulky – SPOT JIHLAVA"} <= documents
    assert "Ilustrace – kolizní opatrovnictví a cochemská praxe" in collection_titles(
        PortalImage, team.collection
    )
    staff_only = PortalDocument.objects.get(title__startswith="Interní kontrolní seznam")
    assert staff_only.collection.get_parent() == team.collection
    assert collection_is_staff_only(staff_only.collection)
    assert not collection_is_staff_only(team.collection)

    regional = project(SOCIOFACTOR_SLUG).team.collection
    assert (
        PortalDocument.objects.filter(
            collection=regional, title__startswith="Krajský model sítě služeb"
        ).count()
        == 14
    )


def choose(client, username, url_name):
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.json()["html"]


def test_project_editor_chooses_the_projects_files_only(demo, client):
    run_command("--with-admin")
    documents = choose(client, "redaktor-jihlava", "wagtaildocs_chooser:choose")
    assert "Metodika kolizního opatrovnictví podle cochemské praxe" in documents
    assert "Interní kontrolní seznam ke standardům SPOD" in documents
    assert "Závěrečná evaluační zpráva projektu" not in documents
    assert "Krajský model sítě služeb" not in documents

    images = choose(client, "redaktor-jihlava", "wagtailimages_chooser:choose")
    assert "Náhled videa SPOT TELČ" in images
    assert "Ilustrace – Inovační hnízdo OSPOD v Pardubickém kraji" not in images
    assert "Ilustrace – Portál pro praxi OSPOD" not in images


def test_demo_videos_are_at_least_640_by_360(demo):
    for video in VideoPage.objects.select_related("video_file"):
        with video.video_file.open_file() as handle:
            height, width, _ = first_frame(handle.read()).shape
        assert width >= 640 and height >= 360, video.title
