"""manage.py backup_portal FILE: the database and the media files in one archive."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.operations.backup import BackupError, backup, summary


class Command(BaseCommand):
    help = "Zálohuje databázi i nahrané soubory (média) portálu do jednoho archivu .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("file", help="cesta k vytvářenému archivu, např. zaloha.tar.gz")

    def handle(self, *args, file, verbosity=1, **options):
        try:
            manifest = backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(
                _("Zálohu se nepodařilo vytvořit: %(error)s") % {"error": error}
            ) from error
        if verbosity:
            self.stdout.write(
                _("Záloha uložena do %(file)s: %(summary)s.")
                % {"file": file, "summary": summary(manifest)}
            )
