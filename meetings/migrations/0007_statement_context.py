"""A statement's context, stored with its span so that listing statements never reads the texts.

Statements already located get theirs cut from their source here; from now on the span and the
context are set together (Statement.locate).
"""

from django.db import migrations, models

CONTEXT_CHARS = 120


def cut_contexts(apps, schema_editor):
    statement = apps.get_model("meetings", "Statement")
    located = statement.objects.filter(span_start__isnull=False).select_related("source").only(
        "span_start", "span_end", "source__text"
    )
    changed = []
    for row in located.iterator(chunk_size=2000):
        text = row.source.text
        row.context_before = text[max(0, row.span_start - CONTEXT_CHARS) : row.span_start]
        row.context_after = text[row.span_end : row.span_end + CONTEXT_CHARS]
        changed.append(row)
        if len(changed) == 2000:
            statement.objects.bulk_update(changed, ["context_before", "context_after"])
            changed = []
    statement.objects.bulk_update(changed, ["context_before", "context_after"])


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_list_order_and_search_documents'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalstatement',
            name='context_after',
            field=models.TextField(blank=True, default='', editable=False, help_text="Up to 120 characters of the source's text after the span; set with the span.", verbose_name='context after'),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='context_before',
            field=models.TextField(blank=True, default='', editable=False, help_text="Up to 120 characters of the source's text before the span; set with the span.", verbose_name='context before'),
        ),
        migrations.AddField(
            model_name='statement',
            name='context_after',
            field=models.TextField(blank=True, default='', editable=False, help_text="Up to 120 characters of the source's text after the span; set with the span.", verbose_name='context after'),
        ),
        migrations.AddField(
            model_name='statement',
            name='context_before',
            field=models.TextField(blank=True, default='', editable=False, help_text="Up to 120 characters of the source's text before the span; set with the span.", verbose_name='context before'),
        ),
        migrations.RunPython(cut_contexts, migrations.RunPython.noop, elidable=False),
    ]
