"""Rebuild the portal's search index from every live page and every document."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.models import PortalDocument
from portal.search.extraction import extract_from_field_file
from portal.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Znovu sestaví vyhledávací index ze všech zveřejněných stránek a dokumentů."

    def add_arguments(self, parser):
        parser.add_argument(
            "--extract",
            action="store_true",
            help="Nejdřív vytáhne text z dokumentů, které ho ještě nemají (např. starší nahrávky).",
        )

    def handle(self, *args, extract=False, verbosity=1, **options):
        started = time.perf_counter()
        if extract:
            self._extract_missing_texts(verbosity)
        count = rebuild_index()
        if verbosity:
            seconds = time.perf_counter() - started
            self.stdout.write(
                ngettext(
                    "Vyhledávací index: %(count)d položka za %(seconds).1f s.",
                    "Vyhledávací index: %(count)d položek za %(seconds).1f s.",
                    count,
                )
                % {"count": count, "seconds": seconds}
            )

    def _extract_missing_texts(self, verbosity):
        documents = PortalDocument.objects.filter(extracted_text="")
        for document in documents.iterator():
            text = extract_from_field_file(document.file)
            if text:
                PortalDocument.objects.filter(pk=document.pk).update(extracted_text=text)
        if verbosity > 1:
            self.stdout.write(_("Text dokumentů doplněn."))
