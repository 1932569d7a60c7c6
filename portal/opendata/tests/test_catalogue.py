"""/data/: the catalogue of methodologies and tools as CSV and JSON, public entries only."""

import csv
import io
import json

import pytest

from portal.opendata.catalogue import METHODOLOGY_COLUMNS, TOOL_COLUMNS
from portal.opendata.tests.conftest import assert_nothing_hidden

pytestmark = pytest.mark.django_db


def read_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "creativecommons.org/licenses/by/4.0" in response["Link"]
    raw = response.content
    assert not raw.startswith(b"\xef\xbb\xbf"), "the header row must not start with a BOM"
    assert_nothing_hidden(raw.decode("utf-8"))
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def read_json(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_nothing_hidden(response.content.decode("utf-8"))
    return json.loads(response.content)


def test_methodologies_csv(client, portal_content):
    rows = read_csv(client, "/data/metodiky.csv")
    assert [row["title"] for row in rows] == ["Metodika případových konferencí"]
    row = rows[0]
    assert list(row) == [column.key for column in METHODOLOGY_COLUMNS]
    assert row["url"] == portal_content.methodology.full_url
    assert row["pilot_participants"] == "48"
    assert row["target_groups"] == "Pěstouni"
    assert row["topics"] == "Případová práce"
    assert row["source_project"] == "Podpora pěstounské péče"


def test_tools_csv_lists_where_each_stage_was_reached(client, portal_content):
    rows = read_csv(client, "/data/nastroje.csv")
    assert [row["title"] for row in rows] == ["Mapa sítě rodiny"]
    row = rows[0]
    assert list(row) == [column.key for column in TOOL_COLUMNS]
    assert (row["validation_stage"], row["validation_stage_label"]) == ("tested", "otestováno")
    assert (row["prototype_places"], row["tested_places"]) == ("Jihlava", "Telč")
    assert row["validated_places"] == ""


def test_json_carries_schema_licence_and_the_same_items(client, portal_content):
    data = read_json(client, "/data/nastroje.json")
    assert data["licence"] == "CC BY 4.0"
    assert [column["key"] for column in data["schema"]] == [c.key for c in TOOL_COLUMNS]
    assert all(column["description"] for column in data["schema"])
    assert [item["title"] for item in data["items"]] == ["Mapa sítě rodiny"]
    methodologies = read_json(client, "/data/metodiky.json")["items"]
    assert [item["pilot_participants"] for item in methodologies] == [48]


def test_staff_member_gets_the_same_public_export(client, portal_content, staff_member):
    client.force_login(staff_member)
    assert len(read_csv(client, "/data/metodiky.csv")) == 1
    assert len(read_json(client, "/data/nastroje.json")["items"]) == 1


def test_schema_page_documents_every_column_and_the_licence(client, portal_content):
    response = client.get("/data/")
    assert response.status_code == 200
    page = response.content.decode()
    for column in METHODOLOGY_COLUMNS + TOOL_COLUMNS:
        assert f"<code>{column.key}</code>" in page
    assert "CC BY 4.0" in page
    assert 'href="/data/metodiky.csv"' in page and 'href="/kalendar.ics"' in page


@pytest.mark.parametrize("url", ["/data/neexistuje.csv", "/data/neexistuje.json"])
def test_unknown_catalogue_is_404(client, url):
    assert client.get(url).status_code == 404


def test_export_answers_only_get(client, db):
    assert client.post("/data/metodiky.csv").status_code == 405
