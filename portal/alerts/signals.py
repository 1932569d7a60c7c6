"""A published page queues its alerts once the publication is committed (and indexed)."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published


def queue_alerts(page_id):
    from portal.alerts.tasks import alert_published

    alert_published.enqueue(page_id)


def on_publish(sender, instance, **kwargs):
    transaction.on_commit(partial(queue_alerts, instance.pk))


def connect():
    page_published.connect(on_publish, dispatch_uid="portal-alerts-publish")
