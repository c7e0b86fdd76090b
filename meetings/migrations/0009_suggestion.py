"""Curators' decisions on the suggester's proposals: what was accepted, rejected, or is still open."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_source_original_hash_and_press_releases"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Suggestion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, help_text="When the record was created.", verbose_name="created at"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        auto_now=True, help_text="When the record last changed.", verbose_name="updated at"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("participant", "Participant"), ("meeting", "Meeting"), ("statement", "Statement")],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        help_text="What identifies the proposal among the source's.", max_length=64, verbose_name="key"
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        help_text="The proposal in words, as the curator saw it.", max_length=500, verbose_name="label"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("accepted", "Accepted"), ("rejected", "Rejected")],
                        default="open",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "record_id",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="The id of the draft record an accepted proposal created.",
                        null=True,
                        verbose_name="record",
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided at")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="suggestions",
                        to="meetings.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "ordering": ["source", "pk"],
                "indexes": [
                    models.Index(condition=models.Q(("status", "open")), fields=["status"], name="suggestion_open_idx")
                ],
                "constraints": [models.UniqueConstraint(fields=("source", "key"), name="suggestion_unique_key")],
            },
        ),
    ]
