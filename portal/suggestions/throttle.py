"""How many suggestions one client may send per window (the address as portal.accounts
reads it, behind the front proxy too)."""

import time

from django.conf import settings
from django.core.cache import cache

from portal.accounts.client_ip import client_ip

DEFAULT_RATE = (5, 3600)  # submissions, per seconds


def over_limit(request):
    """Count this attempt; True once the client has sent more than the limit."""
    limit, window = getattr(settings, "PORTAL_SUGGESTION_RATE", DEFAULT_RATE)
    address = client_ip(request) or "unknown"
    key = f"suggestion-rate:{address}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the window expired between add and incr
        return False
