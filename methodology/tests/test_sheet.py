"""The printed sheet `<page url>karta.pdf` of methodologies and tools, read back with pypdf."""

import io

import pytest
from django.contrib.auth.models import User
from pypdf import PdfReader
from wagtail.rich_text import RichText

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from methodology.models import Audience
from portal.core.access import staff_group
from portal.core.templatetags.portal_tags import czech_date
from portal.taxonomy.factories import PersonFactory, TargetGroupFactory

SUMMARY = (
    "Účastníci řízení o péči o dítě se učí dohodě: soud, OSPOD, mediátor a psycholog "
    "spolupracují, aby rodiče našli řešení, které dítěti nejvíc prospěje. Žluťoučký kůň."
)
A4 = (595, 842)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def words(text):
    return " ".join(text.replace("\xa0", " ").split())


def read_pdf(response):
    reader = PdfReader(io.BytesIO(b"".join(response) if response.streaming else response.content))
    text = words(" ".join(page.extract_text() for page in reader.pages))
    return reader, text


@pytest.fixture
def methodology(db):
    page = MethodologyPageFactory(
        title="Kolizní opatrovnictví podle cochemské praxe",
        summary=SUMMARY,
        version="2.1",
        contact_person=PersonFactory(name="Mgr. Jana Řezníčková", email="jana@example.cz"),
    )
    page.target_groups.add(TargetGroupFactory(name="rodiče v rozvodovém sporu"))
    return publish(page)


def test_the_sheet_is_one_a4_page_in_czech(client, methodology):
    response = client.get(methodology.url + "karta.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = read_pdf(response)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    assert "Kolizní opatrovnictví podle cochemské praxe" in text
    assert words(SUMMARY) in text
    assert "Verze 2.1" in text
    assert words(czech_date(methodology.last_published_at)) in text
    assert "rodiče v rozvodovém sporu" in text
    assert "Mgr. Jana Řezníčková" in text
    assert methodology.get_full_url() in text.replace(" ", "")


def test_the_sheet_opens_in_the_browser_under_a_czech_name(client, methodology):
    response = client.get(methodology.url + "karta.pdf")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; filename*=utf-8''")
    assert "Karta%20%E2%80%93%20Kolizn%C3%AD%20opatrovnictv%C3%AD" in disposition


def test_an_unchanged_sheet_is_not_sent_again(client, methodology):
    first = client.get(methodology.url + "karta.pdf")
    again = client.get(methodology.url + "karta.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    methodology.summary = "Nové shrnutí metodiky."
    publish(methodology)
    changed = client.get(methodology.url + "karta.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_a_tool_with_long_texts_still_fits_one_page(client, db):
    paragraph = "Pracovnice OSPOD s rodinou projde každý krok plánu a zapíše dohodu. " * 60
    tool = ToolPageFactory(title="Průvodce změnou na pracovišti", summary=SUMMARY * 3)
    tool.how_to_use = [("paragraph", RichText(f"<p>{paragraph}</p>"))] * 5
    for number in range(12):
        tool.target_groups.add(TargetGroupFactory(name=f"skupina číslo {number} " * 3))
    publish(tool)
    response = client.get(tool.url + "karta.pdf")
    reader, text = read_pdf(response)
    assert len(reader.pages) == 1
    assert "Průvodce změnou na pracovišti" in text
    assert "Stupeň ověření" in text


def test_a_staff_only_sheet_never_reaches_an_anonymous_visitor(client, db):
    page = publish(MethodologyPageFactory(title="Interní standard", audience=Audience.STAFF))
    response = client.get(page.url + "karta.pdf")
    assert response.status_code == 302
    assert response["Location"].startswith("/prihlaseni/?next=")
    assert b"%PDF" not in response.content

    outsider = User.objects.create_user("verejnost", password="x")
    client.force_login(outsider)
    refused = client.get(page.url + "karta.pdf")
    assert refused.status_code in (302, 403)
    assert b"%PDF" not in refused.content


def test_a_staff_member_gets_the_staff_only_sheet_kept_private(client, db):
    page = publish(MethodologyPageFactory(title="Interní standard", audience=Audience.STAFF))
    member = User.objects.create_user("pracovnice", password="x")
    member.groups.add(staff_group())
    client.force_login(member)
    response = client.get(page.url + "karta.pdf")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "Interní standard" in read_pdf(response)[1]


def test_only_methodologies_and_tools_have_a_sheet(client, methodology):
    assert client.get(methodology.get_parent().url + "karta.pdf").status_code == 404
    assert client.get("/metodiky/neni-tu/karta.pdf").status_code == 404
    assert client.get(methodology.url + "karta.pdf/").status_code == 404


def test_an_unpublished_page_has_no_sheet(client, methodology):
    methodology.unpublish()
    assert client.get(methodology.url + "karta.pdf").status_code == 404


def test_detail_pages_link_their_sheet(client, methodology, db):
    tool = publish(ToolPageFactory(title="Nástroj pro práci s rodinou"))
    for page in (methodology, tool):
        html = client.get(page.url).content.decode()
        assert f'href="{page.url}karta.pdf"' in html
        assert "Stáhnout kartu (PDF)" in html
