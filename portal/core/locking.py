"""A lock between processes on one machine (test workers sharing what one of them built)."""

import fcntl
from contextlib import contextmanager


@contextmanager
def exclusive(path):
    """One process at a time inside the block: an exclusive lock on the file ``path``."""
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
