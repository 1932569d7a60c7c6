"""Writing a confirmed subscription: the address, the choices and the time of consent."""

from django.db import transaction
from django.utils import timezone

from portal.alerts.models import Frequency, Subscription
from portal.projects.models import ProjectPage
from portal.search.kinds import kinds_by_key
from portal.taxonomy.models import Region, Topic


def _ids(values):
    return [int(value) for value in values or [] if str(value).isdigit()]


@transaction.atomic
def apply_choices(subscription, choices):
    subscription.query = str(choices.get("q") or "")[:200]
    subscription.kinds = [k for k in choices.get("typ") or [] if k in kinds_by_key()]
    frequency = choices.get("frequency")
    subscription.frequency = frequency if frequency in Frequency.values else Frequency.IMMEDIATE
    subscription.save()
    subscription.topics.set(Topic.objects.filter(pk__in=_ids(choices.get("tema"))))
    subscription.projects.set(ProjectPage.objects.filter(pk__in=_ids(choices.get("projekt"))))
    subscription.regions.set(Region.objects.filter(pk__in=_ids(choices.get("kraj"))))
    return subscription


@transaction.atomic
def confirm(email, choices):
    """Create the subscription, or replace the choices of the address's existing one; the
    consent is the time of this confirmation."""
    subscription = Subscription.objects.select_for_update().filter(email=email).first()
    subscription = subscription or Subscription(email=email)
    subscription.consented_at = timezone.now()
    return apply_choices(subscription, choices)
