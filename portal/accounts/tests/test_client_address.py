"""Behind the front cache, lockouts and rate limits key on the visitor, not on the proxy."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from portal.accounts.client_ip import client_ip

PROXY = "127.0.0.1"


@override_settings(TRUSTED_PROXIES=[PROXY, "10.8.0.0/16"])
class ClientAddressRuleTest(SimpleTestCase):
    def address(self, remote, forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_ip(RequestFactory().get("/", **extra))

    def test_the_proxy_tells_the_visitors_address(self):
        self.assertEqual(self.address(PROXY, "198.51.100.7"), "198.51.100.7")
        # A TLS proxy in front of the cache is trusted too: the visitor is before both.
        self.assertEqual(self.address(PROXY, "198.51.100.7, 10.8.0.2"), "198.51.100.7")

    def test_what_the_visitor_wrote_into_the_header_is_never_read(self):
        self.assertEqual(self.address(PROXY, "203.0.113.66, 198.51.100.7"), "198.51.100.7")
        self.assertEqual(self.address("198.51.100.7", "203.0.113.66"), "198.51.100.7")

    def test_a_damaged_header_counts_as_the_proxy(self):
        self.assertEqual(self.address(PROXY, "nonsense"), PROXY)
        self.assertEqual(self.address(PROXY, ""), PROXY)

    @override_settings(TRUSTED_PROXIES=[])
    def test_without_proxies_the_header_is_ignored(self):
        self.assertEqual(self.address(PROXY, "198.51.100.7"), PROXY)


@override_settings(TRUSTED_PROXIES=[PROXY])
class LockoutPerVisitorTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_user("pracovnice", password="spravne-heslo")

    def setUp(self):
        cache.clear()

    def login(self, password, remote=PROXY, forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        self.client.logout()
        data = {"username": "pracovnice", "password": password}
        return self.client.post(reverse("staff_login"), data, **extra)

    def test_one_visitors_failures_do_not_lock_out_another(self):
        for _ in range(5):
            self.login("hadam", forwarded="198.51.100.7")
        self.assertEqual(self.login("spravne-heslo", forwarded="198.51.100.7").status_code, 429)
        self.assertEqual(self.login("spravne-heslo", forwarded="198.51.100.8").status_code, 302)

    @override_settings(PORTAL_LOGIN_RATE=(3, 300))
    def test_the_rate_limit_counts_per_visitor(self):
        for _ in range(3):
            self.login("hadam", forwarded="198.51.100.7")
        self.assertEqual(self.login("hadam", forwarded="198.51.100.7").status_code, 429)
        self.assertEqual(self.login("spravne-heslo", forwarded="198.51.100.8").status_code, 302)

    def test_a_forged_header_from_a_non_proxy_changes_nothing(self):
        for number in range(5):
            self.login("hadam", remote="203.0.113.5", forwarded=f"192.0.2.{number}")
        response = self.login("spravne-heslo", remote="203.0.113.5", forwarded="192.0.2.99")
        self.assertEqual(response.status_code, 429)
