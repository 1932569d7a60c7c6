"""Login attempts are rate-limited per address, whatever usernames they try.

django-axes locks one username at one address after repeated failures; this caps how many
login attempts (successful or not) one address may make per window on every login form,
so that trying many usernames is slowed down too.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse

from portal.accounts.client_ip import client_ip

DEFAULT_RATE = (30, 300)  # attempts, per seconds


def login_paths():
    return {reverse("staff_login"), reverse("wagtailadmin_login"), reverse("admin:login")}


class LoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_login = request.method == "POST" and request.path_info in login_paths()
        if is_login and self.over_limit(client_ip(request) or "unknown"):
            return render(request, "accounts/login_rate_limited.html", status=429)
        return self.get_response(request)

    def over_limit(self, address):
        limit, window = getattr(settings, "PORTAL_LOGIN_RATE", DEFAULT_RATE)
        key = f"login-rate:{address}:{int(time.time() // window)}"
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key) > limit
        except ValueError:  # the window expired between add and incr
            return False
