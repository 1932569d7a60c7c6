"""The record rows the sheet and the comparison share: labels and values by field type."""

import datetime

from wagtail.rich_text import RichText

from methodology.factories import MethodologyIndexPageFactory, MethodologyPageFactory
from methodology.record_rows import comparison_rows, record_rows, render_value
from portal.taxonomy.factories import TargetGroupFactory


def test_values_are_rendered_by_field_type(db):
    page = MethodologyPageFactory(
        title="Asistovaný kontakt",
        summary="",
        search_description="Kontakt dítěte s rodičem za přítomnosti odborníka.",
        last_reviewed=datetime.date(2024, 11, 5),
        pilot_participants=12500,
        audience="staff",
        body=[
            ("heading", {"text": "Jak začít", "level": "h2"}),
            ("paragraph", RichText("<p>Domluvte <b>první</b> setkání.</p>")),
        ],
    )
    page.target_groups.add(TargetGroupFactory(name="děti"), TargetGroupFactory(name="rodiče"))
    rows = {row.label: row.value for row in record_rows(page)}
    assert rows["Shrnutí srozumitelně"] == "Kontakt dítěte s rodičem za přítomnosti odborníka."
    assert rows["Naposledy revidováno"] == "5.\xa011.\xa02024"
    assert rows["Určeno pro"] == "jen pracovníci OSPOD"
    assert rows["Cílové skupiny"] == "děti, rodiče"
    assert rows["Druh metodiky"] == "Kolizní opatrovnictví"
    assert rows["Ověřeno na počtu klientů"] == "12\xa0500"
    body = render_value(page, "body")
    assert body == "Jak začít – Domluvte první setkání."
    assert "<" not in body and "úrovně" not in body


def test_empty_fields_leave_no_row(db):
    page = MethodologyPageFactory(version="", last_reviewed=None, kind=None)
    labels = [row.label for row in record_rows(page)]
    assert "Verze" not in labels and "Naposledy revidováno" not in labels
    assert "Druh metodiky" not in labels


def test_rich_text_reads_as_plain_text(db):
    index = MethodologyIndexPageFactory(intro='<p>Metodiky <a href="/x/">pro praxi</a>.</p>')
    assert render_value(index, "intro") == "Metodiky pro praxi."


def test_a_comparison_row_is_left_out_when_every_page_leaves_it_empty(db):
    pages = [MethodologyPageFactory(version=""), MethodologyPageFactory(version="")]
    labels = [label for label, values in comparison_rows(pages)]
    assert "Verze" not in labels and "Shrnutí srozumitelně" in labels
