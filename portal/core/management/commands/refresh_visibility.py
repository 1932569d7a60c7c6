"""Set every page's stored visibility (and the link tables' copies) and sort keys from scratch.

Pages saved through the ORM keep theirs; rows written around it (a bulk insert by an import
script, an SQL update of `live` or `title`) do not, until this runs.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.core.sort_keys import fill_sort_keys
from portal.core.visibility import VISIBILITY_COPIES, fill_visibility, fill_visibility_copy


class Command(BaseCommand):
    help = "Přepočítá, kdo smí které stránky vidět (po hromadném importu)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for config in apps.get_app_configs():
                fill_visibility(config.label).code(apps, None)
                fill_sort_keys(config.label).code(apps, None)
            for model, page_field in VISIBILITY_COPIES:
                meta = model._meta
                fill_visibility_copy(meta.app_label, meta.model_name, page_field).code(apps, None)
        self.stdout.write("Viditelnost a řazení stránek jsou přepočítané.")
