"""The visitor's address, the same for everything that keys on it (lockout, rate limits).

Behind the front cache every request comes from the proxy's address. The proxy appends
the address it was contacted from to `X-Forwarded-For`; that header is believed only when
the request itself comes from one of the configured proxies (TRUSTED_PROXIES, addresses or
networks), and then only its entries added by trusted proxies: the visitor is the last
address in the chain that is not a trusted proxy. Anything a visitor writes into the header
themselves stays to the left of that and is never read.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=16)
def trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    networks = trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return any(ip in network for network in networks)


def client_ip(request):
    """The address of the visitor who sent the request (a string, or None)."""
    address = request.META.get("REMOTE_ADDR")
    if not is_trusted_proxy(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address  # a damaged chain: the proxy's own address is all we know
        if not is_trusted_proxy(hop):
            return hop
        address = hop
    return address
