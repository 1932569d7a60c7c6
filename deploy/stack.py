"""The production stack on one machine, for a local trial on 127.0.0.1.

    .venv/bin/python deploy/stack.py [--port 8080] [--var var/stack] [--database-url URL]
                                     [--instances 2] [--s3]

starts, each as a child process that stops with Ctrl-C:
  * PostgreSQL 15: its own cluster in <var>/pg on port+3 (unless --database-url is given),
  * gunicorn with portal.settings.production, 2 workers of 4 threads, on port+1,
  * `manage.py db_worker`: Django tasks (Wagtail's front cache purges, reference index),
  * with --instances N, N-1 more of both, each from a copy of the code in <var>/instance-<n>
    (gunicorn on port+3+n), sharing the database, Redis and the media files,
  * with --s3, moto's S3 server on port+4 holding the media files in a bucket (kept in
    <var>/bucket at a stop and put back at the next start: moto holds them in memory),
  * nginx serving image files (and the benchmark's static copy of a page) on port+2,
  * Varnish, the front cache, on port: the address to open, http://127.0.0.1:<port>/.
Redis at 127.0.0.1:6379 is the cache (database --redis-db, key prefix per port and folder).
Each start migrates and collects static files; the first one on a database also loads the
demo portal with an admin (later starts keep what editors changed).
"""

import argparse
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess  # nosec B404 # starts the local trial's own servers
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

if __package__ in (None, ""):  # run as a script: deploy/ is then the first path entry
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.bucket import Bucket, folder_locations  # noqa: E402
from deploy.front import varnish_command, vcl_values  # noqa: E402
from deploy.instances import Instance  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PYTHON = sys.executable
WORKER = [PYTHON, "manage.py", "db_worker", "--interval", "0.1"]


def as_postgres(cmd):
    """PostgreSQL refuses to run as root; run its tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Stack:
    def __init__(
        self, var_dir, port=8080, workers=2, database_url=None, redis_db=5, instances=1, s3=False
    ):
        self.var = Path(var_dir).resolve()
        self.port = port
        self.files_port, self.pg_port = port + 2, port + 3
        self.instances = [Instance(self, number) for number in range(1, instances + 1)]
        self.app_port = self.instances[0].app_port
        self.bucket = Bucket(port + 4, PYTHON) if s3 else None
        self.workers = workers
        self.own_postgres = database_url is None
        self.database_url = database_url or f"postgres://postgres@127.0.0.1:{self.pg_port}/portal"
        self.redis_db = redis_db
        self.processes = {}
        self.spawning = threading.Lock()
        self.stopping = threading.Event()
        self.extra_env = {}
        self.var_digest = hashlib.sha256(str(self.var).encode()).hexdigest()[:12]
        self.pg_data = self.var / "pg"
        if os.geteuid() == 0:
            # The cluster runs as the postgres user, which may not enter var (pytest keeps
            # its temporary folders private): keep it in a folder of its own beside /tmp.
            self.pg_data = Path(tempfile.gettempdir()) / f"portal-stack-pg-{self.var_digest}"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def app_url(self):
        return f"http://127.0.0.1:{self.app_port}"

    def env(self, instance=None):
        """The environment of instance (default: the first one) and its commands."""
        instance = instance or self.instances[0]
        shared_media = None if self.bucket else self.var / "portal" / "media"
        key_file = self.var / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(60))
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "PORTAL_VAR_DIR": str(self.var / "portal"),
            "SECRET_KEY": key_file.read_text(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:6379/{self.redis_db}",
            # Per folder too: another stack that used this port and Redis database minutes
            # ago (a test run) left entries naming its own files and pages.
            "CACHE_KEY_PREFIX": f"ospod-{self.port}-{self.var_digest}",
            "WAGTAILADMIN_BASE_URL": self.url,
            "FRONT_CACHE_URL": self.url,
            # Varnish reaches gunicorn from here and appends the visitor to X-Forwarded-For.
            "TRUSTED_PROXIES": "127.0.0.1",
            # A local trial speaks plain HTTP; behind TLS leave this at its default (true).
            "SECURE_SSL_REDIRECT": "false",
            **(self.bucket.env() if self.bucket else {}),
            **instance.env(shared_media),
            **self.extra_env,
        }

    # --- PostgreSQL -----------------------------------------------------------------------
    def start_postgres(self):
        if not self.own_postgres:
            return
        if not (self.pg_data / "PG_VERSION").exists():
            self.pg_data.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.pg_data, "postgres", "postgres")
                self.pg_data.chmod(0o700)
            self._run(
                as_postgres(
                    [
                        str(PG_BIN / "initdb"),
                        "-D",
                        str(self.pg_data),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-E",
                        "UTF8",
                        "--no-sync",
                    ]
                )
            )
        self.pg_ctl("start")
        created = self._run(
            as_postgres(
                [
                    str(PG_BIN / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.pg_port),
                    "-U",
                    "postgres",
                    "portal",
                ]
            ),
            check=False,
        )
        if created.returncode == 0:  # a new, empty database: the demo is loaded into it
            (self.var / "demo-loaded").unlink(missing_ok=True)

    def pg_ctl(self, action, *extra):
        options = f"-h 127.0.0.1 -p {self.pg_port} -k '' -c fsync=on"
        cmd = [
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.pg_data),
            "-w",
            "-l",
            str(self.pg_data / "server.log"),
            "-o",
            options,
            action,
            *extra,
        ]
        if action == "stop":
            cmd = [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.pg_data),
                "-w",
                "-m",
                "fast",
                "stop",
                *extra,
            ]
        self._run(as_postgres(cmd))

    def restart_postgres(self, down_seconds=3.0):
        """Stop the database, keep it down a while, start it; returns when it accepts again."""
        self.pg_ctl("stop")
        stopped = time.monotonic()
        time.sleep(down_seconds)
        self.pg_ctl("start")
        return stopped, time.monotonic()

    # --- The portal -----------------------------------------------------------------------
    def manage(self, *args, instance=None):
        instance = instance or self.instances[0]
        cmd = [PYTHON, "manage.py", *args]
        return self._run(cmd, env=self.env(instance), cwd=instance.code).stdout

    def prepare(self):
        # Run the setup's own background work inline: no backlog awaits the task worker.
        self.extra_env["TASKS_BACKEND"] = "immediate"
        try:
            self._prepare()
        finally:
            del self.extra_env["TASKS_BACKEND"]

    def _prepare(self):
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.load_demo_once()
        for instance in self.instances[1:]:
            instance.install(static_from=self.instances[0])
            self.manage("collectstatic", "--noinput", "-v", "0", instance=instance)

    def load_demo_once(self):
        """The demo portal, loaded on the first start on a database and address only: loading
        it again would put back every demo page an editor has changed since."""
        marker, loaded_for = self.var / "demo-loaded", f"{self.database_url} {self.url}\n"
        if marker.exists() and marker.read_text() == loaded_for:
            return
        # Points the demo Site at WAGTAILADMIN_BASE_URL: page URLs (and purges) carry the port.
        self.manage("load_demo_content", "--with-admin")
        marker.write_text(loaded_for)

    def start_portal(self):
        for instance in self.instances:
            self.start_instance(instance)
        # Like systemd's Restart=always: the task worker exits when the database goes away.
        self.stopping = threading.Event()
        self.supervisor = threading.Thread(target=self._supervise_workers, daemon=True)
        self.supervisor.start()

    def start_instance(self, instance):
        pid_file = self.var / f"{instance.gunicorn}.pid"
        self._spawn(instance.gunicorn, instance.gunicorn_command(PYTHON, self.workers, pid_file),
                    instance)  # fmt: skip
        self._spawn(instance.worker, WORKER, instance)
        instance.killed = False

    def kill_instance(self, number):
        """Kill every process of one application server at once (a lost machine)."""
        instance = self.instances[number - 1]
        with self.spawning:
            instance.kill(self.processes, self.gunicorn_worker_pids(instance))

    def restart_instance(self, number):
        instance = self.instances[number - 1]
        with self.spawning:
            self.start_instance(instance)
        wait_for(instance.url + "/", self.processes, seconds=180)

    def _supervise_workers(self):
        while not self.stopping.wait(1.0):
            with self.spawning:
                # Ctrl-C stops the workers too: no new one once the stack is stopping.
                for instance in self.instances:
                    worker = self.processes.get(instance.worker)
                    if self.stopping.is_set() or instance.killed or worker is None:
                        continue
                    if worker.poll() is not None:
                        self._spawn(instance.worker, WORKER, instance)

    def start_front(self):
        (self.var / "nginx-tmp").mkdir(exist_ok=True)
        (self.var / "bench").mkdir(exist_ok=True)
        media = self.var / "portal" / "media"
        locations = self.bucket.nginx_locations() if self.bucket else folder_locations(media)
        nginx_conf = self._render("nginx.conf", VAR=self.var, MEDIA_LOCATIONS=locations)
        self._spawn(
            "nginx", ["nginx", "-p", str(self.var), "-c", str(nginx_conf), "-g", "daemon off;"]
        )
        vcl = self._render("varnish.vcl", **vcl_values(self.instances))
        self._spawn("varnish", varnish_command(self.var, self.port, vcl))

    def start_s3(self):
        if self.bucket:
            self._spawn("s3", self.bucket.command())
            self.bucket.create()
            self.bucket.restore(self.var / "bucket")

    def start(self):
        self.var.mkdir(parents=True, exist_ok=True)
        try:
            self._start()
        except BaseException:  # a part that fails to start must not leave the others running
            self.stop()
            raise
        return self

    def _start(self):
        self.start_postgres()
        self.start_s3()
        self.prepare()
        self.start_portal()
        self.start_front()
        for instance in self.instances:
            # A loaded machine needs a while to load the first page of every server.
            wait_for(instance.url + "/", self.processes, seconds=180)
        wait_for(self.url + "/", self.processes)
        (self.var / "stack.json").write_text(json.dumps(self.describe(), indent=2))

    def describe(self):
        return {
            "url": self.url,
            "app_url": self.app_url,
            "instances": [instance.url for instance in self.instances],
            "s3": self.bucket.endpoint if self.bucket else None,
            "files_port": self.files_port,
            "database_url": self.database_url,
            "pids": {n: p.pid for n, p in self.processes.items()},
        }

    def gunicorn_worker_pids(self, instance=None):
        master = self.processes[(instance or self.instances[0]).gunicorn].pid
        out = subprocess.run(  # nosec B603 B607 # fixed argument lists, no shell
            ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def stop(self):
        """Stop every part within seconds: all are told at once (PostgreSQL too), then awaited."""
        # From now on the supervisor starts no task worker. One it is starting this moment
        # is let finish (it then gets the signal below), but the stop never waits long for it.
        self.stopping.set()
        if self.spawning.acquire(timeout=2):
            self.spawning.release()
        postgres_running = self.own_postgres and (self.pg_data / "postmaster.pid").exists()
        # One deadline for all: they stop side by side, so a slow part (PostgreSQL's shutdown
        # checkpoint on a busy disk) has the others' time too, and the whole stop stays
        # within seconds.
        deadline = time.monotonic() + 5
        # The bucket stops last: once the servers have stopped writing, its files are kept.
        bucket = self.processes.pop("s3", None)
        try:
            for process in self.processes.values():
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            if postgres_running:
                self.pg_ctl("stop", "-W")  # no waiting: it shuts down alongside the rest
            self._await_processes(deadline)
        finally:
            if bucket is not None:
                self._keep_the_bucket(bucket, deadline)
            if postgres_running:
                self._await_postgres(deadline)

    def _keep_the_bucket(self, process, deadline):
        try:
            if process.poll() is None:
                self.bucket.save(self.var / "bucket")
        except Exception as error:  # noqa: BLE001 - the stop goes on; the last copy stays
            print(f"Soubory z úložiště S3 se nepodařilo uložit: {error}", file=sys.stderr)
        finally:
            self.processes["s3"] = process
            process.send_signal(signal.SIGTERM)
            self._await_processes(deadline)

    def _await_processes(self, deadline):
        for name in reversed(list(self.processes)):
            process = self.processes.pop(name)
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _await_postgres(self, deadline):
        while (self.pg_data / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if (self.pg_data / "postmaster.pid").exists():  # its shutdown checkpoint is too slow
            self.pg_ctl("stop", "-m", "immediate")

    def remove_database(self):
        """Delete the own cluster's files (after stop); for throwaway stacks such as tests."""
        if self.own_postgres:
            shutil.rmtree(self.pg_data, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- helpers --------------------------------------------------------------------------
    def _render(self, name, **values):
        text = (DEPLOY / name).read_text()
        values = {"APP_PORT": self.app_port, "FILES_PORT": self.files_port, **values}
        for key, value in values.items():
            text = text.replace(f"@{key}@", str(value))
        target = self.var / name
        target.write_text(text)
        return target

    def _spawn(self, name, cmd, instance=None):
        log = open(self.var / f"{name}.log", "ab")  # noqa: SIM115 - lives as long as the process
        cwd = instance.code if instance else ROOT
        self.processes[name] = subprocess.Popen(  # nosec B603 B607 # fixed argument lists, no shell
            cmd, cwd=cwd, env=self.env(instance), stdout=log, stderr=subprocess.STDOUT
        )

    def _run(self, cmd, check=True, **kwargs):
        result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # nosec B603 B607 # fixed argument lists, no shell
        if check and result.returncode:
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{result.stdout}{result.stderr}")
        return result


def wait_for(url, processes, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped (exit {process.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=5):  # nosec B310 # http://127.0.0.1 only
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers at {url}")


def interrupt(*_):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--var", default=str(ROOT / "var" / "stack"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", help="use this PostgreSQL instead of an own cluster")
    parser.add_argument("--redis-db", type=int, default=5)
    parser.add_argument("--instances", type=int, default=1, help="application servers")
    parser.add_argument("--s3", action="store_true", help="media files in a local S3 bucket")
    args = parser.parse_args()
    stack = Stack(
        args.var, args.port, args.workers, args.database_url, args.redis_db, args.instances, args.s3
    )
    # Ctrl-C, and SIGTERM (systemd, a terminal closing), stop the stack. Both are set here: a
    # process started in the background by a shell inherits SIGINT ignored, and Python then
    # leaves it ignored, so Ctrl-C (or kill -INT) would stop the servers but not the stack.
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    try:
        stack.start()
        servers = ", ".join(f"{instance.url}/" for instance in stack.instances)
        print(
            f"Portál běží na {stack.url}/ (administrace: {stack.url}/admin/, "
            f"admin / admin-demo-heslo); gunicorn bez front cache: {servers}"
        )
        print("Ukončení: Ctrl-C", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C or SIGTERM must not cut the stopping short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()


if __name__ == "__main__":
    main()
