"""`manage.py load_demo_content`: build (or refresh) the demo portal from its data files."""

from django.core.management.base import BaseCommand, CommandError

from portal.demo.accounts import ADMIN_PASSWORD, ADMIN_USERNAME

# Packages of the optional "demo" extra (pyproject.toml), imported by the builder.
DEMO_PACKAGES = {"fpdf", "av", "yaml", "markdown"}

try:
    from portal.demo.builder import build_demo, demo_account_names, demo_counts
except ImportError as error:
    if error.name not in DEMO_PACKAGES:
        raise
    MISSING_PACKAGE = error.name
else:
    MISSING_PACKAGE = None

# Czech labels (English in brackets) for what the builder reports.
LABELS = {
    "pages created": "nové stránky (pages created)",
    "pages updated": "aktualizované stránky (pages updated)",
    "pages unchanged": "beze změny (pages unchanged)",
    "documents created": "nové dokumenty (documents created)",
    "images created": "nové obrázky (images created)",
    "documents refreshed": "obnovené soubory dokumentů (documents refreshed)",
    "images refreshed": "obnovené obrázky (images refreshed)",
    "admin created": "vytvořen účet admin (admin created)",
    "admin existed": "účet admin už existoval (admin existed)",
    "demo accounts created": "nové ukázkové účty rolí (demo role accounts created)",
    "pages moved": "stránky přesunuté pod projekt (pages moved under their project)",
    "subscriptions created": "noví odběratelé upozornění (alert subscriptions created)",
    "subscriptions kept": "odběratelé upozornění beze změny (alert subscriptions kept)",
}


class Command(BaseCommand):
    help = "Vytvoří nebo aktualizuje ukázkový obsah portálu (builds or refreshes the demo)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-admin",
            action="store_true",
            help="Vytvoří i superuživatele „admin“ (also creates a demo superuser).",
        )
        parser.add_argument(
            "--refresh-files",
            action="store_true",
            help="Znovu vygeneruje PDF, titulky a obrázky (regenerates the demo files).",
        )

    def handle(self, *args, with_admin=False, refresh_files=False, **options):
        if MISSING_PACKAGE:
            raise CommandError(
                f"Chybí balíček {MISSING_PACKAGE} pro ukázkový obsah: "
                "nainstalujte volitelné balíčky pip install -e '.[demo]' (make run to udělá)."
            )
        ctx = build_demo(with_admin=with_admin, refresh_files=refresh_files)
        self.stdout.write(self.style.SUCCESS("Ukázkový obsah je připraven (demo content ready)."))
        for key, value in sorted(ctx.stats.items()):
            self.stdout.write(f"  {LABELS.get(key, key)}: {value}")
        self.stdout.write("Celkem v databázi (totals):")
        for key, value in demo_counts().items():
            self.stdout.write(f"  {key}: {value}")
        if with_admin:
            self.stdout.write(
                f"Přihlášení do administrace (admin login): {ADMIN_USERNAME} / {ADMIN_PASSWORD}"
            )
            self.stdout.write(
                "Ukázkové účty rolí (demo role accounts, password <user>-demo-heslo): "
                + ", ".join(demo_account_names())
            )
