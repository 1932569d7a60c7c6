"""An editor's field for many projects that does not render every project as an option."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.text import Fold, fold
from portal.projects.models import ProjectPage


class ProjectTitlesWidget(forms.Textarea):
    """Projects by their titles, one per line.

    With a thousand projects a multiple select is a thousand options in every edit form;
    here only the chosen projects are read (one query), and typed titles are matched
    without regard to case or diacritics. A title that matches no project comes back to
    the form's own validation, which names it.
    """

    def __init__(self, attrs=None):
        help_attrs = {"rows": 3, "placeholder": _("Název projektu, každý na nový řádek")}
        super().__init__(attrs={**help_attrs, **(attrs or {})})

    def format_value(self, value):
        """Chosen projects by title; a typed title that matched nothing stays as typed."""
        if not value:
            return ""
        items = [str(getattr(item, "pk", item)) for item in value]
        ids = [int(item) for item in items if item.isascii() and item.isdigit()]
        titles = dict(ProjectPage.objects.filter(pk__in=ids).values_list("pk", "title"))
        return "\n".join(
            titles.get(int(item), item) if item.isascii() and item.isdigit() else item
            for item in items
        )

    def value_from_datadict(self, data, files, name):
        typed = [line.strip() for line in (data.get(name) or "").splitlines() if line.strip()]
        if not typed:
            return []
        projects = ProjectPage.objects.annotate(folded=Fold("title"))
        found = dict(
            projects.filter(folded__in=[fold(title) for title in typed]).values_list("folded", "pk")
        )
        return [str(found.get(fold(title), title)) for title in typed]

    def value_omitted_from_data(self, data, files, name):
        return name not in data
