"""GIN indexes for full-text search, on PostgreSQL only.

They are expression indexes over each table's full-text document, created here rather than
in the models' Meta so that other databases (SQLite, which has no GIN) never see them, not
even when a later migration rebuilds a table. The documents are written out here as they were
when this migration was made, so that later changes to search do not change what it does.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import TextField
from django.db.models.functions import Cast

DOCUMENTS = {
    "meeting": ("title", "summary", "city"),
    "participant": ("name", "other_names", "position"),
    "topic": ("name", "description"),
    "source": ("title", "publisher", "author", "text"),
    "statement": ("text",),
}
JSON_FIELDS = {"other_names"}


def search_index(model_name):
    fields = (Cast(name, TextField()) if name in JSON_FIELDS else name for name in DOCUMENTS[model_name])
    return GinIndex(SearchVector(*fields, config="english"), name=f"{model_name}_search_idx")


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
