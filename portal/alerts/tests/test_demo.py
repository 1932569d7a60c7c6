"""The demo portal has a few confirmed subscribers, one per frequency."""

from portal.alerts.models import Frequency, Subscription
from portal.demo.testing import DemoPortalTestCase


class DemoSubscriptionsTests(DemoPortalTestCase):
    def test_one_subscriber_per_frequency_with_their_choices(self):
        subscriptions = {s.frequency: s for s in Subscription.objects.all()}
        assert set(subscriptions) == set(Frequency.values)
        immediate = subscriptions[Frequency.IMMEDIATE]
        assert [t.name for t in immediate.topics.all()] == ["pěstounská péče"]
        weekly = subscriptions[Frequency.WEEKLY]
        assert [r.slug for r in weekly.regions.all()] == ["vysocina"]
        assert weekly.kinds == ["methodology", "tool"]
        daily = subscriptions[Frequency.DAILY]
        assert daily.query and daily.projects.count() == 1
        assert all(s.email.endswith("@example.cz") for s in subscriptions.values())
