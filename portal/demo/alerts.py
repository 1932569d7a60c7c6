"""The demo's e-mail alert subscribers (data/alerts.yaml), as if each had confirmed.

The alerts app sits beside the demo in the top layer, so its model is looked up by name
rather than imported. An existing subscriber keeps the time of consent.
"""

from django.apps import apps
from django.utils import timezone

from portal.projects.models import ProjectPage
from portal.taxonomy.models import Region

from .loader import Ref, load


def build_subscriptions(ctx):
    subscription_model = apps.get_model("alerts", "Subscription")
    for spec in load("alerts.yaml")["subscriptions"]:
        subscription, created = subscription_model.objects.update_or_create(
            email=spec["email"],
            defaults={
                "frequency": spec["frequency"],
                "query": spec.get("query", ""),
                "kinds": spec.get("kinds", []),
            },
            create_defaults={
                "frequency": spec["frequency"],
                "query": spec.get("query", ""),
                "kinds": spec.get("kinds", []),
                "consented_at": timezone.now(),
            },
        )
        subscription.topics.set([ctx.get(Ref("topic", name)) for name in spec.get("topics", [])])
        subscription.regions.set(Region.objects.filter(slug__in=spec.get("regions", [])))
        subscription.projects.set(ProjectPage.objects.filter(slug__in=spec.get("projects", [])))
        ctx.stats["subscriptions created" if created else "subscriptions kept"] += 1
