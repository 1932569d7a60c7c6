from django.db import migrations

DEFAULT_SYNONYMS = [
    "OSPOD, orgán SPOD",
    "asistovaný kontakt, asistovaný styk",
    "Cochem, cochemská praxe",
]


def add_default_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("portal", "SearchSynonym")
    for phrases in DEFAULT_SYNONYMS:
        SearchSynonym.objects.get_or_create(phrases=phrases)


def remove_default_synonyms(apps, schema_editor):
    apps.get_model("portal", "SearchSynonym").objects.filter(phrases__in=DEFAULT_SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_search_index")]

    operations = [migrations.RunPython(add_default_synonyms, remove_default_synonyms)]
