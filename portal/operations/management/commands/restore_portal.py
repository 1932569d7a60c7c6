"""manage.py restore_portal FILE: replace the database rows and media with a backup's."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.operations.backup import BackupError, restore, summary


class Command(BaseCommand):
    help = (
        "Obnoví portál ze zálohy vytvořené příkazem backup_portal: nahradí všechny záznamy "
        "v databázi i nahrané soubory. Poškozenou nebo nesouhlasící zálohu odmítne a data "
        "nechá beze změny."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="archiv zálohy (.tar.gz)")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Neptat se na potvrzení.",
        )

    def handle(self, *args, file, interactive=True, verbosity=1, **options):
        if interactive:
            answer = input(
                _("Obnova nahradí všechna data portálu obsahem zálohy. Pokračovat? [ano/ne] ")
            )
            if answer.strip().lower() not in ("ano", "a", "yes", "y"):
                raise CommandError(_("Obnova zrušena, nic se nezměnilo."))
        try:
            manifest = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(
                _("Portál obnoven ze zálohy z %(created)s: %(summary)s.")
                % {"created": manifest["created"], "summary": summary(manifest)}
            )
