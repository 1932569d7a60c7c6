"""An empty PostgreSQL database migrated once per `make test`, for both of its runs.

Migrating an empty PostgreSQL database takes the better part of a minute. The SQLite run's
production stack does it at its first start (tests/conftest.py), and the PostgreSQL run
did it again for its test database. The first of them now keeps a dump of the migrated
database under var/, named by a digest of what decides its schema (every migration of the
project, the locked packages that bring the others); the PostgreSQL run restores a dump of
that name, then migrates as before, which finds nothing left to do.
"""

import hashlib
import os
import subprocess  # nosec B404 # PostgreSQL's own dump and restore programs
from pathlib import Path

from deploy.stack import PG_BIN

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "var" / "test-schemas"
APPS = ("portal", "home", "news", "methodology")


def digest():
    """What the migrated schema depends on: the project's migrations and locked packages."""
    sha = hashlib.sha256((ROOT / "requirements.lock").read_bytes())
    for app in APPS:
        for path in sorted((ROOT / app).rglob("migrations/*.py")):
            sha.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()[:16]


def dump_path():
    return FOLDER / f"migrated-{digest()}.dump"


def _connection_options(host, port, user):
    return ["-h", host or "127.0.0.1", "-p", str(port or 5432), "-U", user or "postgres"]


def keep(database, host=None, port=None, user=None):
    """Dump the just migrated ``database`` unless a dump of this schema is kept already; a
    failed dump keeps nothing."""
    path = dump_path()
    if path.exists():
        return
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in FOLDER.glob("migrated-*.dump"):  # an earlier schema's
        old.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    dumped = subprocess.run(  # nosec B603 # fixed program and options
        [str(PG_BIN / "pg_dump"), "--format=custom", "--no-owner", "--no-acl",
         *_connection_options(host, port, user), "-f", str(partial), database],
        check=False, capture_output=True,
    )  # fmt: skip
    if dumped.returncode == 0:
        partial.replace(path)
    else:  # only a saving lost: the PostgreSQL run migrates as it did before
        partial.unlink(missing_ok=True)


def restore(database, host=None, port=None, user=None):
    """Restore the kept dump into the empty ``database``; False when there is none."""
    path = dump_path()
    if not path.exists():
        return False
    subprocess.run(  # nosec B603 # fixed program and options
        [str(PG_BIN / "pg_restore"), "--no-owner", "--no-acl", "--exit-on-error",
         *_connection_options(host, port, user), "-d", database, str(path)],
        check=True, capture_output=True,
    )  # fmt: skip
    return True
