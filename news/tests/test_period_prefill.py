"""Adding the next period report starts from where the previous one ended."""

import datetime

import pytest
from django.urls import reverse

from news.factories import PeriodReportPageFactory
from news.periods import next_period
from portal.projects.factories import ProjectPageFactory


def add_report_form(client, project):
    url = reverse("wagtailadmin_pages:add", args=("news", "periodreportpage", project.pk))
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"]


@pytest.mark.django_db
def test_first_report_starts_with_the_project(admin_client):
    project = ProjectPageFactory(start_date=datetime.date(2020, 5, 1))
    form = add_report_form(admin_client, project)
    assert form.initial["period_number"] == 1
    assert form.initial["period_start"] == datetime.date(2020, 5, 1)
    assert form.initial["period_end"] == datetime.date(2020, 10, 31)
    assert form.initial["title"] == "Zpráva za 1. období"
    assert form.initial["slug"] == "zprava-za-1-obdobi"


@pytest.mark.django_db
def test_next_report_follows_the_previous_period(admin_client):
    project = ProjectPageFactory(start_date=datetime.date(2020, 5, 1))
    PeriodReportPageFactory(
        parent=project,
        period_number=1,
        period_start=datetime.date(2020, 5, 1),
        period_end=datetime.date(2020, 10, 31),
    )
    form = add_report_form(admin_client, project)
    assert form.initial["period_number"] == 2
    assert form.initial["period_start"] == datetime.date(2020, 11, 1)
    assert form.initial["period_end"] == datetime.date(2021, 4, 30)
    html = form["period_start"].as_widget()
    assert "2020-11-01" in html


def test_a_period_of_odd_length_repeats_its_length_in_days():
    class Previous:
        period_number = 3
        period_start = datetime.date(2021, 1, 15)
        period_end = datetime.date(2021, 3, 14)

    number, start, end = next_period(Previous)
    assert (number, start) == (4, datetime.date(2021, 3, 15))
    assert end - start == Previous.period_end - Previous.period_start


def test_without_a_project_start_the_dates_stay_empty():
    assert next_period(None, None) == (1, None, None)
