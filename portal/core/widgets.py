"""An editor's field for many pages that does not render every page as an option."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.text import Fold, fold


class PageTitlesWidget(forms.Textarea):
    """Pages by their titles, one per line, for a many-to-many field to pages.

    With thousands of pages a multiple select is thousands of options in every edit form;
    here only the chosen pages are read (one query), and typed titles are matched without
    regard to case or diacritics among ``pages()``. A title that matches no page comes back
    to the form's own validation, which names it.
    """

    placeholder = _("Název stránky, každý na nový řádek")

    def __init__(self, attrs=None):
        help_attrs = {"rows": 3, "placeholder": self.placeholder}
        super().__init__(attrs={**help_attrs, **(attrs or {})})

    def pages(self):
        """The pages a title may name (a queryset of a page model)."""
        raise NotImplementedError

    def format_value(self, value):
        """Chosen pages by title; a typed title that matched nothing stays as typed."""
        if not value:
            return ""
        items = [str(getattr(item, "pk", item)) for item in value]
        ids = [int(item) for item in items if item.isascii() and item.isdigit()]
        titles = dict(self.pages().filter(pk__in=ids).values_list("pk", "title"))
        return "\n".join(
            titles.get(int(item), item) if item.isascii() and item.isdigit() else item
            for item in items
        )

    def value_from_datadict(self, data, files, name):
        typed = [line.strip() for line in (data.get(name) or "").splitlines() if line.strip()]
        if not typed:
            return []
        pages = self.pages().annotate(folded=Fold("title"))
        found = dict(
            pages.filter(folded__in=[fold(title) for title in typed]).values_list("folded", "pk")
        )
        return [str(found.get(fold(title), title)) for title in typed]

    def value_omitted_from_data(self, data, files, name):
        return name not in data
