"""Alerts through a real SMTP server: on publish, in digests, once per page, never a
staff-only page, with one-click unsubscribe."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from methodology.models import Audience
from portal.alerts import store
from portal.alerts.models import Frequency, SentItem, Subscription
from portal.alerts.tests.conftest import new_methodology, publish
from portal.alerts.tests.smtp import (
    LocalSMTPServer,
    free_port,
    html_of,
    text_of,
    unsubscribe_url,
)

pytestmark = pytest.mark.django_db


def subscribe(email, frequency=Frequency.IMMEDIATE, **choices):
    return store.confirm(email, {"frequency": frequency, **choices})


def publish_committed(page, capture):
    with capture(execute=True):
        return publish(page)


@pytest.fixture
def jana(topics):
    return subscribe("jana@example.cz", tema=[topics["pestouni"].pk])


def test_a_page_on_the_topic_arrives_once(smtp, topics, jana, django_capture_on_commit_callbacks):
    page = new_methodology("Metodika pro pěstouny", [topics["pestouni"]])
    publish_committed(page, django_capture_on_commit_callbacks)
    [message] = smtp.to("jana@example.cz")
    assert message["Subject"] == "Nové na portálu: Metodika pro pěstouny"
    assert "Metodika pro pěstouny" in text_of(message)
    assert page.full_url in text_of(message)
    assert f'href="{page.full_url}"' in html_of(message), "links are not rewritten"
    assert "<img" not in html_of(message)
    publish_committed(page, django_capture_on_commit_callbacks)  # an edit, published again
    call_command("send_alerts")
    assert len(smtp.to("jana@example.cz")) == 1


def test_every_alert_offers_one_click_unsubscribe(
    smtp, topics, jana, django_capture_on_commit_callbacks
):
    publish_committed(
        new_methodology("Metodika pro pěstouny", [topics["pestouni"]]),
        django_capture_on_commit_callbacks,
    )
    [message] = smtp.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = unsubscribe_url(message)
    assert url in text_of(message)
    csrf_client = Client(enforce_csrf_checks=True)  # a mail client has no CSRF cookie
    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not SentItem.objects.exists()
    assert csrf_client.post(url).status_code == 200  # a second click: the same answer
    publish_committed(
        new_methodology("Další metodika pro pěstouny", [topics["pestouni"]]),
        django_capture_on_commit_callbacks,
    )
    assert len(smtp.messages) == 1


def test_the_unsubscribe_link_only_asks_when_opened(client, smtp, jana):
    from portal.alerts.messages import subscription_links

    url = subscription_links(jana)["unsubscribe_url"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Odhlásit odběr" in response.content.decode()
    assert Subscription.objects.filter(pk=jana.pk).exists()


def test_staff_only_and_other_topics_are_never_sent(
    smtp, topics, jana, django_capture_on_commit_callbacks
):
    staff_only = new_methodology(
        "Interní metodika pro pěstouny", [topics["pestouni"]], audience=Audience.STAFF
    )
    publish_committed(staff_only, django_capture_on_commit_callbacks)
    other = new_methodology("Metodika konferencí", [topics["konference"]])
    publish_committed(other, django_capture_on_commit_callbacks)
    call_command("send_alerts")
    assert smtp.messages == []


def test_a_saved_search_matches_its_words(smtp, topics, django_capture_on_commit_callbacks):
    subscribe("petr@example.cz", q="případové konference")
    publish_committed(
        new_methodology("Případové konference v praxi", [topics["konference"]]),
        django_capture_on_commit_callbacks,
    )
    publish_committed(
        new_methodology("Sanace rodiny", [topics["pestouni"]]),
        django_capture_on_commit_callbacks,
    )
    [message] = smtp.to("petr@example.cz")
    assert "Případové konference v praxi" in text_of(message)
    assert "Sanace rodiny" not in text_of(message)


def test_a_daily_digest_collects_the_new_pages(smtp, topics, django_capture_on_commit_callbacks):
    subscribe("eva@example.cz", Frequency.DAILY, tema=[topics["pestouni"].pk])
    for title in ("První metodika", "Druhá metodika"):
        publish_committed(
            new_methodology(title, [topics["pestouni"]]), django_capture_on_commit_callbacks
        )
    assert smtp.messages == [], "a digest subscriber gets nothing on publish"
    call_command("send_alerts")
    [digest] = smtp.to("eva@example.cz")
    assert digest["Subject"] == "Nové na portálu: 2 položek"
    assert "První metodika" in text_of(digest) and "Druhá metodika" in text_of(digest)
    publish_committed(
        new_methodology("Třetí metodika", [topics["pestouni"]]),
        django_capture_on_commit_callbacks,
    )
    call_command("send_alerts")  # the same day: not due yet
    assert len(smtp.messages) == 1
    SentItem.objects.update(sent_at=timezone.now() - timezone.timedelta(days=1))
    call_command("send_alerts")
    assert len(smtp.messages) == 2
    assert "Třetí metodika" in text_of(smtp.messages[1])
    assert "První metodika" not in text_of(smtp.messages[1])


def test_an_alert_that_failed_is_sent_by_the_next_run(
    settings, topics, jana, django_capture_on_commit_callbacks
):
    port = free_port()  # nothing listens there yet: the SMTP connection is refused
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    publish_committed(
        new_methodology("Metodika pro pěstouny", [topics["pestouni"]]),
        django_capture_on_commit_callbacks,
    )
    assert not SentItem.objects.exists(), "a failed message is not recorded as sent"
    server = LocalSMTPServer(port).start()
    try:
        call_command("send_alerts")
        call_command("send_alerts")
    finally:
        server.stop()
    assert len(server.to("jana@example.cz")) == 1


def test_the_settings_page_changes_the_choices(client, smtp, topics, jana):
    from portal.alerts.messages import subscription_links

    url = subscription_links(jana)["manage_url"]
    assert client.get(url).status_code == 200
    response = client.post(url, {"tema": "pripadove-konference", "frequency": Frequency.WEEKLY})
    assert response.status_code == 200
    assert "Změny jsou uloženy" in response.content.decode()
    jana.refresh_from_db()
    assert jana.frequency == Frequency.WEEKLY
    assert list(jana.topics.all()) == [topics["konference"]]
    assert client.get(url.replace("/nastaveni/", "/nastaveni/x")).status_code == 404
