"""Rate limits of subscription requests: per client address and per e-mail address.

A client over its limit gets a Czech 429. An e-mail address over its limit gets the same
answer as any other (nothing tells whether it is subscribed); only no more messages go
to it for a while.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from portal.accounts.client_ip import client_ip

DEFAULT_CLIENT_RATE = (10, 3600)  # requests per seconds
DEFAULT_ADDRESS_RATE = (3, 3600)


def _over(name, key, default):
    limit, window = getattr(settings, name, default)
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"alerts-rate:{name}:{digest}:{int(time.time() // window)}"
    cache.add(cache_key, 0, timeout=window)
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # the window expired between add and incr
        return False


def client_over_limit(request):
    address = client_ip(request) or "unknown"
    return _over("PORTAL_ALERTS_CLIENT_RATE", address, DEFAULT_CLIENT_RATE)


def address_over_limit(email):
    return _over("PORTAL_ALERTS_ADDRESS_RATE", email, DEFAULT_ADDRESS_RATE)
