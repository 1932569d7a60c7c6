import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.opendata.api import uncached
from portal.opendata.calendar import build_calendar
from portal.opendata.catalogue import CATALOGUES, LICENCE, LICENCE_NOTE, LICENCE_URL

LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'


def catalogue_or_404(slug):
    try:
        return CATALOGUES[slug]
    except KeyError:
        raise Http404("Tento katalog neexistuje.") from None


@require_GET
def data_index(request):
    """The open-data page: every endpoint, each catalogue's columns and the licence."""
    return render(
        request,
        "opendata/index.html",
        {
            "catalogues": CATALOGUES.values(),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "licence_note": LICENCE_NOTE,
            "api_example": "/api/v2/pages/?type=methodology.MethodologyPage&fields=*",
        },
    )


@require_GET
def catalogue_csv(request, slug):
    catalogue = catalogue_or_404(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}.csv"'
    response["Link"] = LICENCE_LINK
    writer = csv.DictWriter(response, fieldnames=[column.key for column in catalogue.columns])
    writer.writeheader()
    writer.writerows(catalogue.rows(request))
    return uncached(response)


@require_GET
def catalogue_json(request, slug):
    catalogue = catalogue_or_404(slug)
    data = {
        "title": f"{catalogue.title} – Portál pro praxi OSPOD",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "licence_note": LICENCE_NOTE,
        "schema_url": request.build_absolute_uri(reverse("opendata_index")),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "schema": catalogue.schema(),
        "items": catalogue.rows(request),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Link"] = LICENCE_LINK
    return uncached(response)


@require_GET
def calendar_ics(request):
    response = HttpResponse(
        build_calendar(request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="kalendar.ics"'
    return uncached(response)
