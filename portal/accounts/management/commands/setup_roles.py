"""`manage.py setup_roles`: the portal's groups, permissions and review workflow."""

from django.core.management.base import BaseCommand

from portal.accounts.models import ProjectTeam
from portal.accounts.roles import setup_roles


class Command(BaseCommand):
    help = "Vytvoří nebo doplní skupiny, oprávnění a schvalovací proces (idempotent)."

    def handle(self, *args, **options):
        groups = setup_roles()
        for group in groups.values():
            self.stdout.write(f"  {group.name}")
        for team in ProjectTeam.objects.select_related("editors", "collection"):
            self.stdout.write(f"  {team.editors.name} → {team.collection.name}")
        self.stdout.write(self.style.SUCCESS("Role a oprávnění jsou nastaveny (roles ready)."))
