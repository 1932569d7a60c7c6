import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.adoption.models import EXPERIENCE_MAX_LENGTH
from portal.taxonomy.models import Municipality

# What would identify a client: a birth number, an e-mail address, a phone number.
IDENTIFYING = (
    re.compile(r"\b\d{6}\s*/\s*\d{3,4}\b"),
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    re.compile(r"(?:\+420\s*)?\b\d{3}\s?\d{3}\s?\d{3}\b"),
)


class AdoptionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Pracoviště OSPOD (ORP)"),
        queryset=Municipality.objects.filter(is_orp=True).select_related("region"),
        empty_label=_("Vyberte ORP"),
        error_messages={
            "required": _("Vyberte ORP, kde metodiku nebo nástroj používáte."),
            "invalid_choice": _("Vybrané ORP neznáme; vyberte ho ze seznamu."),
        },
    )
    experience = forms.CharField(
        label=_("Krátká zkušenost z praxe (nepovinné)"),
        required=False,
        max_length=EXPERIENCE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Popište obecně, co se vám osvědčilo. Neuvádějte žádné údaje o klientech ani "
            "případech: jména, data narození, adresy, telefony ani podrobnosti, podle nichž by "
            "šlo rodinu poznat. Text zveřejníme až po kontrole recenzentem."
        ),
        error_messages={
            "max_length": _(
                "Zkušenost zkraťte nejvýše na %(limit_value)d znaků (nyní %(show_value)d)."
            )
        },
    )
    no_case_data = forms.BooleanField(
        label=_("Potvrzuji, že text neobsahuje údaje o klientech ani konkrétních případech."),
        required=False,
    )

    def clean_experience(self):
        text = self.cleaned_data["experience"].strip()
        if any(pattern.search(text) for pattern in IDENTIFYING):
            raise ValidationError(
                _(
                    "Text zřejmě obsahuje osobní údaje (rodné číslo, e-mail nebo telefon). "
                    "Odstraňte je, zkušenost musí být anonymní."
                )
            )
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("experience") and not cleaned.get("no_case_data"):
            self.add_error(
                "no_case_data",
                _("Potvrďte prosím, že zkušenost neobsahuje údaje o klientech ani případech."),
            )
        return cleaned
