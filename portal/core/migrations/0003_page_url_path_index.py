"""An index on Wagtail's page URL paths: pages are routed by their whole URL in one lookup
(`BasePage.route`), which must not scan the page table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS core_page_url_path_idx ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS core_page_url_path_idx",
        ),
    ]
