"""Back up and restore the whole portal: the database and the media files in one archive.

The archive is a gzipped tar file holding

- ``manifest.json``: format and version, when and from which database it was made, the
  applied migrations, the row count per model, and the size and SHA-256 of every other
  member;
- ``database.jsonl``: every row with its primary key, in Django's portable JSON
  serialisation, so that it restores into SQLite or PostgreSQL alike; content types and
  permissions are included, so ids stored inside revisions stay right. Derived or
  transient data is left out and rebuilt: search indexes, sessions, editing sessions;
- ``media/…``: every file under ``MEDIA_ROOT`` (documents, original images, renditions).

``restore`` checks everything before it touches anything: the archive must be complete
(every checksum right, nothing extra, no unsafe paths) and come from the same migrations as
the current database. Then it replaces the rows in one transaction and swaps the media
folder in at the end of it; any failure rolls the database back and leaves the media as
they were. Messages are Czech: they are shown to the administrator.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.search.indexing import rebuild_index

FORMAT = "ospod-portal-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
MEDIA = "media"
CHUNK = 1024 * 1024

# Rebuilt or transient: not backed up, emptied by a restore (search is rebuilt after it).
DERIVED_MODELS = (
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "search.searchentry",
)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is Czech."""


# --- backup -------------------------------------------------------------------------------


def applied_migrations():
    """{app label: sorted migration names} applied to the current database."""
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _backed_up_models():
    """Content types and permissions first: signal handlers that run while rows load may
    look content types up, and must find the restored ones rather than create others."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in DERIVED_MODELS
    ]
    first = ("contenttypes.contenttype", "auth.permission")
    return sorted(models, key=lambda model: model._meta.label_lower not in first)


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dump_database(path):
    """Every row as one JSON object per line (Django's "python" serialisation)."""
    models = _backed_up_models()
    fresh_transaction = not connection.in_atomic_block
    counts = {}
    with transaction.atomic(), open(path, "w", encoding="utf-8") as out:
        if connection.vendor == "postgresql" and fresh_transaction:
            # One snapshot for the whole dump, even while editors keep publishing.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in models:
            rows = model._base_manager.order_by("pk").iterator(chunk_size=500)
            count = 0
            for batch in _batches(rows, 500):
                for row in serializers.serialize("python", batch):
                    out.write(json.dumps(row, cls=_ExactEncoder, ensure_ascii=False) + "\n")
                    count += 1
            counts[model._meta.label_lower] = count
    return counts


def _batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _load_database(path):
    """Save every row of the dump as it is (raw), then check the references once."""
    loaded = set()
    with connection.constraint_checks_disabled(), open(path, encoding="utf-8") as dump:
        for line in dump:
            for obj in serializers.deserialize("python", [json.loads(line)]):
                obj.save()
                loaded.add(type(obj.object))
    connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
    statements = connection.ops.sequence_reset_sql(no_style(), list(loaded))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def backup(target):
    """Write the archive to `target`; return the manifest."""
    target = Path(target)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        dump = Path(work) / DATABASE
        counts = _dump_database(dump)
        members = [(DATABASE, dump)]
        for path in _media_files(media_root):
            members.append((f"{MEDIA}/{path.relative_to(media_root).as_posix()}", path))
        files = {}
        for name, path in members:
            files[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "counts": counts,
            "files": files,
        }
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            for name, path in members:
                archive.add(path, arcname=name, recursive=False)
        os.replace(partial, target)
    return manifest


# --- restore: checks ----------------------------------------------------------------------


def _safe_member_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def read_manifest(archive):
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.load(archive.extractfile(member))
    except KeyError:
        raise BackupError(_("V archivu chybí manifest.json – nejde o zálohu portálu.")) from None
    except (ValueError, AttributeError) as error:
        raise BackupError(
            _("Manifest zálohy je poškozený (%(error)s).") % {"error": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("Soubor není záloha portálu OSPOD (neznámý formát manifestu)."))
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("Záloha má verzi formátu %(found)s, tento portál umí obnovit jen verzi %(known)s.")
            % {"found": manifest.get("version"), "known": VERSION}
        )
    return manifest


def summary(manifest):
    """What an archive holds, in Czech plurals: "1 234 záznamů, 3 soubory"."""
    rows = sum(manifest["counts"].values())
    media = len(manifest["files"]) - 1
    return ", ".join(
        (
            ngettext("%(count)d záznam", "%(count)d záznamů", rows) % {"count": rows},
            ngettext("%(count)d soubor", "%(count)d souborů", media) % {"count": media},
        )
    )


def check_migrations(manifest):
    """The backup must come from exactly the migrations applied here."""
    current = applied_migrations()
    saved = manifest.get("migrations", {})
    if saved == current:
        return
    differences = []
    for app in sorted(set(saved) | set(current)):
        only_backup = sorted(set(saved.get(app, [])) - set(current.get(app, [])))
        only_here = sorted(set(current.get(app, [])) - set(saved.get(app, [])))
        if only_backup:
            differences.append(
                _("%(app)s: jen v záloze %(names)s") % {"app": app, "names": ", ".join(only_backup)}
            )
        if only_here:
            differences.append(
                _("%(app)s: jen v databázi %(names)s") % {"app": app, "names": ", ".join(only_here)}
            )
    raise BackupError(
        _(
            "Záloha pochází z jiné verze databázového schématu, než má tato databáze "
            "(obnovte ji do portálu ve stejné verzi a po `manage.py migrate`). Rozdíly: "
            "%(differences)s"
        )
        % {"differences": "; ".join(differences[:10])}
    )


def _extract_checked(archive, manifest, staging):
    """Extract every member to `staging`, checking names, sizes and checksums."""
    expected = manifest.get("files")
    if not isinstance(expected, dict) or DATABASE not in expected:
        raise BackupError(_("Manifest zálohy neuvádí databázi – záloha je neúplná."))
    seen = set()
    for member in archive:
        if member.name == MANIFEST:
            continue
        if member.name not in expected or not _safe_member_name(member.name):
            raise BackupError(
                _("Archiv obsahuje soubor, který manifest neuvádí: %(name)s")
                % {"name": member.name}
            )
        if not member.isfile():
            raise BackupError(
                _("Archiv obsahuje nepovolenou položku: %(name)s") % {"name": member.name}
            )
        destination = staging / member.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with archive.extractfile(member) as source, open(destination, "wb") as out:
            for chunk in iter(lambda source=source: source.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
        wanted = expected[member.name]
        if member.size != wanted.get("size") or digest.hexdigest() != wanted.get("sha256"):
            raise BackupError(
                _("Soubor %(name)s v záloze neodpovídá kontrolnímu součtu – záloha je poškozená.")
                % {"name": member.name}
            )
        seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            ngettext(
                "V záloze chybí %(count)d soubor (%(example)s) – záloha je neúplná.",
                "V záloze chybí %(count)d souborů (např. %(example)s) – záloha je neúplná.",
                len(missing),
            )
            % {"count": len(missing), "example": missing[0]}
        )


# --- restore: replacing the data ----------------------------------------------------------


@contextmanager
def _no_pending_checks():
    """PostgreSQL refuses to TRUNCATE a table with deferred checks still pending in the
    transaction: run them first, and defer them again for the load."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _replace_rows(dump):
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables), reset_sequences=True, allow_cascade=False
    )
    with _no_pending_checks():
        connection.ops.execute_sql_flush(statements)
    _load_database(dump)


def _swap_media(new_media):
    """Put the restored media in place; return the folder holding the previous ones."""
    media_root = Path(settings.MEDIA_ROOT)
    previous = None
    if media_root.exists():
        previous = media_root.with_name(f"{media_root.name}.pred-obnovou-{os.getpid()}")
        os.replace(media_root, previous)
    try:
        if new_media.exists():
            os.replace(new_media, media_root)
        else:
            media_root.mkdir(parents=True)
    except OSError:
        if previous is not None:
            os.replace(previous, media_root)
        raise
    return previous


def _undo_swap(previous, staged):
    media_root = Path(settings.MEDIA_ROOT)
    os.replace(media_root, staged)
    if previous is not None:
        os.replace(previous, media_root)


def _rebuild_derived_data():
    ContentType.objects.clear_cache()
    cache.clear()
    rebuild_index()
    call_command("update_index", verbosity=0)


def restore(source):
    """Replace the database rows and the media with the archive's; return its manifest."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(_("Soubor zálohy %(source)s neexistuje.") % {"source": source})
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # The staging folder sits next to MEDIA_ROOT, so the final swap is a rename.
    staging = Path(tempfile.mkdtemp(prefix=".obnova-", dir=media_root.parent))
    try:
        try:
            with tarfile.open(source, "r:gz") as archive:
                manifest = read_manifest(archive)
                check_migrations(manifest)
                _extract_checked(archive, manifest, staging)
        except (tarfile.TarError, EOFError, OSError, ValueError) as error:
            raise BackupError(
                _("Zálohu nejde přečíst, soubor je poškozený (%(error)s).") % {"error": error}
            ) from None
        swapped, previous = False, None
        try:
            with transaction.atomic():
                _replace_rows(staging / DATABASE)
                previous = _swap_media(staging / MEDIA)
                swapped = True
        except Exception as error:
            if swapped:
                _undo_swap(previous, staging / MEDIA)
            raise BackupError(
                _("Obnova se nezdařila, databáze i soubory zůstaly beze změny (%(error)s).")
                % {"error": error}
            ) from error
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _rebuild_derived_data()
    return manifest
