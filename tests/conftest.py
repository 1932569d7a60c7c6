"""The production stack (deploy/stack.py), started once for every test that needs it."""

import os
import socket

import dj_database_url
import pytest

from deploy.stack import Stack
from tests import migrated_schema


def worker_number():
    """0 for the first (or only) test process, 1 for pytest-xdist's gw1, ..."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def free_port_block(size=6):
    # Each worker searches its own range: two workers starting stacks at the same moment
    # would otherwise both find the first block free.
    start = 23000 + 4000 * worker_number()
    for base in range(start, 60000, 97):
        try:
            for port in range(base, base + size):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free ports")


class SuiteStack(Stack):
    """The stack, which also keeps its freshly migrated database for the suite's PostgreSQL
    run (tests/migrated_schema.py)."""

    def manage(self, *args, instance=None):
        output = super().manage(*args, instance=instance)
        if args[0] == "migrate":
            database = dj_database_url.parse(self.database_url)
            migrated_schema.keep(database["NAME"], database["HOST"], database["PORT"])
        return output


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """Varnish, two application servers (gunicorn and the task worker each), nginx,
    PostgreSQL and an S3 bucket for the media files, on free ports."""
    stack = SuiteStack(
        tmp_path_factory.mktemp("stack"),
        port=free_port_block(),
        redis_db=6 + worker_number(),
        instances=2,
        s3=True,
    )
    try:
        with stack:
            yield stack
    finally:
        stack.remove_database()
