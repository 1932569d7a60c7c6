"""A new project gets its editors group and documents collection at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.accounts.roles import setup_project_team
from portal.projects.models import ProjectPage


@receiver(post_save, sender=ProjectPage)
def create_project_team(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        setup_project_team(instance)
