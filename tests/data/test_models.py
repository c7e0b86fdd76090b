import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from meetings.choices import DateBasis, DatePrecision, StatementKind
from meetings.models import Meeting, Participant, Source, Statement, Topic, content_hash
from meetings.provenance import QuoteNotInSourceError
from tests.factories import (
    MeetingFactory,
    MeetingParticipantFactory,
    OutcomeFactory,
    ParticipantFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _integrity_error(save) -> str:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        save()
    return str(caught.value)


def test_every_model_has_a_readable_str():
    source = SourceFactory(title="Tillerson Visits Moscow")
    lavrov = ParticipantFactory(name="Sergey Lavrov")
    meeting = MeetingFactory(title="Lavrov–Tillerson talks")
    statement = StatementFactory(speaker=lavrov, source=source)
    assert str(source) == "Tillerson Visits Moscow"
    assert str(lavrov) == "Sergey Lavrov"
    assert str(TopicFactory(name="Syria")) == "Syria"
    assert str(meeting) == "Lavrov–Tillerson talks"
    assert str(MeetingParticipantFactory(meeting=meeting, participant=lavrov, role="host")) == (
        "Sergey Lavrov (Host) at Lavrov–Tillerson talks"
    )
    assert str(OutcomeFactory(meeting=meeting, description="Special envoys appointed.")) == "Special envoys appointed."
    assert str(statement) == "Sergey Lavrov: frank and comprehensive"


def test_source_hash_is_computed_from_the_text_on_save():
    source = SourceFactory(text="Some text\u00a0here.")
    assert source.content_hash == content_hash("Some text\u00a0here.")
    source.text = "Other text."
    source.save()
    assert Source.objects.get(pk=source.pk).content_hash == content_hash("Other text.")


def test_the_same_source_text_cannot_be_stored_twice():
    SourceFactory(text="Same text.")
    assert "content_hash" in _integrity_error(lambda: SourceFactory(text="Same text."))


def test_meeting_cannot_end_before_it_starts():
    meeting = MeetingFactory.build(
        date=datetime.date(2017, 4, 12),
        date_precision=DatePrecision.DAY,
        date_basis=DateBasis.SOURCE,
        end_date=datetime.date(2017, 4, 11),
    )
    assert "meeting_ends_after_it_starts" in _integrity_error(meeting.save)
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert caught.value.message_dict == {
        "__all__": ["A meeting cannot end before it starts, nor have an end without a start."]
    }


@pytest.mark.parametrize(
    ("date", "precision", "basis", "constraint"),
    [
        (None, DatePrecision.DAY, DateBasis.NONE, "meeting_date_precision_goes_with_date"),
        (datetime.date(2017, 4, 1), DatePrecision.UNKNOWN, DateBasis.SOURCE, "meeting_date_precision_goes_with_date"),
        (datetime.date(2017, 4, 1), DatePrecision.MONTH, DateBasis.NONE, "meeting_date_basis_goes_with_date"),
        (None, DatePrecision.UNKNOWN, DateBasis.SOURCE, "meeting_date_basis_goes_with_date"),
    ],
)
def test_meeting_date_precision_and_basis_go_with_a_date(date, precision, basis, constraint):
    meeting = MeetingFactory.build(date=date, date_precision=precision, date_basis=basis)
    assert constraint in _integrity_error(meeting.save)


def test_a_meeting_with_a_month_precision_date_is_valid():
    meeting = MeetingFactory(
        date=datetime.date(2018, 6, 1), date_precision=DatePrecision.MONTH, date_basis=DateBasis.SOURCE
    )
    meeting.full_clean()


def test_country_codes_are_iso_alpha2_capitals():
    assert "participant_country_is_iso_alpha2" in _integrity_error(lambda: ParticipantFactory(country="ru"))
    with pytest.raises(ValidationError) as caught:
        ParticipantFactory.build(country="Russia", slug="x").full_clean()
    assert caught.value.message_dict["country"] == [
        "Enter an ISO 3166-1 alpha-2 country code in capitals, such as RU or US.",
        "Ensure this value has at most 2 characters (it has 6).",
    ]


def test_a_topic_cannot_be_its_own_ancestor():
    syria = TopicFactory(slug="syria")
    idlib = TopicFactory(slug="idlib", parent=syria)
    syria.parent = idlib
    with pytest.raises(ValidationError) as caught:
        syria.full_clean()
    assert caught.value.message_dict == {"parent": ["A topic cannot be its own ancestor."]}


def test_topic_with_descendants_walks_the_whole_subtree():
    syria = TopicFactory(slug="syria")
    idlib = TopicFactory(slug="idlib", parent=syria)
    attack = TopicFactory(slug="attack", parent=idlib)
    TopicFactory(slug="ukraine")
    assert set(Topic.objects.with_descendants(syria).values_list("slug", flat=True)) == {"syria", "idlib", "attack"}
    assert set(Topic.objects.with_descendants(attack).values_list("slug", flat=True)) == {"attack"}


def test_saving_a_direct_quote_sets_its_span_from_the_source_text():
    statement = StatementFactory(text="There must be an inclusive intra-Syrian dialogue,")
    text = statement.source.text
    assert text[statement.span_start : statement.span_end] == "There must be an inclusive\u00a0intra-Syrian dialogue,"


def test_saving_a_direct_quote_not_in_the_source_is_refused_and_saves_nothing():
    with pytest.raises(QuoteNotInSourceError) as caught:
        StatementFactory(slug="made-up", text="We will never talk again")
    assert caught.value.message_dict == {
        "text": [
            "Statement “made-up”: the direct quote “We will never talk again” does not occur in the source's text."
        ]
    }
    assert Statement.objects.count() == 0


def test_a_paraphrase_in_the_curators_words_has_no_span():
    statement = StatementFactory(kind=StatementKind.PARAPHRASE, text="Lavrov called for a Syrian-led dialogue.")
    assert (statement.span_start, statement.span_end) == (None, None)


def test_a_statement_gets_a_unique_slug_from_speaker_and_text():
    speaker = ParticipantFactory(name="Sergey Lavrov")
    first = StatementFactory(speaker=speaker, text="frank and comprehensive")
    second = StatementFactory(speaker=speaker, text="frank and comprehensive")
    assert (first.slug, second.slug) == (
        "sergey-lavrov-frank-and-comprehensive",
        "sergey-lavrov-frank-and-comprehensive-2",
    )


def test_a_statement_cannot_be_relayed_by_its_own_speaker():
    speaker = ParticipantFactory()
    assert "statement_not_relayed_by_its_speaker" in _integrity_error(
        lambda: StatementFactory(speaker=speaker, via=speaker)
    )


def test_a_span_must_be_ordered_and_a_direct_quote_must_have_one():
    statement = StatementFactory()
    assert "statement_span_is_ordered" in _integrity_error(
        lambda: Statement.objects.filter(pk=statement.pk).update(span_end=statement.span_start)
    )
    assert "statement_direct_quote_has_span" in _integrity_error(
        lambda: Statement.objects.filter(pk=statement.pk).update(span_start=None, span_end=None)
    )


def _write_fixture(tmp_path, records) -> str:
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


def _fixture(quote: str) -> list[dict]:
    return [
        {
            "model": "meetings.source",
            "fields": {
                "slug": "article",
                "title": "Article",
                "kind": "news_report",
                "text": "Lavrov said it was\u00a0\u201cnot in vain.\u201d",
            },
        },
        {
            "model": "meetings.participant",
            "fields": {"slug": "lavrov", "name": "Sergey Lavrov", "kind": "person", "country": "RU"},
        },
        {
            "model": "meetings.statement",
            "fields": {
                "slug": "lavrov-not-in-vain",
                "speaker": ["lavrov"],
                "source": ["article"],
                "kind": "direct_quote",
                "text": quote,
                "channel": "unknown",
            },
        },
    ]


def test_fixture_loading_locates_quotes_hashes_sources_and_is_idempotent(tmp_path):
    path = _write_fixture(tmp_path, _fixture("not in vain."))
    call_command("loaddata", path, verbosity=0)
    statement = Statement.objects.get(slug="lavrov-not-in-vain")
    assert (statement.span_start, statement.span_end) == (20, 32)
    source = Source.objects.get(slug="article")
    assert source.content_hash == content_hash(source.text)
    before = {m: list(m.objects.values()) for m in (Source, Participant, Statement)}

    call_command("loaddata", path, verbosity=0)

    assert {m: list(m.objects.values()) for m in (Source, Participant, Statement)} == before


def test_fixture_with_a_quote_not_in_its_source_fails_naming_it_and_loads_nothing(tmp_path):
    path = _write_fixture(tmp_path, _fixture("all in vain."))
    with pytest.raises(QuoteNotInSourceError) as caught:
        call_command("loaddata", path, verbosity=0)
    assert caught.value.message_dict == {
        "text": ["Statement “lavrov-not-in-vain”: the direct quote “all in vain.” does not occur in the source's text."]
    }
    assert (Source.objects.count(), Participant.objects.count(), Statement.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(
    ("model", "fields", "message"),
    [
        ("meetings.topic", {"name": "A topic"}, "A topic cannot be its own ancestor."),
        (
            "meetings.meeting",
            {"title": "A meeting", "kind": "talks", "status": "held", "sources": []},
            "A meeting cannot be part of itself.",
        ),
    ],
)
def test_fixture_with_a_tree_cycle_fails_with_the_models_message_and_loads_nothing(tmp_path, model, fields, message):
    records = [
        {"model": model, "pk": 1, "fields": {**fields, "slug": "upper", "parent": 2}},
        {"model": model, "pk": 2, "fields": {**fields, "slug": "lower", "parent": 1}},
    ]
    path = _write_fixture(tmp_path, records)
    with pytest.raises(ValidationError) as caught:
        call_command("loaddata", path, verbosity=0)
    assert caught.value.message_dict == {"parent": [message]}
    assert (Topic.objects.count(), Meeting.objects.count()) == (0, 0)


def test_meeting_natural_keys_round_trip():
    meeting = MeetingFactory(slug="lavrov-tillerson-2017")
    assert Meeting.objects.get_by_natural_key(*meeting.natural_key()) == meeting
