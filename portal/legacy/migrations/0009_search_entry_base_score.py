import math

from django.db import migrations, models

BATCH_SIZE = 1000


def fill_base_scores(apps, schema_editor):
    """The stored first score of existing entries (``ranking.base_score`` at the time)."""
    SearchEntry = apps.get_model("portal", "SearchEntry")
    rows = SearchEntry.objects.only("id", "rank_weight", "body_length").order_by("id")
    batch = []
    for entry in rows.iterator(chunk_size=BATCH_SIZE):
        entry.base_score = entry.rank_weight / math.log(2 + entry.body_length)
        batch.append(entry)
        if len(batch) == BATCH_SIZE:
            SearchEntry.objects.bulk_update(batch, ["base_score"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["base_score"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0008_project_team"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="searchentry",
            name="search_entry_facets",
        ),
        migrations.AddField(
            model_name="searchentry",
            name="base_score",
            field=models.FloatField(default=1.0),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=[
                    "id",
                    "staff_only",
                    "base_score",
                    "kind",
                    "project",
                    "year",
                    "validation_stage",
                    "region_ids",
                    "topic_ids",
                ],
                name="search_entry_facets",
            ),
        ),
        migrations.RunPython(fill_base_scores, migrations.RunPython.noop),
    ]
