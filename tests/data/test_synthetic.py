"""generate_synthetic at a tiny scale: the counts asked for, deterministic, spans in their sources, and
a refusal to mix with data already there. No test here depends on how long anything takes."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from meetings.choices import DateBasis, DatePrecision, ReviewStatus
from meetings.management.commands.generate_synthetic import REFUSAL
from meetings.models import Meeting, MeetingParticipant, Participant, Source, Statement, Topic, content_hash
from meetings.provenance import Span, find_span
from meetings.synthetic import WRITTEN_MODELS
from tests.factories import ParticipantFactory, SourceFactory

pytestmark = pytest.mark.django_db

TINY = {"participants": 40, "topics": 20, "meetings": 50, "sources": 8, "statements": 500}


def generate(**options):
    call_command("generate_synthetic", verbosity=0, **{**TINY, **options})


def snapshot() -> dict:
    # The reviewer account is created by each run, so its id is left out (the same account is checked below).
    return {
        model._meta.db_table: [
            {k: v for k, v in row.items() if k != "verified_by_id"} for row in model.objects.order_by("pk").values()
        ]
        for model in WRITTEN_MODELS
    }


def generated_snapshot(**options) -> dict:
    with transaction.atomic():
        generate(**options)
        data = snapshot()
        transaction.set_rollback(True)
    return data


@pytest.fixture
def synthetic(db):
    generate()


def test_counts_are_as_requested(synthetic):
    assert {
        "participants": Participant.objects.count(),
        "topics": Topic.objects.count(),
        "meetings": Meeting.objects.count(),
        "sources": Source.objects.count(),
        "statements": Statement.objects.count(),
    } == TINY
    assert MeetingParticipant.objects.exists()
    assert Statement.topics.through.objects.exists()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(db):
    first = generated_snapshot(seed=7)
    assert first["meetings_statement"]
    assert generated_snapshot(seed=7) == first
    assert generated_snapshot(seed=8) != first


def test_every_span_lies_in_its_source(synthetic):
    texts = dict(Source.objects.values_list("pk", "text"))
    for statement in Statement.objects.all():
        text = texts[statement.source_id]
        assert text[statement.span_start : statement.span_end] == statement.text
        # ... and it is the place the system itself finds for that text and occurrence.
        assert find_span(text, statement.text, statement.occurrence) == Span(statement.span_start, statement.span_end)


def test_the_provenance_check_passes(synthetic):
    call_command("verify_provenance", verbosity=0)


def test_sources_are_hashed_and_cited_where_their_statements_belong(synthetic):
    for source in Source.objects.all():
        assert source.content_hash == content_hash(source.text)
        assert source.url.startswith("https://www.") and ".example/" in source.url
    for statement in Statement.objects.filter(meeting__isnull=False).select_related("meeting"):
        assert statement.meeting.sources.filter(pk=statement.source_id).exists()
    assert not Meeting.objects.filter(sources__isnull=True).exists()


def test_records_are_verified_and_dates_follow_their_precision(synthetic):
    for model in (Meeting, Statement):
        assert not model.objects.exclude(review_status=ReviewStatus.VERIFIED).exists()
        assert not model.objects.filter(verified_at__isnull=True).exists()
    for meeting in Meeting.objects.all():
        if meeting.date is None:
            assert (meeting.date_precision, meeting.date_basis) == (DatePrecision.UNKNOWN, DateBasis.NONE)
        else:
            assert meeting.date_precision != DatePrecision.UNKNOWN and meeting.date_basis != DateBasis.NONE
        assert meeting.country == "" or (len(meeting.country) == 2 and meeting.country.isupper())
        assert meeting.participations.exists()
    for statement in Statement.objects.all():
        assert (statement.said_on is None) == (statement.said_on_precision == DatePrecision.UNKNOWN)


def test_refuses_a_database_that_holds_data(db):
    SourceFactory()
    ParticipantFactory()
    with pytest.raises(CommandError) as refused:
        generate()
    assert str(refused.value) == (
        "The database already holds data (1 source, 1 participant): curated records, or an earlier synthetic "
        "run. generate_synthetic fills an empty database; run it with --allow-curated (or --force) to add "
        "synthetic records next to what is there."
    )
    assert str(refused.value) == REFUSAL.format(counts="1 source, 1 participant")
    assert (Source.objects.count(), Participant.objects.count(), Statement.objects.count()) == (1, 1, 0)


def test_refuses_the_curated_data_set(db):
    call_command("load_curated", verbosity=0)
    before = Statement.objects.count()
    with pytest.raises(CommandError, match=r"^The database already holds data \(.*--allow-curated \(or --force\)"):
        generate()
    assert Statement.objects.count() == before


def test_adds_next_to_existing_data_when_told_to(db):
    existing = SourceFactory()
    kept = dict(Source.objects.filter(pk=existing.pk).values().get())
    generate(allow_curated=True)
    assert Source.objects.count() == TINY["sources"] + 1
    assert Statement.objects.count() == TINY["statements"]
    assert dict(Source.objects.filter(pk=existing.pk).values().get()) == kept


def test_force_is_another_spelling_of_allow_curated(db):
    SourceFactory()
    call_command("generate_synthetic", "--force", "--no-progress", verbosity=0, **TINY)
    assert Statement.objects.count() == TINY["statements"]
    assert Source.objects.count() == TINY["sources"] + 1


def test_refuses_sizes_it_cannot_honour(db):
    with pytest.raises(CommandError, match="--participants must be at least 2"):
        generate(participants=1)
    with pytest.raises(CommandError, match="--sources must be at least 1"):
        generate(sources=0)
