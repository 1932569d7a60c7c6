"""Application servers of the stack: one gunicorn and one task worker per instance.

Instance 1 runs from this checkout; every further one from a copy of the code in a folder
of its own, with its own var folder (static files, lemma table), as if on another machine.
All of them share PostgreSQL, Redis and the media storage (a shared folder, or the bucket).
"""

import contextlib
import os
import shutil
import signal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a deployment copies of a checkout: not the virtualenv, the data or the history.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", "var", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "node_modules"
)


THREADS = 4


class Instance:
    def __init__(self, stack, number):
        self.number = number
        self.app_port = stack.port + 1 if number == 1 else stack.port + 3 + number
        if number == 1:
            self.code, self.var = ROOT, stack.var / "portal"
        else:
            folder = stack.var / f"instance-{number}"
            self.code, self.var = folder / "code", folder / "portal"
        suffix = "" if number == 1 else f"-{number}"
        self.gunicorn, self.worker = f"gunicorn{suffix}", f"worker{suffix}"
        self.killed = False

    @property
    def url(self):
        return f"http://127.0.0.1:{self.app_port}"

    def install(self, static_from=None):
        """A fresh copy of the code (and the lemma table built from Debian's dictionary).

        The static files that ``static_from`` collected from the same code are copied too,
        with their times, as a deployment ships a build: `collectstatic` then finds their
        compressed copies still right instead of compressing every file again.
        """
        if self.number == 1:
            return
        shutil.rmtree(self.code, ignore_errors=True)
        shutil.copytree(ROOT, self.code, ignore=NOT_COPIED, symlinks=True)
        lemmas = ROOT / "var" / "search"
        if lemmas.is_dir():
            shutil.copytree(lemmas, self.code / "var" / "search")
        self.var.mkdir(parents=True, exist_ok=True)
        static = static_from.var / "static" if static_from else None
        if static and static.is_dir() and not (self.var / "static").exists():
            shutil.copytree(static, self.var / "static", symlinks=True)

    def env(self, shared_media):
        values = {"PORTAL_VAR_DIR": str(self.var)}
        if shared_media is not None:
            values["MEDIA_ROOT"] = str(shared_media)
        return values

    def gunicorn_command(self, python, workers, pid_file):
        return [
            python, "-m", "gunicorn", "portal.wsgi:application",
            "--bind", f"127.0.0.1:{self.app_port}",
            "--workers", str(workers),
            # Threads: a worker streaming a document from the bucket (IO, hundreds of ms on
            # a loaded machine) leaves its other threads free, so a page freshly purged after
            # a publish is not queued behind downloads (sync workers made it wait ~2 s).
            "--worker-class", "gthread",
            "--threads", str(THREADS),
            "--timeout", "30",
            # Stopping (Ctrl-C) must be done within seconds: requests get 2 s to finish.
            "--graceful-timeout", "2",
            "--keep-alive", "5",
            "--preload",
            "--no-control-socket",
            "--pid", str(pid_file),
        ]  # fmt: skip

    def kill(self, processes, worker_pids):
        """As if its machine went away: every process of it at once, without warning."""
        self.killed = True
        pids = [*worker_pids, processes[self.gunicorn].pid, processes[self.worker].pid]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for name in (self.gunicorn, self.worker):
            processes[name].wait()
