"""What happens around saves, wherever they come from: connected by ``MeetingsConfig.ready()``.

- Every change to the curated data bumps the data version that ETags and kept counts name.
- Loading fixtures or a backup saves raw (no ``save()``, no ``clean()``): the checks that
  ``save()`` and ``clean()`` make elsewhere are made here instead, so a fixture cannot bring in
  a quote that is not in its source, a tree cycle or a stale content hash.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from .models import CURATED_MODELS, DataVersion, Meeting, Source, Statement, TimeStampedModel, Topic, content_hash


def bump_data_version(sender, **kwargs) -> None:
    DataVersion.bump()


def bump_data_version_on_links(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        DataVersion.bump()


def locate_statement_on_fixture_load(sender, instance: Statement, raw: bool, **kwargs) -> None:
    """loaddata saves raw (bypassing save()), so fixtures are verified here instead."""
    if raw:
        instance.locate()


def hash_source_on_fixture_load(sender, instance: Source, raw: bool, **kwargs) -> None:
    if raw:
        instance.content_hash = content_hash(instance.text)


def refuse_cycle_on_fixture_load(sender, instance: Topic | Meeting, raw: bool, **kwargs) -> None:
    if raw:
        instance.refuse_cycle()


def stamp_times_on_fixture_load(sender, instance, raw: bool, **kwargs) -> None:
    """Fixtures leave timestamps out, so they diff cleanly; give loaded records honest ones.

    A record that already exists keeps its creation time, and keeps its last-change time
    too unless the fixture changes one of its fields: loading the same data twice changes nothing.
    """
    if not raw or not isinstance(instance, TimeStampedModel):
        return
    now = timezone.now()
    existing = sender.objects.filter(pk=instance.pk).first() if instance.pk is not None else None
    if existing is None:
        instance.created_at = instance.created_at or now
        instance.updated_at = instance.updated_at or now
        return
    instance.created_at = instance.created_at or existing.created_at
    if instance.updated_at is None:
        compared = [f.attname for f in sender._meta.concrete_fields if f.attname not in {"created_at", "updated_at"}]
        unchanged = all(getattr(instance, name) == getattr(existing, name) for name in compared)
        instance.updated_at = existing.updated_at if unchanged else now


def skip_history_on_fixture_load(sender, instance, raw: bool, **kwargs) -> None:
    """Loading fixtures or a backup brings records as they are; it is not a change to keep in their history.

    Raw saves make no history already, but the many-to-many links loaded after each record would
    add a "changed" entry dated now; the flag keeps them from doing so. A backup brings its own
    history along.
    """
    if raw and hasattr(sender._meta, "simple_history_manager_attribute"):
        instance.skip_history_when_saving = True


def connect() -> None:
    for model in CURATED_MODELS:
        post_save.connect(bump_data_version, sender=model, dispatch_uid=f"data_version_save_{model.__name__}")
        post_delete.connect(bump_data_version, sender=model, dispatch_uid=f"data_version_delete_{model.__name__}")
    for through in (Meeting.topics.through, Meeting.sources.through, Statement.topics.through):
        m2m_changed.connect(
            bump_data_version_on_links, sender=through, dispatch_uid=f"data_version_m2m_{through.__name__}"
        )
    pre_save.connect(
        locate_statement_on_fixture_load, sender=Statement, dispatch_uid="statement_locate_on_fixture_load"
    )
    pre_save.connect(hash_source_on_fixture_load, sender=Source, dispatch_uid="source_hash_on_fixture_load")
    for model in (Topic, Meeting):
        pre_save.connect(
            refuse_cycle_on_fixture_load, sender=model, dispatch_uid=f"cycle_on_fixture_load_{model.__name__}"
        )
    pre_save.connect(stamp_times_on_fixture_load, dispatch_uid="timestamps_on_fixture_load")
    pre_save.connect(skip_history_on_fixture_load, dispatch_uid="no_history_on_fixture_load")
