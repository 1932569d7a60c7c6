"""The choices of a subscription, named as the search page's parameters (q, typ, tema,
projekt, kraj), so that a search's address pre-fills the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.alerts.models import Frequency
from portal.core.visibility import visible
from portal.projects.models import ProjectPage
from portal.search.kinds import DOCUMENT, kinds_by_key
from portal.search.query import clean_text
from portal.taxonomy.models import Region, Topic

# Documents and listing pages are not news of their own: their pages are.
NOT_OFFERED = {DOCUMENT.key, "listing"}


def kind_choices():
    return [(key, kind.label) for key, kind in kinds_by_key().items() if key not in NOT_OFFERED]


class ChoicesForm(forms.Form):
    q = forms.CharField(
        label=_("Hledaná slova"),
        required=False,
        max_length=200,
        help_text=_("Nepovinné. Upozorníme jen na obsah, který tato slova obsahuje."),
    )
    typ = forms.MultipleChoiceField(
        label=_("Typy obsahu"), required=False, widget=forms.CheckboxSelectMultiple
    )
    tema = forms.ModelMultipleChoiceField(
        label=_("Témata"),
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    projekt = forms.ModelMultipleChoiceField(
        label=_("Projekty"),
        queryset=ProjectPage.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kraj = forms.ModelChoiceField(
        label=_("Kraj"),
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("kterýkoli kraj"),
    )
    frequency = forms.ChoiceField(
        label=_("Jak často posílat"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["typ"].choices = kind_choices()
        self.fields["projekt"].queryset = visible(ProjectPage.objects.all()).order_by("title")

    def clean_q(self):
        return clean_text(self.cleaned_data["q"])

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in ("q", "typ", "tema", "projekt", "kraj")]
        if not self.errors and not any(chosen):
            raise forms.ValidationError(
                _("Vyberte alespoň jedno téma, projekt, typ obsahu, kraj nebo hledaná slova.")
            )
        return data

    def choices(self):
        """The choices as plain data (for the signed confirmation link)."""
        data = self.cleaned_data
        return {
            "q": data["q"],
            "typ": list(data["typ"]),
            "tema": [topic.pk for topic in data["tema"]],
            "projekt": [project.pk for project in data["projekt"]],
            "kraj": [data["kraj"].pk] if data["kraj"] else [],
            "frequency": data["frequency"],
        }


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Vaše e-mailová adresa"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def initial_from_subscription(subscription):
    return {
        "q": subscription.query,
        "typ": subscription.kinds,
        "tema": list(subscription.topics.values_list("slug", flat=True)),
        "projekt": list(subscription.projects.values_list("slug", flat=True)),
        "kraj": subscription.regions.values_list("slug", flat=True).first(),
        "frequency": subscription.frequency,
    }
