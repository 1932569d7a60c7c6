from django.db import migrations

from portal.search import schema


def install(apps, schema_editor):
    """PostgreSQL: the term function answering with packed ids, and short entry rows
    (existing rows are shortened when next written, e.g. by ``rebuild_search_index``)."""
    schema.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_project_entry_lookup"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
