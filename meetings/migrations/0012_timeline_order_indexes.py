"""On PostgreSQL, indexes in the timeline's order: meetings by date (undated last), title and id;
statements by the date said (undated last), source, place in the text and id.

A page of the timeline orders and limits each kind to the page's end before merging them
(``meetings.analysis.TimelineRows``); with these indexes that reads a page's worth of index
entries of each kind instead of sorting every meeting and statement. They end with the review
status, so that the public's verified records are read from the index alone. The lists' indexes
(migration 0006) are newest first, with ties in the same direction as here, so a backward scan
of them does not give this order. SQLite keeps the plain union and gets none.
"""

from django.db import migrations

TIMELINE_ORDER_INDEXES = {
    "meeting": ("meeting_timeline_order_idx", '"date", "title", "id", "review_status"'),
    "statement": ("statement_timeline_order_idx", '"said_on", "source_id", "span_start", "id", "review_status"'),
}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, (name, columns) in TIMELINE_ORDER_INDEXES.items():
        table = apps.get_model("meetings", model_name)._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(name)} ON {schema_editor.quote_name(table)} ({columns})"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _columns in TIMELINE_ORDER_INDEXES.values():
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0011_sqlite_list_order_indexes")]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
