"""A source keeps the hash of the file it was imported from; press releases are a kind of source."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_statement_context"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsource",
            name="original_hash",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="SHA-256 of the file the article was imported from; empty for pasted text.",
                max_length=64,
                verbose_name="original hash",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="original_hash",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="SHA-256 of the file the article was imported from; empty for pasted text.",
                max_length=64,
                verbose_name="original hash",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="kind",
            field=models.CharField(
                choices=[
                    ("news_report", "News report"),
                    ("opinion", "Opinion"),
                    ("analysis", "Analysis"),
                    ("press_release", "Press release"),
                ],
                help_text="News report, opinion, analysis or press release.",
                max_length=32,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="kind",
            field=models.CharField(
                choices=[
                    ("news_report", "News report"),
                    ("opinion", "Opinion"),
                    ("analysis", "Analysis"),
                    ("press_release", "Press release"),
                ],
                help_text="News report, opinion, analysis or press release.",
                max_length=32,
                verbose_name="kind",
            ),
        ),
    ]
