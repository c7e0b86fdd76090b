"""The curated data as records to compare, and what a curator might do to it: for the data tests."""

import datetime

from meetings.choices import DateBasis, DatePrecision, MeetingKind, ParticipantRole, ReviewStatus, StatementKind
from meetings.models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic
from meetings.services import set_review_status

MODELS = [Source, Participant, Topic, Meeting, MeetingParticipant, Outcome, Statement]


def natural_key(record):
    return None if record is None else tuple(record.natural_key())


def curated_records() -> dict[str, dict]:
    """Every curated record, field by field, keyed by natural key; relations as natural keys.

    Primary keys and timestamps are left out: they differ between two loads by design. Hashes
    and spans are kept, so recomputing them on load is checked too.
    """
    snapshot = {}
    for model in MODELS:
        rows = {}
        for record in model._base_manager.all():
            values = {}
            for field in model._meta.concrete_fields:
                if field.primary_key or field.name in {"created_at", "updated_at"}:
                    continue
                values[field.name] = (
                    natural_key(getattr(record, field.name)) if field.is_relation else getattr(record, field.attname)
                )
            for field in model._meta.many_to_many:
                values[field.name] = sorted(natural_key(related) for related in getattr(record, field.name).all())
            rows[natural_key(record)] = values
        snapshot[model.__name__] = rows
    return snapshot


def empty_curated_tables():
    Statement.objects.all().delete()
    # Parents are PROTECTed from their children: detach them, then delete everything.
    Meeting.objects.update(parent=None)
    Meeting.objects.all().delete()  # with their participations and outcomes
    Topic.objects.update(parent=None)
    Topic.objects.all().delete()
    Participant.objects.all().delete()
    Source.objects.all().delete()


def curate(user):
    """What a curator might do in the admin, touching every model and every ordering rule."""
    verified_at = datetime.datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    talks = Meeting.objects.get(slug="lavrov-tillerson-talks-moscow-2017-04-12")
    talks.review_status, talks.verified_by, talks.verified_at = "verified", user, verified_at
    talks.save()
    draft = Statement.objects.get(slug="tillerson-2017-04-12-orderly")
    set_review_status(draft, ReviewStatus.DRAFT)
    draft.save()

    # A topic three levels deep whose slug sorts before every other one.
    minsk = Topic.objects.get(slug="minsk-agreements")
    deep = Topic.objects.create(slug="aaa-minsk-ceasefire", name="Ceasefire", parent=minsk)
    deeper = Topic.objects.create(slug="aaa-minsk-ceasefire-monitoring", name="Monitoring", parent=deep)

    visit = Meeting.objects.get(slug="tillerson-visit-moscow-2017-04")
    session = Meeting.objects.create(
        slug="aaa-working-lunch-moscow-2017-04-12",
        title="Working lunch",
        kind=MeetingKind.TALKS,
        parent=visit,
        date=datetime.date(2017, 4, 12),
        date_precision=DatePrecision.DAY,
        date_basis=DateBasis.SOURCE,
        city="Moscow",
        country="RU",
    )
    session.sources.set(Source.objects.order_by("-slug")[:2])
    session.topics.set([deeper, Topic.objects.get(slug="syria"), deep])
    lavrov, tillerson = Participant.objects.get(slug="sergey-lavrov"), Participant.objects.get(slug="rex-tillerson")
    MeetingParticipant.objects.create(meeting=session, participant=tillerson, role=ParticipantRole.GUEST, position=1)
    MeetingParticipant.objects.create(meeting=session, participant=lavrov, role=ParticipantRole.HOST, position=0)
    Outcome.objects.create(meeting=session, position=0, description="Lunch was served.", source=talks.sources.first())

    source = Source.objects.get(slug="tillerson-visits-moscow-turbulent-period")
    statement = Statement.objects.create(
        slug="aaa-lavrov-frank",
        speaker=lavrov,
        via=tillerson,
        meeting=session,
        source=source,
        kind=StatementKind.DIRECT_QUOTE,
        text="frank and comprehensive,",
        said_on=datetime.date(2017, 4, 12),
        said_on_precision=DatePrecision.DAY,
        channel="press_conference",
    )
    statement.topics.set([deeper, deep])
    assert statement.span_start is not None
