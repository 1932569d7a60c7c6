from django.db import migrations

# The fourteen kraje with their NUTS 3 codes.
REGIONS = [
    ("Hlavní město Praha", "praha", "CZ010"),
    ("Středočeský kraj", "stredocesky", "CZ020"),
    ("Jihočeský kraj", "jihocesky", "CZ031"),
    ("Plzeňský kraj", "plzensky", "CZ032"),
    ("Karlovarský kraj", "karlovarsky", "CZ041"),
    ("Ústecký kraj", "ustecky", "CZ042"),
    ("Liberecký kraj", "liberecky", "CZ051"),
    ("Královéhradecký kraj", "kralovehradecky", "CZ052"),
    ("Pardubický kraj", "pardubicky", "CZ053"),
    ("Kraj Vysočina", "vysocina", "CZ063"),
    ("Jihomoravský kraj", "jihomoravsky", "CZ064"),
    ("Olomoucký kraj", "olomoucky", "CZ071"),
    ("Zlínský kraj", "zlinsky", "CZ072"),
    ("Moravskoslezský kraj", "moravskoslezsky", "CZ080"),
]


def create_regions(apps, schema_editor):
    Region = apps.get_model("portal", "Region")
    for name, slug, code in REGIONS:
        Region.objects.update_or_create(slug=slug, defaults={"name": name, "nuts_code": code})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_regions, migrations.RunPython.noop)]
