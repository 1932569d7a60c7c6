"""Who can see each existing page, stored once its column exists (a migration of its own:
on PostgreSQL the rows it updates would stop the column's index from being built in the same
transaction)."""

from django.db import migrations

from portal.core.visibility import fill_visibility


class Migration(migrations.Migration):
    dependencies = [("news", "0007_page_visibility")]

    operations = [fill_visibility("news")]
