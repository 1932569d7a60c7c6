"""The sort keys of each existing page, stored once their columns exist (a migration of its
own, as the visibility's fill: on PostgreSQL updated rows would stop the new index from being
built in the same transaction)."""

from django.db import migrations

from portal.core.sort_keys import fill_sort_keys


class Migration(migrations.Migration):
    dependencies = [("home", "0007_page_sort_keys")]

    operations = [fill_sort_keys("home")]
