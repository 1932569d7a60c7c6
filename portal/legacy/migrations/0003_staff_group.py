from django.db import migrations

STAFF_GROUP_NAME = "Pracovníci OSPOD"


def create_staff_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=STAFF_GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_regions"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_staff_group, migrations.RunPython.noop)]
