"""GIN indexes for full-text search, on PostgreSQL only.

They are expression indexes over the documents defined in meetings.search, created here
rather than in the models' Meta so that other databases (SQLite, which has no GIN) never
see them, not even when a later migration rebuilds a table.
"""

from django.db import migrations

from meetings.search import DOCUMENTS, search_index


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in DOCUMENTS:
        model = apps.get_model("meetings", model_name)
        schema_editor.add_index(model, search_index(model_name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in DOCUMENTS:
        model = apps.get_model("meetings", model_name)
        schema_editor.remove_index(model, search_index(model_name))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
