"""`/porovnat/?stranky=<id>&stranky=<id>`: 2 to 4 methodologies or tools side by side.

The rows are the page types' `record_fields` (methodology/record_rows.py). A page the reader may
not see (staff-only for an anonymous visitor) is refused like one that does not exist.
"""

from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from methodology.models import MethodologyPage, ToolPage
from methodology.record_rows import comparison_rows, record_related
from portal.core.access import visible_pages

PARAMETER = "stranky"
MIN_PAGES = 2
MAX_PAGES = 4
COMPARED_TYPES = (MethodologyPage, ToolPage)


class ChoiceError(ValueError):
    """The reader's choice cannot be compared; the message says why, in Czech."""


def chosen_ids(request):
    """The page ids asked for, in their order, each once."""
    ids = []
    for value in request.GET.getlist(PARAMETER):
        value = value.strip()
        if not (value.isascii() and value.isdigit()) or len(value) > 12:
            raise ChoiceError(_("„%(value)s“ není číslo stránky.") % {"value": value[:40]})
        if int(value) not in ids:
            ids.append(int(value))
    if len(ids) < MIN_PAGES:
        raise ChoiceError(_("Vyberte k porovnání alespoň dvě metodiky nebo nástroje."))
    if len(ids) > MAX_PAGES:
        raise ChoiceError(
            _("Porovnat lze nejvýše %(max)d položky, vybrali jste %(count)d.")
            % {"max": MAX_PAGES, "count": len(ids)}
        )
    return ids


def chosen_types(ids):
    """The compared page types among `ids`: each type's pages cost a query per related field."""
    type_ids = set(Page.objects.filter(pk__in=ids).values_list("content_type_id", flat=True))
    return [
        model for model in COMPARED_TYPES if ContentType.objects.get_for_model(model).pk in type_ids
    ]


def chosen_pages(ids, user):
    """The pages in the order asked for; any the reader may not see is refused."""
    found = {}
    for model in chosen_types(ids):
        select, prefetch = record_related(model)
        queryset = model.objects.filter(pk__in=ids).select_related(*select)
        found.update(
            (page.pk, page) for page in visible_pages(queryset, user).prefetch_related(*prefetch)
        )
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ChoiceError(
            _("Stránku č. %(ids)s nelze porovnat: není to zveřejněná metodika ani nástroj.")
            % {"ids": ", ".join(missing)}
        )
    return [found[pk] for pk in ids]


@require_GET
def compare(request):
    try:
        pages = chosen_pages(chosen_ids(request), request.user)
    except ChoiceError as error:
        context = {"error": str(error), "min": MIN_PAGES, "max": MAX_PAGES}
        return TemplateResponse(request, "methodology/compare.html", context, status=400)
    context = {"pages": pages, "rows": comparison_rows(pages)}
    return TemplateResponse(request, "methodology/compare.html", context)
