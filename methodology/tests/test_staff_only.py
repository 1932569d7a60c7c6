"""A methodology for OSPOD staff only is hidden from everyone outside the staff group."""

import pytest
from django.contrib.auth.models import User

from methodology.factories import MethodologyPageFactory
from methodology.models import Audience
from portal.core.access import staff_group


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def staff_methodology(db):
    return publish(MethodologyPageFactory(title="Interní standard SPOD", audience=Audience.STAFF))


@pytest.fixture
def staff_member(db):
    user = User.objects.create_user("pracovnice", password="heslo-pracovnice")
    user.groups.add(staff_group())
    return user


def test_anonymous_visitor_is_sent_to_login(client, staff_methodology):
    response = client.get(staff_methodology.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/prihlaseni/?next=")


def test_staff_member_reads_it(client, staff_member, staff_methodology):
    client.force_login(staff_member)
    response = client.get(staff_methodology.url)
    assert response.status_code == 200
    assert "Interní standard SPOD" in response.content.decode()


def test_a_logged_in_user_outside_the_staff_group_is_refused(client, staff_methodology):
    client.force_login(User.objects.create_user("verejnost", password="x"))
    response = client.get(staff_methodology.url)
    assert response.status_code in (302, 403)
    assert "Interní standard SPOD" not in response.content.decode()


def test_it_is_absent_from_the_public_listing(client, staff_methodology):
    listing = client.get(staff_methodology.get_parent().url)
    assert listing.status_code == 200
    assert "Interní standard SPOD" not in listing.content.decode()


def test_switching_to_public_lifts_the_restriction(client, staff_methodology):
    staff_methodology.audience = Audience.PUBLIC
    publish(staff_methodology)
    assert client.get(staff_methodology.url).status_code == 200


def test_its_topic_page_lists_it_for_staff_only(client, staff_member, staff_methodology):
    from portal.taxonomy.factories import TopicFactory

    topic = TopicFactory(name="Standardy SPOD")
    staff_methodology.topics.add(topic)
    publish(staff_methodology)
    url = f"/temata/{topic.slug}/"
    assert "Interní standard SPOD" not in client.get(url).content.decode()
    client.force_login(staff_member)
    assert "Interní standard SPOD" in client.get(url).content.decode()
