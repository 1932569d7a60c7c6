"""/odber/: a request is confirmed by its e-mail before anything is stored; every answer is
the same whether the address is new or subscribed."""

import re

import pytest
from django.test import override_settings
from django.utils import timezone

from portal.alerts.models import Frequency, Subscription
from portal.alerts.tests.conftest import link_in
from portal.alerts.tests.smtp import html_of, text_of
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.models import Region

pytestmark = pytest.mark.django_db


def request_subscription(client, email, **choices):
    data = {"email": email, "frequency": Frequency.IMMEDIATE, **choices}
    return client.post("/odber/", data)


def test_the_search_page_parameters_fill_in_the_form(client, topics):
    project = ProjectPageFactory(title="Podpora pěstounů", slug="podpora-pestounu")
    response = client.get(
        "/odber/",
        {"q": "konference", "tema": "pestounska-pece", "projekt": project.slug, "kraj": "vysocina"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="konference"' in html
    assert re.search(r'value="pestounska-pece" id="[^"]+" checked', html)
    assert f'value="{project.slug}"' in html
    assert '<option value="vysocina" selected>' in html


def test_a_request_sends_a_confirmation_and_stores_nothing(client, smtp, topics):
    response = request_subscription(client, "Jana@Example.cz", tema="pestounska-pece")
    assert response.status_code == 302
    assert response.url == "/odber/odeslano/"
    assert Subscription.objects.count() == 0
    [message] = smtp.to("jana@example.cz")
    assert message["Subject"] == "Potvrďte odběr novinek z portálu"
    assert "/odber/potvrdit/" in text_of(message)
    assert "/odber/potvrdit/" in html_of(message)
    assert "<img" not in html_of(message)
    page = client.get(response.url).content.decode()
    assert "Pokud je adresa platná" in page


def test_confirming_stores_address_choices_and_consent(client, smtp, topics):
    request_subscription(client, "jana@example.cz", tema="pestounska-pece", kraj="vysocina")
    link = link_in(smtp.messages[0], "/odber/potvrdit/")
    assert client.get(link).status_code == 200
    assert Subscription.objects.count() == 0, "opening the link must not confirm"
    before = timezone.now()
    response = client.post(link)
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.email == "jana@example.cz"
    assert list(subscription.topics.all()) == [topics["pestouni"]]
    assert list(subscription.regions.all()) == [Region.objects.get(slug="vysocina")]
    assert subscription.consented_at >= before
    manage = client.get(response.url)
    assert "Odběr pro adresu jana@example.cz je potvrzen" in manage.content.decode()


def test_an_existing_address_gets_the_same_answer_and_message(client, smtp, topics):
    first = request_subscription(client, "jana@example.cz", tema="pestounska-pece")
    client.post(link_in(smtp.messages[0], "/odber/potvrdit/"))
    second = request_subscription(client, "jana@example.cz", tema="pestounska-pece")
    new = request_subscription(client, "petr@example.cz", tema="pestounska-pece")
    assert first.status_code == second.status_code == new.status_code == 302
    assert first.url == second.url == new.url
    old_mail, new_mail = smtp.to("jana@example.cz")[1], smtp.to("petr@example.cz")[0]
    assert old_mail["Subject"] == new_mail["Subject"]
    strip = lambda m: text_of(m).split("/odber/potvrdit/")[0]  # noqa: E731
    assert strip(old_mail) == strip(new_mail)


def test_a_request_without_any_choice_is_refused_in_czech(client, smtp):
    response = request_subscription(client, "jana@example.cz")
    assert response.status_code == 400
    assert "Vyberte alespoň jedno téma" in response.content.decode()
    assert smtp.messages == []


def test_a_bad_address_or_unknown_topic_is_refused_in_czech(client, smtp, topics):
    response = request_subscription(client, "není adresa", tema="pestounska-pece")
    assert response.status_code == 400
    assert "Zadejte platnou e-mailovou adresu" in response.content.decode()
    response = request_subscription(client, "jana@example.cz", tema="neexistuje")
    assert response.status_code == 400
    assert smtp.messages == []


def test_a_damaged_or_expired_link_confirms_nothing(client, smtp, topics):
    request_subscription(client, "jana@example.cz", tema="pestounska-pece")
    link = link_in(smtp.messages[0], "/odber/potvrdit/")
    damaged = client.post(link[:-3] + "xx/")
    assert damaged.status_code == 400
    assert "Odkaz neplatí" in damaged.content.decode()
    with override_settings(PORTAL_ALERTS_CONFIRM_MAX_AGE=-1):
        expired = client.post(link)
    assert expired.status_code == 400
    assert Subscription.objects.count() == 0


@override_settings(PORTAL_ALERTS_CLIENT_RATE=(3, 3600), PORTAL_ALERTS_ADDRESS_RATE=(2, 3600))
def test_rate_limits_per_address_and_per_client(client, smtp, topics):
    answers = [
        request_subscription(client, "jana@example.cz", tema="pestounska-pece") for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [302, 302, 302]  # the same answer every time
    assert len(smtp.to("jana@example.cz")) == 2  # but the address gets no more than its limit
    refused = request_subscription(client, "petr@example.cz", tema="pestounska-pece")
    assert refused.status_code == 429
    assert "příliš mnoho žádostí" in refused.content.decode()
    assert smtp.to("petr@example.cz") == []


def test_the_search_page_offers_its_results_by_e_mail(client, topics):
    response = client.get("/hledat/", {"q": "konference", "tema": "pestounska-pece"})
    html = response.content.decode()
    link = re.search(r'<a href="(/odber/\?[^"]+)">Odebírat tyto výsledky e-mailem</a>', html)
    assert link, html
    form = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert 'value="konference"' in form
    assert re.search(r'value="pestounska-pece" id="[^"]+" checked', form)
