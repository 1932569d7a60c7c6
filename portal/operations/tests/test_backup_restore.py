"""Backup and restore: the demo portal survives a round trip into a fresh database and media
folder unchanged, and a damaged or mismatched archive is refused without losing anything."""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection
from django.test import RequestFactory, override_settings
from wagtail.models import Page

from portal.core.models import PortalDocument, PortalImage
from portal.demo.testing import DemoPortalTestCase
from portal.taxonomy.models import Topic

# Not part of a backup: rebuilt (search indexes) or transient (sessions).
NOT_BACKED_UP = {
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "search.searchentry",
}


def table_rows():
    """{model label: every row as a tuple of column values, by primary key}."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in NOT_BACKED_UP or model._meta.proxy:
            continue
        if not model._meta.managed:
            continue
        columns = [field.attname for field in model._meta.concrete_fields]
        if model._meta.auto_created:
            # A many-to-many link table: the links matter, not the ids of its rows.
            columns = [column for column in columns if column != model._meta.pk.attname]
            rows[model._meta.label_lower] = sorted(model._base_manager.values_list(*columns))
            continue
        rows[model._meta.label_lower] = list(
            model._base_manager.order_by("pk").values_list(*columns)
        )
    return rows


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def wipe_database():
    """An empty, migrated database: no rows; content types and permissions created anew
    (in another order than the original, as a fresh `migrate` may give them other ids)."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no TRUNCATE with checks pending
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    )
    ContentType.objects.clear_cache()
    for app_config in reversed(list(apps.get_app_configs())):
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


def restore(archive):
    with redirect_stdout(io.StringIO()):
        call_command("restore_portal", str(archive), "--noinput")


class BackupRestoreTests(DemoPortalTestCase):
    @classmethod
    def setUpTestData(cls):
        image = PortalImage.objects.order_by("pk").first()
        cls.rendition_file = image.get_rendition("fill-120x80").file.name
        editors = Group.objects.create(name="Redakce zálohy")
        editors.permissions.add(Permission.objects.get(codename="change_topic"))
        cls.editor = get_user_model().objects.create_user(
            "redaktorka", "redaktorka@example.cz", "heslo-pro-zalohu"
        )
        cls.editor.groups.add(editors)
        page = Page.objects.get(slug="o-portalu").specific
        page.title = "O portálu (rozpracováno)"
        page.save_revision(user=cls.editor)  # a draft on top of the live version
        cls.work = Path(tempfile.mkdtemp(prefix="portal-backup-test-"))
        cls.addClassCleanup(shutil.rmtree, cls.work, ignore_errors=True)
        cls.archive = cls.work / "zaloha.tar.gz"
        with redirect_stdout(io.StringIO()):
            call_command("backup_portal", str(cls.archive))

    def test_round_trip_into_a_fresh_database_and_media_folder_keeps_everything(self):
        rows_before, files_before = table_rows(), media_files()
        self.assertIn(self.rendition_file, files_before)
        fresh_media = self.work / "media"
        with override_settings(MEDIA_ROOT=str(fresh_media)):
            wipe_database()
            self.assertEqual(Page.objects.count(), 0)
            self.assertNotEqual(
                ContentType.objects.order_by("pk").values_list("app_label", "model")[0],
                rows_before["contenttypes.contenttype"][0][1:],
                "the fresh database should number its content types differently",
            )
            restore(self.archive)

            rows_after = table_rows()
            self.assertEqual(sorted(rows_after), sorted(rows_before))
            for label, rows in rows_before.items():
                self.assertEqual(rows_after[label], rows, f"{label} differs after restore")
            self.assertEqual(media_files(), files_before)
            self.assertGreater(len(rows_before["wagtailcore.revision"]), 30)
            self.assertGreater(len(rows_before["taxonomy.pagetopic"]), 0)
            self.assertGreater(len(rows_before["core.portalrendition"]), 0)

            self.assertVisitorSeesTheRestoredPortal(files_before)

    def assertVisitorSeesTheRestoredPortal(self, files_before):
        for document in PortalDocument.objects.all():
            with document.file.open("rb") as file:
                digest = hashlib.sha256(file.read()).hexdigest()
            self.assertEqual(digest, files_before[document.file.name])
        page = Page.objects.get(slug="o-portalu").specific
        self.assertEqual(page.title, "O portálu")
        self.assertEqual(page.get_latest_revision_as_object().title, "O portálu (rozpracováno)")
        self.assertContains(self.client.get(page.url), "O portálu")
        document = PortalDocument.objects.get(title="Závěrečná evaluační zpráva projektu")
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        login = RequestFactory().post("/prihlaseni/")
        self.assertIsNotNone(
            authenticate(login, username="redaktorka", password="heslo-pro-zalohu")
        )
        found = self.client.get("/api/hledat/", {"q": "kolizní opatrovník"}).json()
        self.assertGreater(found["count"], 0, "the search index was not rebuilt")
        Topic.objects.create(name="Nové téma po obnově")  # sequences continue after the ids

    def assertRefusedAndNothingChanged(self, archive, message):
        rows_before, files_before = table_rows(), media_files()
        with self.assertRaisesMessage(CommandError, message):
            restore(archive)
        self.assertEqual(table_rows(), rows_before)
        self.assertEqual(media_files(), files_before)

    def rewrite_archive(self, change_manifest=None, change_database=None):
        """A copy of the archive with the manifest and/or the database dump changed."""
        members = {}
        with tarfile.open(self.archive, "r:gz") as archive:
            for member in archive:
                members[member.name] = archive.extractfile(member).read()
        manifest = json.loads(members["manifest.json"])
        if change_database:
            members["database.jsonl"] = change_database(members["database.jsonl"])
        if change_manifest:
            change_manifest(manifest)
        members["manifest.json"] = json.dumps(manifest).encode()
        target = self.work / "upravena.tar.gz"
        with tarfile.open(target, "w:gz") as archive:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        return target

    def test_a_truncated_archive_is_refused(self):
        truncated = self.work / "useknuta.tar.gz"
        truncated.write_bytes(self.archive.read_bytes()[: self.archive.stat().st_size // 2])
        self.assertRefusedAndNothingChanged(truncated, "poškozen")

    def test_a_file_that_is_no_backup_is_refused(self):
        other = self.work / "jiny.tar.gz"
        other.write_bytes(b"tohle neni zaloha")
        self.assertRefusedAndNothingChanged(other, "Zálohu nejde přečíst")

    def test_a_changed_file_is_refused_by_its_checksum(self):
        archive = self.rewrite_archive(
            change_database=lambda data: data.replace(b"O port", b"X port")
        )
        self.assertRefusedAndNothingChanged(archive, "neodpovídá kontrolnímu součtu")

    def test_a_backup_from_other_migrations_is_refused(self):
        def drop_last_migration(manifest):
            manifest["migrations"]["portal"] = manifest["migrations"]["portal"][:-1]

        archive = self.rewrite_archive(change_manifest=drop_last_migration)
        self.assertRefusedAndNothingChanged(archive, "jiné verze databázového schématu")

    def test_rows_that_cannot_be_loaded_leave_database_and_media_untouched(self):
        def break_a_reference(data):
            rows = [json.loads(line) for line in data.splitlines()]
            page = next(row for row in rows if row["model"] == "taxonomy.pagetopic")
            page["fields"]["tag"] = 999_999
            return "\n".join(json.dumps(row) for row in rows).encode()

        def fix_checksum(manifest):
            data = broken_dump
            manifest["files"]["database.jsonl"] = {
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }

        with tarfile.open(self.archive, "r:gz") as archive:
            broken_dump = break_a_reference(archive.extractfile("database.jsonl").read())
        archive = self.rewrite_archive(
            change_manifest=fix_checksum, change_database=lambda data: broken_dump
        )
        self.assertRefusedAndNothingChanged(archive, "zůstaly beze změny")
