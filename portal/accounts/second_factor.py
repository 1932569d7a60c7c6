"""A second factor (TOTP) for the admin, with django-otp; recovery codes for a lost phone.

Who must use it is a setting: with PORTAL_SECOND_FACTOR_REQUIRED (production) superusers,
portal administrators and reviewers reach no admin page before they enrol an authenticator
app and enter its code; anyone else with admin access may enrol, and from then on must enter
it too. The check guards the admins (/admin/, /django-admin/); the staff readers' login
(/prihlaseni/) gives no admin access and stays password-only.
"""

import django_otp
from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks

REQUIRED_GROUPS = ("Správci portálu", "Recenzenti")
GUARDED_PREFIXES = ("/admin/", "/django-admin/")
RECOVERY_DEVICE_NAME = "Záložní kódy"
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Ověřovací aplikace"


def must_use_second_factor(user):
    if not getattr(settings, "PORTAL_SECOND_FACTOR_REQUIRED", False):
        return False
    return user.is_superuser or user.groups.filter(name__in=REQUIRED_GROUPS).exists()


def app_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


# The second-factor screens themselves, logging out, and what the admin's login-style
# pages load (translations for its scripts, the icon sprite).
OPEN_URL_NAMES = (
    "portal_2fa_verify",
    "portal_2fa_enrol",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "admin:logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
)


def second_factor_urls():
    return {reverse(name) for name in OPEN_URL_NAMES}


class SecondFactorMiddleware:
    """Sends an admin user to enter (or first to enrol) their second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        path_info = request.path_info
        if (
            user.is_authenticated
            and path_info.startswith(GUARDED_PREFIXES)
            and not user.is_verified()
            and path_info not in second_factor_urls()
        ):
            if app_device(user):
                return redirect_to_login(request.get_full_path(), reverse("portal_2fa_verify"))
            if must_use_second_factor(user):
                return redirect_to_login(request.get_full_path(), reverse("portal_2fa_enrol"))
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kód"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=_("Šestimístný kód z aplikace, nebo jeden ze záložních kódů."),
    )

    def __init__(self, user, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        device = self.device or self.device_for(code)
        if device is None:
            raise forms.ValidationError(_("Kód neplatí. Zadejte aktuální kód z aplikace."))
        allowed, _extra = device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Příliš mnoho chybných kódů. Počkejte chvíli a zkuste to znovu.")
            )
        if not device.verify_token(code):
            raise forms.ValidationError(_("Kód neplatí. Zadejte aktuální kód z aplikace."))
        self.verified_device = device
        return code

    def device_for(self, code):
        if code.isdigit():
            return app_device(self.user)
        return StaticDevice.objects.filter(user=self.user, name=RECOVERY_DEVICE_NAME).first()


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return reverse("wagtailadmin_home")


def verify(request):
    """Enter the code from the app (or a recovery code) after the password."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    form = CodeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.verified_device)
        return redirect(next_url(request))
    return render(
        request, "accounts/second_factor_verify.html", {"form": form, "next": next_url(request)}
    )


def enrol(request):
    """Pair an authenticator app: scan the QR code, confirm with a code, keep recovery codes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if app_device(request.user) and not request.user.is_verified():
        return redirect_to_login(request.get_full_path(), reverse("portal_2fa_verify"))
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": APP_DEVICE_NAME}
    )
    form = CodeForm(request.user, request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
            device.confirmed = True
            device.save()
            codes = new_recovery_codes(request.user)
        django_otp.login(request, device)
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": next_url(request), "enrolled": True},
        )
    context = {"form": form, "qr_svg": qr_svg(device.config_url), "secret": secret(device)}
    return render(request, "accounts/second_factor_enrol.html", context)


def qr_svg(text):
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def secret(device):
    """The key in base32, for typing into an app that cannot scan, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with new ones; returns them (shown only once)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes(request):
    """A new set of recovery codes, for a user verified with their app."""
    if not request.user.is_verified():
        return redirect(reverse("portal_2fa_enrol"))
    codes = new_recovery_codes(request.user) if request.method == "POST" else None
    remaining = StaticToken.objects.filter(
        device__user=request.user, device__name=RECOVERY_DEVICE_NAME
    ).count()
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "remaining": remaining, "next": reverse("wagtailadmin_home")},
    )


@hooks.register("register_admin_urls")
def second_factor_admin_urls():
    return [
        path("dvoufazove-overeni/overeni/", verify, name="portal_2fa_verify"),
        path("dvoufazove-overeni/nastaveni/", enrol, name="portal_2fa_enrol"),
        path("dvoufazove-overeni/zalozni-kody/", recovery_codes, name="portal_2fa_codes"),
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    if request.user.is_verified():
        return {
            "url": reverse("portal_2fa_codes"),
            "label": _("Záložní kódy pro dvoufázové ověření"),
            "help_text": _("Nové jednorázové kódy pro přihlášení bez telefonu."),
        }
    return {
        "url": reverse("portal_2fa_enrol"),
        "label": _("Zapnout dvoufázové ověření"),
        "help_text": _("Při přihlášení budete zadávat i kód z aplikace v telefonu."),
    }
