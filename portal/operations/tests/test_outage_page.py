"""While the database is unreachable, a request that needs it gets a Czech 503, not a 500."""

from django.db.backends.postgresql.base import DatabaseWrapper
from django.db.utils import OperationalError
from django.test import RequestFactory, TestCase

from portal.operations.views import server_error

# Nothing listens on port 9 of this machine: a real connection attempt that fails.
UNREACHABLE = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "portal",
    "USER": "portal",
    "PASSWORD": "",
    "HOST": "127.0.0.1",
    "PORT": "9",
    "OPTIONS": {"connect_timeout": 2},
    "CONN_MAX_AGE": 0,
    "CONN_HEALTH_CHECKS": False,
    "AUTOCOMMIT": True,
    "ATOMIC_REQUESTS": False,
    "TIME_ZONE": None,
    "TEST": {},
}


class OutagePageTest(TestCase):
    def test_a_lost_database_connection_answers_the_czech_503_page(self):
        request = RequestFactory().get("/aktuality/")
        try:
            DatabaseWrapper(UNREACHABLE, alias="down").ensure_connection()
        except OperationalError:
            response = server_error(request)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertIn("Portál je na chvíli mimo provoz", response.content.decode())

    def test_any_other_error_is_still_the_500_page(self):
        try:
            raise ValueError("a bug")
        except ValueError:
            response = server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        self.assertIn("na serveru došlo k chybě", response.content.decode())
