"""manage.py backup_portal FILE: the database and the media files in one archive."""

from django.core.management.base import BaseCommand, CommandError

from portal.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Zálohuje databázi i nahrané soubory (média) portálu do jednoho archivu .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("file", help="cesta k vytvářenému archivu, např. zaloha.tar.gz")

    def handle(self, *args, file, verbosity=1, **options):
        try:
            manifest = backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(f"Zálohu se nepodařilo vytvořit: {error}") from error
        if verbosity:
            rows = sum(manifest["counts"].values())
            media = len(manifest["files"]) - 1
            self.stdout.write(f"Záloha uložena do {file}: {rows} záznamů, {media} souborů.")
