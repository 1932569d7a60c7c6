"""Sending as background tasks: one task per subscriber and message, retried on failure.

A message is sent inside the transaction that records its pages in the sent-log, whose
unique constraint makes a second attempt for the same page (a retry, a digest running
beside an immediate alert) send nothing: a page reaches a subscriber once at most.
"""

import logging
import smtplib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from portal.alerts import matching, messages
from portal.alerts.models import Frequency, SentItem, Subscription

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
MAX_ITEMS = 30  # pages in one message; the rest follow in the next one


@task()
def send_confirmation(email, choices):
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            messages.confirmation_message(email, choices).send()
            return
        except (smtplib.SMTPException, OSError):
            logger.warning("Confirmation e-mail not sent (attempt %d)", attempt)


@task()
def deliver(subscription_id, page_ids, attempt=1):
    """Send these pages (those still public, matching and unsent) to one subscriber."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return 0
    try:
        return _send(subscription, page_ids)
    except (smtplib.SMTPException, OSError):
        logger.warning("Alert to subscription %s not sent (attempt %d)", subscription_id, attempt)
        _retry(subscription_id, page_ids, attempt)
        return 0


def _retry(subscription_id, page_ids, attempt):
    if attempt >= MAX_ATTEMPTS:
        return  # the pages stay unsent: the next `send_alerts` run offers them again
    retry = deliver
    if deliver.get_backend().supports_defer:
        later = timezone.now() + timedelta(minutes=5 * 2 ** (attempt - 1))
        retry = deliver.using(run_after=later)
    retry.enqueue(subscription_id, page_ids, attempt + 1)


def _send(subscription, page_ids):
    wanted = set(page_ids) & set(matching.pending_page_ids(subscription))
    entries = list(matching.page_entries(sorted(wanted)).order_by("date", "pk")[:MAX_ITEMS])
    if not entries:
        return 0
    try:
        with transaction.atomic():
            SentItem.objects.bulk_create(
                SentItem(subscription=subscription, page_id=entry.object_id) for entry in entries
            )
            messages.alert_message(subscription, entries).send()
    except IntegrityError:
        return 0  # another run sent (some of) them meanwhile
    return len(entries)


@task()
def alert_published(page_id):
    """Queue an alert to each immediate subscriber whom this newly published page concerns."""
    entry = matching.page_entries([page_id]).first()
    if entry is None or not matching.still_public([page_id]):
        return 0
    subscriptions = Subscription.objects.filter(frequency=Frequency.IMMEDIATE)
    queued = 0
    for subscription in subscriptions.prefetch_related("topics", "projects", "regions"):
        if matching.Criteria(subscription).matches(entry):
            deliver.enqueue(subscription.pk, [page_id])
            queued += 1
    return queued


DIGEST_PERIODS = {
    Frequency.IMMEDIATE: timedelta(0),  # what an earlier alert failed to send
    Frequency.DAILY: timedelta(days=1),
    Frequency.WEEKLY: timedelta(days=7),
}
# A timer that fires at the same hour each day finds the last digest a little under a day old.
SLACK = timedelta(hours=1)


def is_due(subscription, now):
    period = DIGEST_PERIODS[subscription.frequency]
    if not period:
        return True
    last = subscription.sent.order_by("-sent_at").values_list("sent_at", flat=True).first()
    return last is None or last <= now - period + SLACK


def queue_digests(now=None):
    """Queue one message for each subscriber who is due and has new pages; returns how many."""
    now = now or timezone.now()
    queued = 0
    subscriptions = Subscription.objects.prefetch_related("topics", "projects", "regions")
    for subscription in subscriptions:
        if not is_due(subscription, now):
            continue
        page_ids = matching.pending_page_ids(subscription, now)
        if page_ids:
            deliver.enqueue(subscription.pk, page_ids[:MAX_ITEMS])
            queued += 1
    return queued
