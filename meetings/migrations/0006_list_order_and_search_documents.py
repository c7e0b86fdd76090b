"""Indexes for the lists' default order and for filtering by topic; stored search documents.

- Meetings' and statements' review-status indexes cover the drafts only: verified records are
  nearly all of them, and an index of those only tempted the planner away from better ones.
- On PostgreSQL, meetings and statements get an index in their list's default order (newest
  first, undated last; statements then in text order), ending with the review status so that
  counting a list or a date range reads the index alone. SQLite cannot order NULLs in an index.
- The topic link tables get a (topic, record) index, so that filtering by a topic subtree
  reads the matching records' ids from the index alone.
- On PostgreSQL each searchable table gets a generated column holding its full-text document
  (DOCUMENTS, written out here as they were when this migration was made) with a GIN index on
  it, replacing the expression indexes of migration 0002: ranking and phrase checks then read
  the stored document instead of parsing every matching row's text again. Other databases
  search by substring and get none of this.
- On PostgreSQL source texts are stored uncompressed, so that a statement's context is cut
  out of its source without decompressing the whole article.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models.functions import Cast

SEARCH_CONFIG = "english"
DOCUMENT_COLUMN = "search_document"
DOCUMENTS = {
    "meeting": ("title", "summary", "city"),
    "participant": ("name", "other_names", "position"),
    "topic": ("name", "description"),
    "source": ("title", "publisher", "author", "text"),
    "statement": ("text",),
}
JSON_FIELDS = {"other_names"}

TOPIC_LINKS = {"meeting": "meeting_id", "statement": "statement_id"}
LIST_ORDER_INDEXES = {
    "meeting": ("meeting_list_order_idx", '"date" DESC NULLS LAST, "title", "review_status"'),
    "statement": (
        "statement_list_order_idx",
        '"said_on" DESC NULLS LAST, "source_id", "span_start", "id", "review_status"',
    ),
}


def add_list_order_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, (name, columns) in LIST_ORDER_INDEXES.items():
        table = apps.get_model("meetings", model_name)._meta.db_table
        schema_editor.execute(f"CREATE INDEX {schema_editor.quote_name(name)} ON {schema_editor.quote_name(table)} ({columns})")


def drop_list_order_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _columns in LIST_ORDER_INDEXES.values():
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def _link_table(apps, model_name):
    return apps.get_model("meetings", model_name)._meta.get_field("topics").remote_field.through._meta.db_table


def add_topic_link_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    for model_name, column in TOPIC_LINKS.items():
        table = _link_table(apps, model_name)
        schema_editor.execute(
            f"CREATE INDEX {quote(f'{model_name}_topics_by_topic_idx')} ON {quote(table)} "
            f"({quote('topic_id')}, {quote(column)})"
        )


def drop_topic_link_indexes(apps, schema_editor):
    for model_name in TOPIC_LINKS:
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(f'{model_name}_topics_by_topic_idx')}")


def search_index(model_name):
    """Migration 0002's expression index over a table's document, which the stored column replaces."""
    fields = (Cast(name, models.TextField()) if name in JSON_FIELDS else name for name in DOCUMENTS[model_name])
    return GinIndex(SearchVector(*fields, config=SEARCH_CONFIG), name=f"{model_name}_search_idx")


def document_sql(model, quote):
    """The SQL of a table's full-text document over its own columns, for its generated column."""
    parts = []
    for name in DOCUMENTS[model._meta.model_name]:
        column = quote(model._meta.get_field(name).column)
        parts.append(f"COALESCE(({column})::text, '')")
    return f"to_tsvector('{SEARCH_CONFIG}'::regconfig, {" || ' ' || ".join(parts)})"


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name in DOCUMENTS:
        model = apps.get_model("meetings", model_name)
        table = quote(model._meta.db_table)
        schema_editor.remove_index(model, search_index(model_name))
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {quote(DOCUMENT_COLUMN)} tsvector "
            f"GENERATED ALWAYS AS ({document_sql(model, quote)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(f'{model_name}_search_idx')} ON {table} USING gin ({quote(DOCUMENT_COLUMN)})"
        )


def store_texts_uncompressed(apps, schema_editor):
    """Source texts uncompressed (still out of line), so that cutting a statement's context out of
    one reads only the pages it needs instead of decompressing the whole article."""
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    source = apps.get_model("meetings", "source")
    table, text = quote(source._meta.db_table), quote(source._meta.get_field("text").column)
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {text} SET STORAGE EXTERNAL")
    # Texts already stored keep their compression until they are written again.
    schema_editor.execute(f"UPDATE {table} SET {text} = {text} || ''")


def store_texts_compressed(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    source = apps.get_model("meetings", "source")
    schema_editor.execute(
        f"ALTER TABLE {quote(source._meta.db_table)} ALTER COLUMN "
        f"{quote(source._meta.get_field('text').column)} SET STORAGE EXTENDED"
    )


def drop_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name in DOCUMENTS:
        model = apps.get_model("meetings", model_name)
        schema_editor.execute(f"ALTER TABLE {quote(model._meta.db_table)} DROP COLUMN {quote(DOCUMENT_COLUMN)}")
        schema_editor.add_index(model, search_index(model_name))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_curators_group")]

    operations = [
        migrations.RemoveIndex(model_name="meeting", name="meeting_review_status_idx"),
        migrations.RemoveIndex(model_name="statement", name="statement_review_status_idx"),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                condition=models.Q(("review_status", "draft")), fields=["review_status"], name="meeting_drafts_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                condition=models.Q(("review_status", "draft")), fields=["review_status"], name="statement_drafts_idx"
            ),
        ),
        migrations.RunPython(add_list_order_indexes, drop_list_order_indexes, elidable=False),
        migrations.RunPython(add_topic_link_indexes, drop_topic_link_indexes, elidable=False),
        migrations.RunPython(add_search_documents, drop_search_documents, elidable=False),
        migrations.RunPython(store_texts_uncompressed, store_texts_compressed, elidable=False),
    ]
