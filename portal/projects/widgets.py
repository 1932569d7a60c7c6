"""An editor's field for many projects that does not render every project as an option."""

from django.utils.translation import gettext_lazy as _

from portal.core.widgets import PageTitlesWidget
from portal.projects.models import ProjectPage


class ProjectTitlesWidget(PageTitlesWidget):
    """Projects by their titles, one per line (``PageTitlesWidget``)."""

    placeholder = _("Název projektu, každý na nový řádek")

    def pages(self):
        return ProjectPage.objects.all()
