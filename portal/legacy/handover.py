"""Handing the first layout's tables over to the apps that own their models now.

The first layout kept every shared model in one app labelled ``portal``. The apps that own
them now declare them again in their first migration (state only), then ``adopt`` renames
the old tables (``portal_topic`` -> ``taxonomy_topic``, with their many-to-many tables) and
moves the models' content types, so every row keeps its id, every page its content type and
every group its permissions. The ``portal`` migrations then forget the models (state only).
"""

from django.db import migrations

LEGACY_LABEL = "portal"


def _legacy_table(table, model):
    """The name `table` had under the first layout."""
    return table.replace(model._meta.db_table, f"{LEGACY_LABEL}_{model._meta.model_name}", 1)


def _tables(model):
    """(model, table) of the model and of its auto-created many-to-many tables."""
    yield model, model._meta.db_table
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if through._meta.auto_created:
            yield through, through._meta.db_table


def _move(apps, schema_editor, app_label, model_names, forwards):
    existing = set(schema_editor.connection.introspection.table_names())
    content_types = apps.get_model("contenttypes", "ContentType").objects
    for name in model_names:
        model = apps.get_model(app_label, name)
        for table_model, table in _tables(model):
            old, new = _legacy_table(table, model), table
            if not forwards:
                old, new = new, old
            if old in existing and new not in existing:
                schema_editor.alter_db_table(table_model, old, new)
        source, target = (LEGACY_LABEL, app_label) if forwards else (app_label, LEGACY_LABEL)
        if not content_types.filter(app_label=target, model=model._meta.model_name).exists():
            content_types.filter(app_label=source, model=model._meta.model_name).update(
                app_label=target
            )


def adopt(app_label, *model_names):
    """The operation that moves `model_names`' tables and content types to `app_label`."""

    def forwards(apps, schema_editor):
        _move(apps, schema_editor, app_label, model_names, forwards=True)

    def backwards(apps, schema_editor):
        _move(apps, schema_editor, app_label, model_names, forwards=False)

    return migrations.RunPython(forwards, backwards)


class StateHandOver(migrations.SeparateDatabaseAndState):
    """SeparateDatabaseAndState that renders the models once, after all its state operations.

    Django re-renders every model related to the one a state operation changes, right after
    that operation. A handover changes dozens of models tied to Wagtail's Page, and those
    renders took 18 of the 74 s of a `migrate` from nothing, the slowest part of setting up a
    database. The state operations change only model states, which need no rendered models,
    so the renders are deferred and done once, in one pass over all models."""

    def state_forwards(self, app_label, state):
        rendered = state.__dict__.pop("apps", None) is not None
        super().state_forwards(app_label, state)
        if rendered:
            state.apps  # noqa: B018 - the cached property renders the models
