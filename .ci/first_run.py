"""The README's first command, as a new user meets it: `make run` in a fresh clone.

Clones the checked-out commit into a temporary folder, runs `make run` there on a free
port (the same make targets and settings a user gets), waits until the portal answers and
checks the pages a first visitor opens. Only the virtualenv is shared with the checkout
(`make` still installs from the lock file into it) and, when the checkout has built it, the
lemma table expanded from Debian's dictionary (`make lemmas` finds it built; the suite's run
of `make test` has just built it from scratch), and the folder of generated demo files
(PDFs, images, videos: the same input gives the same bytes, whichever build makes them
first). The demo build itself is the real one. Exit status 0 when every page answers 200.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = [
    "/",
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/",
    "/hledat/?q=metodika",
    "/admin/login/",
]
BUILD_SECONDS = 900


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_serving(url, process, log):
    deadline = time.monotonic() + BUILD_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"`make run` stopped (exit {process.returncode}):\n{log.read_text()}")
        try:
            status(url)
            return
        except OSError:
            time.sleep(1)
    sys.exit(f"`make run` did not serve {url} within {BUILD_SECONDS} s:\n{log.read_text()}")


def clone(folder):
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    venv = ROOT / ".venv"
    if venv.is_dir():
        (folder / ".venv").symlink_to(venv.resolve())


def newcomer_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    lemmas = ROOT / "var" / "search"
    if lemmas.is_dir():
        env["PORTAL_LEMMA_DIR"] = str(lemmas)
    env["PORTAL_DEMO_FILES"] = str(ROOT / "var" / "demo-files")
    return env


def serve_and_check(folder, log):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        # Its own session, so that stopping it stops make and the server it started.
        process = subprocess.Popen(
            ["make", "run", "HOST=127.0.0.1", f"PORT={port}"],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=newcomer_environment(),
        )
    try:
        wait_until_serving(base + "/", process, log)
        return {path: status(base + path) for path in PATHS}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="first-run-") as tmp:
        folder = Path(tmp) / "portal"
        clone(folder)
        answers = serve_and_check(folder, Path(tmp) / "make-run.log")
        for path, code in answers.items():
            print(f"{code} {path}")
        if not (folder / "var" / "db.sqlite3").exists():
            sys.exit("the demo database is not in the clone's var/")
    print(f"make run on a fresh clone: serving after {time.monotonic() - started:.0f} s")
    if any(code != 200 for code in answers.values()):
        sys.exit("a first visitor's page did not answer 200")


if __name__ == "__main__":
    main()
