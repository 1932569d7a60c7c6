"""Proof under load (and faults): mixed traffic against the production stack on 127.0.0.1.

    .venv/bin/python tests/bench/load_stack.py [--duration 300] [--faults] [--var var/stack]
                                               [--instances 2 [--kill-one] [--s3]]

starts the stack (deploy/stack.py), then for --duration seconds runs --users visitors
requesting pages, listings, searches and document downloads through the front cache while an
editor account publishes a change to a news article every --publish-every seconds. Each
published title is polled through the front cache until it shows; the delay is reported.
With --faults it also kills one gunicorn worker and restarts PostgreSQL mid-run, probes the
portal directly (bypassing both caches) and reports failed requests and recovery times.
With --instances N the stack runs N application servers behind the front cache (--s3: the
media files in a bucket); --kill-one kills the last of them (every process, as a lost
machine) at 40 % of the run: readers must see no error and every change within 2 s.
At the end every published change is checked in the database: none may be lost.
"""

import argparse
import contextlib
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deploy.stack import Stack  # noqa: E402

LISTINGS = ["/", "/projekty/", "/aktuality/", "/metodiky/", "/nastroje/", "/videa/", "/temata/"]
QUERIES = ["metodika", "pěstounská péče", "sanace rodiny", "případová konference", "dítě",
           "OSPOD", "náhradní rodinná péče", "kraj", "školení", "projekt"]  # fmt: skip
MIX = [("page", 50), ("listing", 20), ("search", 15), ("document", 15)]
MARK = "Zátěžový test"


class Client:
    """One keep-alive HTTP connection, reopened after any error."""

    def __init__(self, base_url, timeout=10):
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.conn = None

    def get(self, path):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            body = response.read()
            return response.status, body
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise


def discover(base_url):
    """Pages from the sitemap, documents linked from them."""
    client = Client(base_url, timeout=120)  # the first, uncached render on a loaded machine
    _, index = client.get("/sitemap.xml")
    pages = set()
    for section in re.findall(r"<loc>([^<]+)</loc>", index.decode()):
        parts = urlsplit(section)
        _, sitemap = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        pages |= {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.decode())}
    pages = sorted(pages)
    documents = set()
    for path in pages:
        status, body = client.get(path)
        documents.update(re.findall(r'href="(/dokumenty/[^"]+)"', body.decode(errors="replace")))
    return pages, sorted(documents)


def pick_path(kind, pages, documents):
    if kind == "page":
        return random.choice(pages)
    if kind == "listing":
        return random.choice(LISTINGS)
    if kind == "search":
        return "/hledat/?q=" + quote(random.choice(QUERIES))
    return random.choice(documents) if documents else random.choice(pages)


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples = []  # (start monotonic, seconds, kind, status or error text)

    def add(self, *sample):
        with self.lock:
            self.samples.append(sample)


def visitor(base_url, pages, documents, stop, recorder):
    client = Client(base_url)
    kinds, weights = zip(*MIX, strict=True)
    while not stop.is_set():
        kind = random.choices(kinds, weights)[0]
        path = pick_path(kind, pages, documents)
        start = time.monotonic()
        try:
            status, _ = client.get(path)
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
        recorder.add(start, time.monotonic() - start, kind, status)


def probe(app_url, stop, recorder):
    """Ask gunicorn directly for an answer no cache holds (a database query), 10 times a second."""
    client = Client(app_url, timeout=10)
    while not stop.is_set():
        start = time.monotonic()
        try:
            status, _ = client.get(f"/api/hledat/naseptavac/?q=sond{uuid.uuid4().hex[:6]}")
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
        recorder.add(start, time.monotonic() - start, "probe", status)
        stop.wait(0.1)


class Editor:
    """An editor publishing new titles of one news article through Wagtail's revisions.

    Runs in its own process (Django with the stack's production settings), driven line by
    line, so this script can also run inside the test suite's process.
    """

    def __init__(self, stack):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--editor-loop"],
            cwd=ROOT, env=stack.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, bufsize=1,
        )  # fmt: skip
        self.published = []  # titles whose publish call returned
        self.failed = 0

    def ask(self, line):
        self.process.stdin.write(line + "\n")
        status, _, answer = self.process.stdout.readline().strip().partition(" ")
        if status != "ok":
            raise RuntimeError(answer)
        return answer

    def publish(self, number):
        title = f"{MARK} {number} {uuid.uuid4().hex[:6]}"
        path = self.ask("publish " + title)
        self.published.append(title)
        return path

    def lost_changes(self):
        return [title for title in self.published if self.ask("stored " + title) != "yes"]

    def close(self):
        with contextlib.suppress(BrokenPipeError):  # its process may have ended already
            self.process.stdin.close()
        self.process.wait(60)  # a loaded machine takes a while to end a Django process


def editor_loop():
    """The editor's process: `publish <title>` and `stored <title>` commands on stdin."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections
    from wagtail.models import Revision

    from news.models import NewsPage

    # The demo portal's administrator (load_demo_content --with-admin) edits and publishes.
    # Looked up at the first command, inside the error handling: the process may start while
    # the fault run has the database down.
    user = page_id = None
    for line in sys.stdin:
        command, _, title = line.strip().partition(" ")
        close_old_connections()
        try:
            if user is None:
                user = get_user_model().objects.get(username="admin")
                live = NewsPage.objects.live().order_by("pk")
                page_id = live.values_list("pk", flat=True).first()
            if command == "publish":
                page = NewsPage.objects.get(pk=page_id)
                page.title = title
                page.save_revision(user=user, log_action=True).publish(user=user)
                answer = page.url
            else:
                revisions = Revision.page_revisions.filter(object_id=str(page_id))
                answer = "yes" if revisions.filter(content__title=title).exists() else "no"
            print("ok", answer, flush=True)
        except Exception as error:  # noqa: BLE001 - reported by the load script
            from django.db import connection

            connection.close()
            print("error", type(error).__name__, flush=True)


def publisher(stack, editor, every, stop, visibility, errors):
    number = 0
    watchers = []
    while not stop.wait(every):
        number += 1
        try:
            path = editor.publish(number)
        except Exception as error:  # noqa: BLE001 - reported: a publish during the DB restart
            editor.failed += 1
            errors.append(f"publish {number}: {type(error).__name__} {error}")
            continue
        watcher = threading.Thread(
            target=watch, args=(stack.url, path, editor.published[-1], time.monotonic(), visibility)
        )
        watcher.start()
        watchers.append(watcher)
    for watcher in watchers:
        watcher.join()


def watch(base_url, path, title, committed, visibility, patience=30):
    """Poll the page through the front cache until the published title (or a later one,
    when the next publish came first, e.g. while the database was down) shows."""
    number = int(title.split()[len(MARK.split())])
    client = Client(base_url)
    while time.monotonic() < committed + patience:
        try:
            status, body = client.get(path)
            shown = re.findall(rf"{MARK} (\d+) ", body.decode(errors="replace"))
            if status == 200 and max(map(int, shown), default=0) >= number:
                visibility.append(time.monotonic() - committed)
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.02)
    visibility.append(float("inf"))


def faults(stack, duration, stop, events):
    """Kill one gunicorn worker at 30 % of the run, restart PostgreSQL at 60 %."""
    start = time.monotonic()
    if stop.wait(duration * 0.3):
        return
    worker = stack.gunicorn_worker_pids()[0]
    os.kill(worker, signal.SIGKILL)
    events["worker_killed"] = time.monotonic()
    if stop.wait(max(0.0, start + duration * 0.6 - time.monotonic())):
        return
    events["db_stopped"], events["db_back"] = stack.restart_postgres(down_seconds=3.0)


def kill_one(stack, duration, stop, events):
    """Kill the last application server at 40 % of the run; the others carry on."""
    if stop.wait(duration * 0.4):
        return
    number = len(stack.instances)
    stack.kill_instance(number)
    events[f"instance_{number}_killed"] = time.monotonic()


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def is_ok(status):
    return isinstance(status, int) and status < 400


def recovery_after(samples, moment, window=30.0):
    """Seconds from moment until the first probe answered well after the last failed one."""
    probes = sorted(
        (t, t + seconds, s)
        for t, seconds, kind, s in samples
        if kind == "probe" and moment <= t + seconds and t <= moment + window
    )
    failed = [start for start, _, s in probes if not is_ok(s)]
    ok = [end for start, end, s in probes if is_ok(s) and (not failed or start > failed[-1])]
    return max(0.0, ok[0] - moment) if ok else float("inf")


def report(recorder, duration, visibility, editor, errors, events):
    samples = [s for s in recorder.samples if s[2] != "probe"]
    latencies = [s[1] * 1000 for s in samples]
    failed = [s for s in samples if not is_ok(s[3])]
    print(
        f"requests: {len(samples)} in {duration:.0f} s = {len(samples) / duration:.1f} requests/s"
    )
    for kind, _ in MIX:
        count = sum(1 for s in samples if s[2] == kind)
        print(f"  {kind}: {count}")
    print(
        "latency ms: p50 {:.1f}  p90 {:.1f}  p99 {:.1f}  max {:.1f}".format(
            percentile(latencies, 0.5), percentile(latencies, 0.9),
            percentile(latencies, 0.99), max(latencies, default=float("nan")),
        )
    )  # fmt: skip
    print(f"errors: {len(failed)}", {str(s[3]) for s in failed} or "")
    shown = [v for v in visibility if v != float("inf")]
    print(
        f"published changes: {len(editor.published)} (failed publishes: {editor.failed}); "
        f"visible through the front cache after: min {min(shown, default=0):.2f} s, "
        f"median {statistics.median(shown) if shown else 0:.2f} s, "
        f"max {max(visibility, default=0):.2f} s; never shown: {len(visibility) - len(shown)}"
    )
    lost = editor.lost_changes()
    print(f"stored changes lost: {len(lost)}")
    for line in errors[:10]:
        print("  " + line)
    if events:
        probes = [s for s in recorder.samples if s[2] == "probe"]
        print(f"probe (gunicorn directly, uncached): {len(probes)} requests, "
              f"{sum(1 for s in probes if not is_ok(s[3]))} failed")  # fmt: skip
        for name, moment in sorted(events.items(), key=lambda item: item[1]):
            # Requests under way at the fault started a little earlier.
            window = [s for s in recorder.samples if moment - 2 <= s[0] <= moment + 15]
            bad = Counter(str(s[3]) for s in window if not is_ok(s[3]))
            bad = f"{sum(bad.values())} ({dict(bad)})"
            healthy = recovery_after(recorder.samples, moment)
            print(f"{name}: failed requests from 2 s before to 15 s after: {bad} of {len(window)}; "
                  f"probe healthy again after {healthy:.2f} s")  # fmt: skip
    outage = outage_statuses(samples, events)
    if outage:
        print("anonymous readers while PostgreSQL was down, per status:", outage_line(outage))
    recovery = max((recovery_after(recorder.samples, m) for m in events.values()), default=0.0)
    return {
        "errors": len(failed), "lost": len(lost), "visibility": visibility, "recovery": recovery,
        "outage_statuses": outage,
    }  # fmt: skip


def outage_statuses(samples, events):
    """What readers got for requests started while the database was stopped (and 2 s on)."""
    if "db_stopped" not in events:
        return {}
    start, end = events["db_stopped"], events["db_back"] + 2.0
    return dict(Counter(s[3] for s in samples if start <= s[0] <= end))


def outage_line(statuses):
    return ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str))


def run(stack, duration, users, publish_every, with_faults, kill=False):
    pages, documents = discover(stack.url)
    print(f"{len(pages)} pages, {len(documents)} documents, {users} visitors, {duration:.0f} s, "
          f"{len(stack.instances)} application server(s)")  # fmt: skip
    editor = Editor(stack)
    stop = threading.Event()
    recorder, visibility, errors, events = Recorder(), [], [], {}
    threads = [
        threading.Thread(target=visitor, args=(stack.url, pages, documents, stop, recorder))
        for _ in range(users)
    ]
    threads.append(
        threading.Thread(
            target=publisher, args=(stack, editor, publish_every, stop, visibility, errors)
        )
    )
    if with_faults or kill:
        threads.append(threading.Thread(target=probe, args=(stack.app_url, stop, recorder)))
    if kill:
        threads.append(threading.Thread(target=kill_one, args=(stack, duration, stop, events)))
    if with_faults:
        threads.append(threading.Thread(target=faults, args=(stack, duration, stop, events)))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(duration)
    if with_faults:  # keep the load on until the database is back, then a few seconds more
        threads[-1].join()
        time.sleep(max(0.0, events.get("db_back", 0) + 5 - time.monotonic()))
    stop.set()
    for thread in threads:
        thread.join()
    try:
        return report(recorder, time.monotonic() - started, visibility, editor, errors, events)
    finally:
        editor.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=300)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--publish-every", type=float, default=3.0)
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--instances", type=int, default=1, help="application servers")
    parser.add_argument("--kill-one", action="store_true", help="kill one server mid-run")
    parser.add_argument("--s3", action="store_true", help="media files in a local S3 bucket")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--var", default=None, help="stack folder (default: a temporary one)")
    parser.add_argument("--editor-loop", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.editor_loop:
        return editor_loop()
    var = args.var or tempfile.mkdtemp(prefix="portal-stack-")
    if args.kill_one and args.instances < 2:
        parser.error("--kill-one needs --instances 2 or more")
    with Stack(var, port=args.port, instances=args.instances, s3=args.s3) as stack:
        result = run(
            stack, args.duration, args.users, args.publish_every, args.faults, args.kill_one
        )
    # Under faults, requests fail while the database is down and a change published just
    # before it shows once it is back: then every change must show, not within 2 s.
    slowest = max(result["visibility"], default=0)
    ok = (args.faults or not result["errors"]) and not result["lost"]
    ok = ok and slowest <= (float("inf") if args.faults else 2.0) and result["recovery"] < 10.0
    ok = ok and slowest != float("inf")
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
