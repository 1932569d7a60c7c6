"""The search's GET parameters as a Django form: the words, the page and every filter.

Built on the listings' form (``portal.core.listings.FacetForm``): one field per facet, here
``FacetValuesField`` (a filter may be given several times), each value cleaned by its
search facet (``portal.search.facets``) with the listings' checks where the parameter is
the same. A bad value is a Czech message, the first of which the page and the API show
with status 400.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core.listings import FacetForm, FacetValuesField
from portal.search.facets import MAX_ECHO, SEARCH_FACETS
from portal.search.query import clean_text

MAX_PAGE = 500
MAX_VALUES = 20
PAGE_MESSAGE = _("Stránka výsledků „%(value)s“ neexistuje; zadejte číslo od 1 do %(max)d.")


class QueryField(forms.Field):
    """The words as typed, cleaned of control characters; anything is a valid query."""

    widget = forms.TextInput

    def clean(self, value):
        return clean_text(value or "")


class PageNumberField(forms.Field):
    """The result page: 1 when not given, else a number from 1 to MAX_PAGE."""

    widget = forms.TextInput

    def clean(self, value):
        if value is None or value == "":
            return 1
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
            echo = clean_text(value)[:MAX_ECHO]
            raise ValidationError(PAGE_MESSAGE % {"value": echo, "max": MAX_PAGE})
        return int(value)


def _values_field(facet, scope):
    return FacetValuesField(facet, scope, max_values=MAX_VALUES)


class SearchForm(FacetForm):
    """``cleaned_data``: q (text), strana (int) and per facet parameter a tuple of the
    values the index holds (ids, keys, years)."""

    def __init__(self, data, scope):
        super().__init__(data, SEARCH_FACETS, scope, field=_values_field)
        self.fields["q"] = QueryField(required=False)
        self.fields["strana"] = PageNumberField(required=False)

    def first_error(self):
        return self.error_list()[0]
