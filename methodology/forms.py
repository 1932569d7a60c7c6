from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.core.access import collection_is_staff_only
from portal.core.forms import PortalPageForm


class MethodologyForm(PortalPageForm):
    """A staff-only methodology may attach only documents from a staff-only collection.

    Otherwise its file would download for anyone who has the link, and be found by search.
    """

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("audience") != "staff" or "documents" not in self.formsets:
            return cleaned_data
        for form in self.formsets["documents"].forms:
            document = form.cleaned_data.get("document") if form.is_valid() else None
            deleted = form.cleaned_data.get("DELETE") if form.is_valid() else False
            if document and not deleted and not collection_is_staff_only(document.collection):
                self.add_error(
                    None,
                    ValidationError(
                        _(
                            "Dokument „%(title)s“ je ve veřejné sbírce. K metodice jen pro "
                            "pracovníky OSPOD připojte dokumenty ze sbírky jen pro pracovníky."
                        ),
                        params={"title": document.title},
                    ),
                )
        return cleaned_data
