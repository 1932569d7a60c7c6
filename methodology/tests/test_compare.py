"""The side-by-side comparison /porovnat/ of 2 to 4 methodologies or tools."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from methodology.models import Audience, ValidationStage
from methodology.templatetags import methodology_tags
from portal.core.access import staff_group
from portal.taxonomy.factories import PersonFactory, TargetGroupFactory, TopicFactory


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def compare_url(*ids):
    return "/porovnat/?" + "&".join(f"stranky={pk}" for pk in ids)


def cells(html):
    """The table's rows as lists of cell texts (tags dropped)."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
        ]
        for row in rows
    ]


@pytest.fixture
def pages(db):
    cochem = MethodologyPageFactory(
        title="Cochemská praxe",
        version="2.0",
        last_reviewed=datetime.date(2023, 3, 9),
        contact_person=PersonFactory(name="Jana Řezníčková"),
    )
    cochem.target_groups.add(TargetGroupFactory(name="rodiče v rozvodu"))
    tool = ToolPageFactory(
        title="Průvodce změnou",
        stages=[(ValidationStage.TESTED, datetime.date(2022, 5, 1), None)],
    )
    return publish(cochem), publish(tool)


def test_two_pages_side_by_side(client, pages):
    cochem, tool = pages
    response = client.get(compare_url(cochem.pk, tool.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<th scope="col">' in html and '<th scope="row">' in html
    table = cells(html)
    header = table[0]
    assert "Cochemská praxe" in header[1] and "Průvodce změnou" in header[2]
    rows = {row[0]: row[1:] for row in table[1:]}
    assert rows["Verze"] == ["2.0", "neuvedeno"]
    assert rows["Naposledy revidováno"] == ["9. 3. 2023", "neuvedeno"]
    assert rows["Stupeň ověření"] == ["neuvedeno", "otestováno"]
    assert rows["Cílové skupiny"] == ["rodiče v rozvodu", "neuvedeno"]
    assert rows["Kontaktní osoba"] == ["Jana Řezníčková", "neuvedeno"]
    assert f'href="{cochem.url}karta.pdf"' in html


def test_the_columns_follow_the_order_asked_for(client, pages):
    cochem, tool = pages
    header = cells(client.get(compare_url(tool.pk, cochem.pk)).content.decode())[0]
    assert "Průvodce změnou" in header[1] and "Cochemská praxe" in header[2]


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "alespoň dvě"),
        ("stranky=abc&stranky=1", "„abc“ není číslo stránky."),
        ("stranky=-1&stranky=1", "„-1“ není číslo stránky."),
        ("stranky=1&stranky=2&stranky=3&stranky=4&stranky=5", "nejvýše 4 položky"),
    ],
)
def test_bad_choices_get_a_czech_400(client, db, query, message):
    response = client.get("/porovnat/?" + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_one_page_twice_is_not_a_comparison(client, pages):
    response = client.get(compare_url(pages[0].pk, pages[0].pk))
    assert response.status_code == 400
    assert "alespoň dvě" in response.content.decode()


def test_unknown_pages_and_other_page_types_are_refused(client, pages):
    cochem, _ = pages
    for other in (999999, cochem.get_parent().pk):
        response = client.get(compare_url(cochem.pk, other))
        assert response.status_code == 400
        assert f"Stránku č. {other} nelze porovnat" in response.content.decode()


def test_a_staff_only_methodology_is_refused_to_anonymous_visitors(client, pages):
    internal = publish(MethodologyPageFactory(title="Interní standard", audience=Audience.STAFF))
    response = client.get(compare_url(pages[0].pk, internal.pk))
    assert response.status_code == 400
    assert "Interní standard" not in response.content.decode()

    member = User.objects.create_user("pracovnice", password="x")
    member.groups.add(staff_group())
    client.force_login(member)
    response = client.get(compare_url(pages[0].pk, internal.pk))
    assert response.status_code == 200
    assert "Interní standard" in response.content.decode()


def test_listings_offer_porovnat_checkboxes_in_a_get_form(client, pages):
    cochem, tool = pages
    for page in pages:
        html = client.get(page.get_parent().url).content.decode()
        assert '<form id="porovnat" class="compare-form" action="/porovnat/" method="get">' in html
        assert (
            f'<input type="checkbox" id="porovnat-{page.pk}" name="stranky" '
            f'value="{page.pk}" form="porovnat">'
        ) in html


def test_a_detail_page_offers_a_comparison_with_its_kind(client, pages, db):
    cochem, tool = pages
    other = publish(MethodologyPageFactory(title="Asistovaný kontakt"))
    internal = publish(MethodologyPageFactory(title="Interní standard", audience=Audience.STAFF))
    html = client.get(cochem.url).content.decode()
    form = re.search(r'<form class="compare-with".*?</form>', html, re.DOTALL).group(0)
    assert f'<input type="hidden" name="stranky" value="{cochem.pk}">' in form
    assert f'<option value="{other.pk}">Asistovaný kontakt</option>' in form
    assert "Průvodce změnou" not in form
    assert str(internal.pk) not in form and "Interní standard" not in form


def test_among_many_a_detail_page_offers_the_closest_and_the_whole_listing(
    client, pages, monkeypatch
):
    """Past COMPARE_CHOICES, the select holds the pages sharing most topics with this one."""
    monkeypatch.setattr(methodology_tags, "COMPARE_CHOICES", 2)
    cochem, _tool = pages
    topics = [TopicFactory(name="Rozvod rodičů"), TopicFactory(name="Asistovaný kontakt")]
    cochem.topics.add(*topics)
    publish(cochem)
    both = MethodologyPageFactory(title="Zvláštní příjemce")
    both.topics.add(*topics)
    one = MethodologyPageFactory(title="Rodinná konference")
    one.topics.add(topics[0])
    for page in (both, one, MethodologyPageFactory(title="Asistovaný kontakt")):
        publish(page)
    form = re.search(r'<form class="compare-with".*?</p>', client.get(cochem.url).content.decode(),
                     re.DOTALL).group(0)  # fmt: skip
    assert re.findall(r"<option[^>]*>([^<]*)</option>", form) == [
        "Rodinná konference",
        "Zvláštní příjemce",
    ]
    listing = cochem.get_parent().url
    assert f'<a href="{listing}">Vybrat k porovnání z celého přehledu</a>' in form


def test_two_tools_stay_within_the_page_budget(client, db, django_assert_max_num_queries):
    tools = [publish(ToolPageFactory(contact_person=PersonFactory())) for _ in range(2)]
    with django_assert_max_num_queries(15):
        assert client.get(compare_url(*(tool.pk for tool in tools))).status_code == 200


def test_four_pages_cost_what_two_cost(client, db):
    chosen = []
    for number in range(2):
        methodology = MethodologyPageFactory(contact_person=PersonFactory())
        methodology.target_groups.add(TargetGroupFactory(name=f"skupina {number}"))
        chosen += [publish(methodology), publish(ToolPageFactory())]
    queries = []
    for pages in (chosen[:2], chosen):
        client.get(compare_url(*(page.pk for page in pages)))  # warm the site caches
        with CaptureQueriesContext(connection) as context:
            assert client.get(compare_url(*(page.pk for page in pages))).status_code == 200
        queries.append(len(context.captured_queries))
    assert queries[0] == queries[1]
