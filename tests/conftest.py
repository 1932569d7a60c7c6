"""The production stack (deploy/stack.py), started once for every test that needs it."""

import socket

import pytest

from deploy.stack import Stack


def free_port_block(size=6):
    for base in range(23000, 60000, 97):
        try:
            for port in range(base, base + size):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free ports")


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """Varnish, two application servers (gunicorn and the task worker each), nginx,
    PostgreSQL and an S3 bucket for the media files, on free ports."""
    stack = Stack(
        tmp_path_factory.mktemp("stack"), port=free_port_block(), redis_db=6, instances=2, s3=True
    )
    try:
        with stack:
            yield stack
    finally:
        stack.remove_database()
