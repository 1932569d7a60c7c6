"""/api/v2/: Wagtail's API lists the public pages, documents and images, nothing hidden."""

import pytest

from portal.opendata.tests.conftest import HIDDEN, assert_nothing_hidden

pytestmark = pytest.mark.django_db


def titles(client, url, **params):
    response = client.get(url, {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_pages_list_public_content_only(client, portal_content):
    listed = titles(client, "/api/v2/pages/")
    assert {
        "Metodika případových konferencí",
        "Mapa sítě rodiny",
        "Kulatý stůl k náhradní rodinné péči",
        "Nový web projektu",
        "Podpora pěstounské péče",
    } <= listed
    assert not listed & set(HIDDEN)


def test_staff_members_get_the_public_content_too(client, portal_content, staff_member):
    client.force_login(staff_member)
    assert not titles(client, "/api/v2/pages/") & set(HIDDEN)
    assert_nothing_hidden(client.get("/api/v2/pages/", {"search": "Interní"}).content.decode())


def test_hidden_pages_have_no_detail(client, portal_content):
    for page in (
        portal_content.staff_methodology,
        portal_content.restricted_page,
        portal_content.hidden_project,
    ):
        response = client.get(f"/api/v2/pages/{page.pk}/")
        assert response.status_code == 404, page.title
    response = client.get("/api/v2/pages/find/", {"html_path": portal_content.restricted_page.url})
    assert response.status_code == 404


def test_children_of_a_restricted_page_are_refused(client, portal_content):
    response = client.get("/api/v2/pages/", {"child_of": portal_content.hidden_project.pk})
    assert response.status_code == 400
    assert_nothing_hidden(response.content.decode())


def test_each_type_publishes_its_fields(client, portal_content):
    methodology = client.get(f"/api/v2/pages/{portal_content.methodology.pk}/").json()
    assert methodology["pilot_participants"] == 48
    assert methodology["target_groups"] == ["Pěstouni"]
    assert methodology["kind"] == "Kolizní opatrovnictví"
    assert methodology["source_project"]["id"] == portal_content.project.pk

    tool = client.get(f"/api/v2/pages/{portal_content.tool.pk}/").json()
    assert tool["validation_stage"] == "tested"
    assert [row["municipality"] for row in tool["stage_changes"]] == ["Jihlava", "Telč"]

    event = client.get(f"/api/v2/pages/{portal_content.event.pk}/").json()
    assert event["event_date"] == "2023-05-17"
    assert event["event_municipality"] == "Jihlava"

    project = client.get(f"/api/v2/pages/{portal_content.project.pk}/").json()
    assert project["registration_number"].startswith("CZ.03.")


def test_type_listing_with_all_fields(client, portal_content):
    response = client.get("/api/v2/pages/", {"type": "methodology.MethodologyPage", "fields": "*"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Metodika případových konferencí"]
    assert items[0]["summary"] == "Jak svolat a vést případovou konferenci."


def test_documents_exclude_private_collections(client, portal_content, staff_member):
    assert titles(client, "/api/v2/documents/") == {"Příručka pro pěstouny"}
    client.force_login(staff_member)
    assert titles(client, "/api/v2/documents/") == {"Příručka pro pěstouny"}
    private = portal_content.private_document
    assert client.get(f"/api/v2/documents/{private.pk}/").status_code == 404


def test_a_public_video_does_not_name_its_staff_only_file(client, portal_content):
    from news.factories import VideoPageFactory

    video = VideoPageFactory(title="Spot pro rodiče", video_file=portal_content.private_document)
    data = client.get(f"/api/v2/pages/{video.pk}/").json()
    assert data["video_file"] is None
    assert "Interní směrnice" not in str(data)


def test_images_are_listed(client, portal_content):
    assert titles(client, "/api/v2/images/") == {"Fotografie z kulatého stolu"}


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/v2/pages/", {"limit": "abc"}),
        ("/api/v2/pages/", {"limit": "-5"}),
        ("/api/v2/pages/", {"offset": "x"}),
        ("/api/v2/pages/", {"type": "neexistuje.Stranka"}),
        ("/api/v2/pages/", {"type": "methodology"}),
        ("/api/v2/pages/", {"order": "heslo"}),
        ("/api/v2/pages/", {"fields": "owner"}),
        ("/api/v2/pages/", {"child_of": "abc"}),
        ("/api/v2/pages/", {"descendant_of": "999999"}),
        ("/api/v2/pages/", {"id": "jedna"}),
        ("/api/v2/pages/", {"neznamy": "1"}),
        ("/api/v2/pages/", {"search": "x", "search_operator": "xor"}),
        ("/api/v2/documents/", {"order": "file"}),
        ("/api/v2/documents/", {"limit": "1e9"}),
        ("/api/v2/images/", {"fields": "file"}),
    ],
)
def test_bad_parameters_answer_400_in_czech(client, portal_content, url, params):
    response = client.get(url, params)
    assert response.status_code == 400, response.content
    assert response.json()["message"].startswith("Chybný parametr dotazu: ")


def test_unknown_site_is_not_found_in_czech(client, portal_content):
    response = client.get("/api/v2/pages/", {"site": "nikde.example"})
    assert response.status_code == 404
    assert response.json()["message"].startswith("Nenalezeno: ")


def test_search_api_still_answers(client, portal_content):
    response = client.get("/api/hledat/", {"q": "konference"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
