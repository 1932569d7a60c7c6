"""The page type and visibility each existing topic link keeps of its page, filled once the
columns exist (a migration of its own: on PostgreSQL the rows it updates would stop the
columns' indexes from being built in the same transaction)."""

from django.db import migrations

from portal.core.visibility import fill_visibility_copy


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_pagetopic_visibility")]

    operations = [fill_visibility_copy("taxonomy", "PageTopic", "content_object")]
