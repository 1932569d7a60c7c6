from django.utils.translation import gettext as _

from news.periods import next_period
from portal.core.forms import PortalPageForm


class PeriodReportForm(PortalPageForm):
    """A new report starts filled in with the next period number and dates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.parent_page is not None and not self.is_bound:
            self.initial.update(self.next_period_initial())

    def next_period_initial(self):
        project = self.parent_page.specific
        previous = self._meta.model.objects.child_of(project).order_by("-period_number").first()
        number, start, end = next_period(previous, getattr(project, "start_date", None))
        return {
            "period_number": number,
            "period_start": start,
            "period_end": end,
            "title": _("Zpráva za %(number)s. období") % {"number": number},
            # The admin makes a slug only as the title is typed; a prefilled title needs one.
            "slug": f"zprava-za-{number}-obdobi",
        }
