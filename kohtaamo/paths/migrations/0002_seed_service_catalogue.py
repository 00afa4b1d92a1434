from django.db import migrations


def seed(apps, schema_editor):
    from kohtaamo.paths.catalogue import seed as seed_catalogue

    seed_catalogue(apps.get_model("paths", "ServiceType"))


class Migration(migrations.Migration):
    dependencies = [("paths", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
