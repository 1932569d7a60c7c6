"""`make stack` stops cleanly: Ctrl-C or SIGTERM ends every part within 10 seconds; started
again, it keeps what editors changed and the media files of its bucket (`--s3`).

It runs `deploy/stack.py` as `make stack` does (with `--s3`), twice, on the folder, port and
database of the session's stack (tests/conftest.py), which it stops first: the session's stack
has migrated and loaded the demo there already, as a first `make stack` would have. The suite
runs this module after every other test of the stack (conftest.py).
"""

import json
import os
import re
import signal
import subprocess  # nosec B404 # runs the project's own stack script
import sys
import time
from pathlib import Path

import pytest

from deploy.stack import ROOT, Stack
from tests.test_stack_smoke import get

# The stack runs its own PostgreSQL cluster: once per `make test`, with the SQLite suite.
pytestmark = pytest.mark.own_database


def descendants(pid):
    found, queue = [], [pid]
    while queue:
        out = subprocess.run(  # nosec B603 B607 # fixed argument list
            ["ps", "-o", "pid=", "--ppid", str(queue.pop())], capture_output=True, text=True
        ).stdout
        children = [int(child) for child in out.split()]
        found += children
        queue += children
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state


def start(stack):
    process = subprocess.Popen(  # nosec B603 # the project's own script, fixed arguments
        [sys.executable, "deploy/stack.py", "--port", str(stack.port), "--var", str(stack.var),
         "--redis-db", str(stack.redis_db), "--s3"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    for line in process.stdout:
        if line.startswith("Ukončení"):
            return process
    raise AssertionError(f"the stack did not start (exit {process.wait()})")


EDIT_A_DEMO_PAGE = """
from news.models import PeriodReportPage
page = PeriodReportPage.objects.get(period_number=3)
print("edits:", page.summary.count(" (upraveno)"))
page.summary += " (upraveno)"
page.save_revision().publish()
"""


def edited(stack):
    """An editor publishes a change to a demo page; returns how many such changes it had
    (loading the demo again at a restart would have undone them)."""
    output = Stack(stack.var, port=stack.port).manage("shell", "-c", EDIT_A_DEMO_PAGE)
    return int(re.search(r"^edits: (\d+)$", output, re.MULTILINE)[1])


def test_ctrl_c_and_sigterm_stop_every_part_within_10_seconds(stack):
    image = f"{stack.url}/media/{stack.bucket.keys('original_images/')[0]}"
    stack.stop()
    process = None
    try:
        stops = (
            lambda process: os.killpg(process.pid, signal.SIGINT),  # Ctrl-C in a terminal
            lambda process: process.send_signal(signal.SIGTERM),
        )
        edits = None
        for stop in stops:
            process = start(stack)
            # The second start keeps what was edited after the first.
            edits_now = edited(stack)
            assert edits is None or edits_now == edits + 1, "the restart undid an edit"
            edits = edits_now
            # moto holds the bucket in memory: the stop kept its files, the start put them back
            assert get(image)[0] == 200, "the restart lost the media files"
            postgres = int((stack.pg_data / "postmaster.pid").read_text().split()[0])
            parts = [*descendants(process.pid), postgres]
            assert json.loads((stack.var / "stack.json").read_text())["pids"]
            stopped = time.monotonic()
            stop(process)
            process.wait(timeout=10)
            deadline = stopped + 10
            while any(map(alive, parts)) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert [pid for pid in parts if alive(pid)] == []
    finally:
        if process is not None and process.poll() is None:  # a stop that failed: end it here
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if (stack.pg_data / "postmaster.pid").exists():  # a failed run must not leave it behind
            stack.pg_ctl("stop")
