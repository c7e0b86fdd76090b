"""A write that fails part-way leaves nothing behind: no record, no link, no history, no new version.

Each case lets a write go some way (the meeting's row saved with its history, its topics
linked, its participants inserted...) and then makes the database fail, the way a lost
connection, a full disk or a conflicting concurrent write would. The client gets the JSON
answer the application gives for that failure, and every table is as it was before.
"""

import pytest
from django.db import DatabaseError, IntegrityError, OperationalError
from django.db.models.signals import m2m_changed, post_save
from rest_framework.test import APIClient

from meetings.api.views import CuratedViewSet
from meetings.middleware import API_DETAIL
from meetings.models import Meeting, MeetingParticipant, Outcome, Statement
from tests.factories import SourceFactory
from tests.snapshots import differences, snapshot

pytestmark = pytest.mark.django_db

# What the client gets for each kind of failure.
ANSWERS = {
    DatabaseError: (500, {"detail": "Server error."}),
    OperationalError: (503, {"detail": API_DETAIL}),
    IntegrityError: (409, {"detail": "The write conflicts with existing data and was not saved."}),
}

MEETING = {
    "title": "Lavrov–Tillerson talks, second round",
    "kind": "talks",
    "date": "2017-04-13",
    "date_precision": "day",
    "date_basis": "source",
    "city": "Moscow",
    "country": "RU",
    "summary": "More talks.",
    "parent": "tillerson-visit-moscow-2017",
    "participants": [
        {"participant": "sergey-lavrov", "role": "host"},
        {"participant": "rex-tillerson", "role": "guest"},
        {"participant": "vladimir-putin", "role": "attendee"},
    ],
    "topics": ["syria", "ukraine"],
    "sources": ["tillerson-visits-moscow", "second-source"],
    "outcomes": [
        {"description": "Special envoys to be appointed.", "source": "tillerson-visits-moscow"},
        {"description": "Talks to continue.", "source": "tillerson-visits-moscow"},
    ],
    "review_status": "verified",
}
STATEMENT = {
    "speaker": "rex-tillerson",
    "meeting": "lavrov-tillerson-talks-2017",
    "source": "tillerson-visits-moscow",
    "kind": "direct_quote",
    "text": "Tillerson in Moscow",
    "topics": ["syria", "idlib-chemical-incident"],
    "said_on": "2017-04-12",
    "said_on_precision": "day",
    "channel": "press_conference",
    "review_status": "verified",
}


class _Failure:
    """Makes the database fail at one step of a write, after the steps before it have run."""

    def __init__(self, monkeypatch, error: type[Exception]):
        self.monkeypatch, self.error, self.receivers = monkeypatch, error, []
        self.reached = 0

    def fail(self, *args, **kwargs):
        self.reached += 1
        raise self.error("the database failed here")

    def after_save(self, model):
        self._connect(post_save, model, lambda **kwargs: self.fail())

    def after_linking(self, relation):
        self._connect(m2m_changed, relation.through, lambda action, **kwargs: action == "post_add" and self.fail())

    def after_bulk_insert(self, model):
        manager, insert = model.objects, model.objects.bulk_create

        def insert_then_fail(*args, **kwargs):
            insert(*args, **kwargs)  # the rows are in the table when the failure comes
            self.fail()

        self.monkeypatch.setattr(manager, "bulk_create", insert_then_fail)

    def in_the_answer(self):
        # Everything is written; reading it back for the answer fails.
        self.monkeypatch.setattr(CuratedViewSet, "_detail", self.fail)

    def _connect(self, signal, sender, receiver):
        # Connected after the history and data-version receivers, so those have run when it fails.
        signal.connect(receiver, sender=sender, weak=False, dispatch_uid=f"test-failure-{id(self)}")
        self.receivers.append((signal, sender))

    def undo(self):
        for signal, sender in self.receivers:
            signal.disconnect(sender=sender, dispatch_uid=f"test-failure-{id(self)}")


MEETING_STEPS = {
    "the meeting's row": lambda failure: failure.after_save(Meeting),
    "its topics": lambda failure: failure.after_linking(Meeting.topics),
    "its sources": lambda failure: failure.after_linking(Meeting.sources),
    "its participants": lambda failure: failure.after_bulk_insert(MeetingParticipant),
    "its outcomes": lambda failure: failure.after_bulk_insert(Outcome),
    "the answer": lambda failure: failure.in_the_answer(),
}
STATEMENT_STEPS = {
    "the statement's row": lambda failure: failure.after_save(Statement),
    "its topics": lambda failure: failure.after_linking(Statement.topics),
    "the answer": lambda failure: failure.in_the_answer(),
}


@pytest.fixture
def writer(curator, world) -> APIClient:
    """A curator's client that gets the answers a real client would, server errors included."""
    SourceFactory(slug="second-source", title="Second source")  # so that every link is a new one
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(curator)
    return client


@pytest.fixture
def failure(monkeypatch, request):
    failure = _Failure(monkeypatch, request.param)
    yield failure
    failure.undo()


def _write(writer, method: str, url: str, body: dict, failure: _Failure):
    before = snapshot(accounts=True)
    response = getattr(writer, method)(url, body, format="json")
    assert failure.reached == 1, "the failure was never reached: the write does not take this step"
    status, answer = ANSWERS[failure.error]
    assert (response.status_code, response["Content-Type"], response.json()) == (status, "application/json", answer)
    assert differences(before, snapshot(accounts=True)) == {}
    return response


@pytest.mark.parametrize("failure", list(ANSWERS), indirect=True, ids=lambda error: error.__name__)
@pytest.mark.parametrize("step", list(MEETING_STEPS))
def test_a_meeting_created_with_everything_it_holds_is_created_whole_or_not_at_all(world, writer, failure, step):
    MEETING_STEPS[step](failure)
    _write(writer, "post", "/api/v1/meetings/", {"slug": "second-round", **MEETING}, failure)
    assert not Meeting._base_manager.filter(slug="second-round").exists()


@pytest.mark.parametrize("failure", list(ANSWERS), indirect=True, ids=lambda error: error.__name__)
@pytest.mark.parametrize("step", list(MEETING_STEPS))
def test_a_meeting_replaced_with_everything_it_holds_keeps_all_it_had_when_the_write_fails(
    world, writer, failure, step
):
    MEETING_STEPS[step](failure)
    url = "/api/v1/meetings/lavrov-tillerson-talks-2017/"
    _write(writer, "put", url, {"slug": "lavrov-tillerson-talks-2017", **MEETING}, failure)
    talks = Meeting.objects.get(slug="lavrov-tillerson-talks-2017")
    assert [p.participant.slug for p in talks.participations.order_by("position")] == [
        "sergey-lavrov",
        "rex-tillerson",
    ]


@pytest.mark.parametrize("failure", list(ANSWERS), indirect=True, ids=lambda error: error.__name__)
@pytest.mark.parametrize("step", list(STATEMENT_STEPS))
def test_a_statement_is_created_or_replaced_whole_or_not_at_all(world, writer, failure, step):
    STATEMENT_STEPS[step](failure)
    _write(writer, "post", "/api/v1/statements/", {"slug": "tillerson-in-moscow", **STATEMENT}, failure)
    failure.reached = 0
    _write(writer, "put", f"/api/v1/statements/{world['productive'].pk}/", STATEMENT, failure)
    assert not Statement._base_manager.filter(slug="tillerson-in-moscow").exists()


def test_the_same_writes_succeed_when_nothing_fails(world, writer):
    """The cases above fail at steps that a successful write really takes."""
    response = writer.post("/api/v1/meetings/", {"slug": "second-round", **MEETING}, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()["participants"]) == 3 and len(response.json()["outcomes"]) == 2
    response = writer.put(
        "/api/v1/meetings/lavrov-tillerson-talks-2017/",
        {"slug": "lavrov-tillerson-talks-2017", **MEETING},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = writer.post("/api/v1/statements/", STATEMENT, format="json")
    assert response.status_code == 201, response.json()
