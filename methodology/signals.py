from django.dispatch import receiver
from wagtail.signals import page_published

from methodology.models import Audience, MethodologyPage
from portal.core.access import sync_staff_restriction


@receiver(page_published, sender=MethodologyPage)
def restrict_staff_methodology(sender, instance, **kwargs):
    """A methodology published for OSPOD staff only is readable by the staff group alone."""
    sync_staff_restriction(instance, instance.audience == Audience.STAFF)
