from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core.uploads import validate_document_content
from portal.suggestions.models import Suggestion

ATTACHMENT_EXTENSIONS = ("pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "rtf", "txt")
DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def max_attachment_bytes():
    return getattr(settings, "SUGGESTION_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES)


class SuggestionForm(forms.ModelForm):
    # A field people never see and bots fill in.
    website = forms.CharField(label=_("Nevyplňujte"), required=False)
    consent = forms.BooleanField(
        label=_("Souhlasím, aby recenzenti portálu použili můj kontakt k odpovědi na tento návrh."),
        error_messages={"required": _("Bez souhlasu s použitím kontaktu nemůžeme návrh přijmout.")},
    )

    class Meta:
        model = Suggestion
        fields = ["kind", "title", "description", "name", "email", "organisation", "attachment"]
        labels = {"title": _("Název (zveřejní se v přehledu posuzovaných návrhů)")}
        help_texts = {
            "title": _("Neuvádějte v názvu jména ani údaje o klientech."),
            "description": _(
                "Co praxe nebo nástroj řeší, kde se používá a s jakým výsledkem; nebo váš dotaz. "
                "Nepište údaje o konkrétních klientech ani případech."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "kind": {"required": _("Vyberte, co navrhujete.")},
            "title": {"required": _("Vyplňte název.")},
            "description": {"required": _("Popište svůj návrh nebo dotaz.")},
            "email": {
                "required": _("Vyplňte e-mail, abychom vám mohli odpovědět."),
                "invalid": _("Zadejte platnou e-mailovou adresu, např. jana@example.cz."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # no empty choice
        self.fields["attachment"].help_text = _(
            "Nepovinné: dokument PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, RTF nebo TXT "
            "do %(limit)d MB. Soubor uvidí jen recenzenti."
        ) % {"limit": max_attachment_bytes() // (1024 * 1024)}

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if not file:
            return file
        if file.size > max_attachment_bytes():
            raise ValidationError(
                _("Soubor je příliš velký; nahrajte nejvýše %(limit)d MB."),
                params={"limit": max_attachment_bytes() // (1024 * 1024)},
            )
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if extension not in ATTACHMENT_EXTENSIONS:
            raise ValidationError(
                _(
                    "Soubory s příponou „%(ext)s“ nepřijímáme. "
                    "Pošlete dokument PDF, DOCX, ODT nebo TXT."
                ),
                params={"ext": extension[:10]},
            )
        validate_document_content(file)
        return file
