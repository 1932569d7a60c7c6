from django.core.management.base import BaseCommand

from portal.alerts.tasks import queue_digests


class Command(BaseCommand):
    help = (
        "Queue the daily and weekly digests that are due, and any immediate alert that "
        "could not be sent (run by a timer, e.g. hourly)."
    )

    def handle(self, *args, **options):
        queued = queue_digests()
        self.stdout.write(f"Queued {queued} message(s).")
