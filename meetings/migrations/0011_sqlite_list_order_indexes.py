"""On SQLite, indexes in the meeting and statement lists' default order, as migration 0006 gives PostgreSQL.

SQLite puts NULLs first in ascending order, so a descending index already holds undated records
last, which is the lists' order (newest first, undated last): a page is then read from the index
instead of sorting every row. PostgreSQL has these since 0006; other databases get nothing.
"""

from django.db import migrations

LIST_ORDER_INDEXES = {
    "meeting": ("meeting_list_order_idx", '"date" DESC, "title", "review_status"'),
    "statement": ("statement_list_order_idx", '"said_on" DESC, "source_id", "span_start", "id", "review_status"'),
}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for model_name, (name, columns) in LIST_ORDER_INDEXES.items():
        table = apps.get_model("meetings", model_name)._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(name)} ON {schema_editor.quote_name(table)} ({columns})"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name, _columns in LIST_ORDER_INDEXES.values():
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0010_source_redistributable")]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
