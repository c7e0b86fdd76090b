import pytest
from django.core.cache import cache
from django.db import connection

from meetings.models import Meeting, MeetingParticipant, Outcome
from tests.compact_forms import IDLIB, LAVROV, MINSK, PUTIN, SOURCE, SYRIA, TALKS, TILLERSON, UKRAINE
from tests.factories import MeetingFactory, MeetingParticipantFactory, ParticipantFactory, SourceFactory, TopicFactory
from tests.helpers import context, page, reviewed, selectors, stamps

POSTGRESQL = connection.vendor == "postgresql"

pytestmark = pytest.mark.django_db


def talks_list_entry(world) -> dict:
    return {
        **TALKS,
        "date_basis": "source",
        "end_date": None,
        "city": "Moscow",
        "country": "RU",
        "parent": "tillerson-visit-moscow-2017",
        "participants": [{**LAVROV, "role": "host"}, {**TILLERSON, "role": "guest"}],
        "topics": [{"slug": "idlib-chemical-incident", "name": "Chemical-weapons incident in Idlib"}],
        "sources": [SOURCE],
        **reviewed(world["talks"]),
        **stamps(world["talks"]),
        "search_highlight": None,
    }


def test_list_returns_every_meeting_newest_first_undated_last(world, api_client):
    response = api_client.get("/api/v1/meetings/")
    assert response.status_code == 200
    assert response.json() == page(
        [
            talks_list_entry(world),
            {
                "slug": "tillerson-visit-moscow-2017",
                "title": "Tillerson's visit to Moscow",
                "kind": "visit",
                "status": "held",
                "date": "2017-04-12",
                "date_precision": "day",
                "date_basis": "source",
                "end_date": None,
                "city": "Moscow",
                "country": "RU",
                "parent": None,
                "participants": [{**TILLERSON, "role": "guest"}],
                "topics": [{"slug": "syria", "name": "Syria"}],
                "sources": [SOURCE],
                **reviewed(world["visit"]),
                **stamps(world["visit"]),
                "search_highlight": None,
            },
            {
                **MINSK,
                "date_basis": "",
                "end_date": None,
                "city": "",
                "country": "",
                "parent": None,
                "participants": [{**PUTIN, "role": "host"}],
                "topics": [UKRAINE],
                "sources": [SOURCE],
                **reviewed(world["planned"]),
                **stamps(world["planned"]),
                "search_highlight": None,
            },
        ]
    )


def in_meeting(statement, speaker, kind, text, topics, said_on, precision, channel="unknown") -> dict:
    """A world statement as its meeting's detail shows it: everything but the meeting itself."""
    return {
        "id": statement.pk,
        "slug": statement.slug,
        "speaker": speaker,
        "via": None,
        "source": SOURCE,
        "kind": kind,
        "text": text,
        "span": {"start": statement.span_start, "end": statement.span_end},
        "context": context(statement),
        "selectors": selectors(statement),
        "topics": topics,
        "said_on": said_on,
        "said_on_precision": precision,
        "channel": channel,
        **reviewed(statement),
        **stamps(statement),
    }


def test_detail_adds_summary_children_outcomes_and_statements(world, api_client):
    response = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/")
    assert response.status_code == 200
    frank, productive, dialogue = world["frank"], world["productive"], world["dialogue"]
    entry = talks_list_entry(world)
    timestamps = {key: entry.pop(key) for key in ("created_at", "updated_at")}
    del entry["search_highlight"]
    assert response.json() == {
        **entry,
        "summary": "Talks in Moscow.",
        "children": [],
        "outcomes": [{"description": "Special envoys to be appointed.", "source": "tillerson-visits-moscow"}],
        "statements": [
            in_meeting(
                frank,
                LAVROV,
                "direct_quote",
                "frank and comprehensive",
                [SYRIA],
                "2017-04-12",
                "day",
                "press_conference",
            ),
            in_meeting(productive, TILLERSON, "paraphrase", "Tillerson called them productive", [], None, "unknown"),
            in_meeting(
                dialogue,
                LAVROV,
                "direct_quote",
                "There must be an inclusive intra-Syrian dialogue,",
                [IDLIB],
                None,
                "unknown",
            ),
        ],
        **timestamps,
    }


def test_detail_of_a_visit_lists_its_sessions(world, api_client):
    children = api_client.get("/api/v1/meetings/tillerson-visit-moscow-2017/").json()["children"]
    assert children == [TALKS]


def test_unknown_meeting_is_a_json_404(api_client, db):
    response = api_client.get("/api/v1/meetings/no-such-meeting/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Meeting matches the given query."}


def _meetings(count: int) -> None:
    source, topic = SourceFactory(), TopicFactory()
    people = ParticipantFactory.create_batch(3)
    for meeting in MeetingFactory.create_batch(count, sources=[source], topics=[topic]):
        for person in people:
            MeetingParticipantFactory(meeting=meeting, participant=person)


@pytest.mark.parametrize("count", [1, 25])
def test_list_runs_a_fixed_number_of_queries_whatever_the_page_size(count, api_client, django_assert_num_queries, db):
    _meetings(count)
    # data version (for the ETag), count, the page's ids, those meetings: on PostgreSQL with their
    # participants, topics and sources in the same query; elsewhere those are three more
    for page_size in (1, 100):
        cache.clear()  # a first request: the count is made, not reused
        with django_assert_num_queries(4 if POSTGRESQL else 7):
            response = api_client.get("/api/v1/meetings/", {"page_size": page_size})
        assert len(response.json()["results"]) == min(count, page_size)


def test_detail_runs_a_fixed_number_of_queries(world, api_client, django_assert_num_queries):
    # data version, meeting: on PostgreSQL with everything it shows in the same query (participants, topics,
    # sources, children, outcomes, statements and their topics); elsewhere those are seven more
    with django_assert_num_queries(2 if POSTGRESQL else 9):
        api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/")


WRITE = {
    "slug": "bolton-putin-2018",
    "title": "Bolton meets Putin",
    "kind": "meeting",
    "status": "held",
    "date": "2018-06-27",
    "date_precision": "day",
    "date_basis": "source",
    "city": "Moscow",
    "country": "RU",
    "participants": [{"participant": "vladimir-putin", "role": "host"}, {"participant": "rex-tillerson"}],
    "topics": ["syria"],
    "sources": ["tillerson-visits-moscow"],
    "outcomes": [{"description": "A summit was agreed.", "source": "tillerson-visits-moscow"}],
}


def test_curator_creates_a_meeting_with_participants_topics_sources_and_outcomes(world, curator_client):
    response = curator_client.post("/api/v1/meetings/", WRITE, format="json")
    assert response.status_code == 201, response.json()
    assert response["Location"] == "/api/v1/meetings/bolton-putin-2018/"
    meeting = Meeting.objects.get(slug="bolton-putin-2018")
    written = {name: WRITE[name] for name in ("slug", "title", "kind", "status", "date", "date_precision")}
    assert response.json() == {
        **written,
        "date_basis": "source",
        "end_date": None,
        "city": "Moscow",
        "country": "RU",
        "parent": None,
        "participants": [{**PUTIN, "role": "host"}, {**TILLERSON, "role": "attendee"}],
        "topics": [SYRIA],
        "sources": [SOURCE],
        "summary": "",
        "children": [],
        "outcomes": [{"description": "A summit was agreed.", "source": "tillerson-visits-moscow"}],
        "statements": [],
        **reviewed(meeting),
        **stamps(meeting),
    }


def test_curator_patches_a_meeting_and_replaces_its_participants(world, curator_client):
    response = curator_client.patch(
        "/api/v1/meetings/lavrov-tillerson-talks-2017/",
        {"status": "cancelled", "participants": [{"participant": "vladimir-putin", "role": "host"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "cancelled"
    assert list(MeetingParticipant.objects.filter(meeting=world["talks"]).values_list("participant__slug", "role")) == [
        ("vladimir-putin", "host")
    ]
    assert Outcome.objects.filter(meeting=world["talks"]).count() == 1  # not sent, so kept


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"sources": []}, {"sources": ["This list may not be empty."]}),
        ({"date": "2018-02-30"}, {"date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}),
        ({"kind": "duel"}, {"kind": ['"duel" is not a valid choice.']}),
        ({"topics": ["no-such-topic"]}, {"topics": ["Object with slug=no-such-topic does not exist."]}),
        (
            {"participants": [{"participant": "rex-tillerson"}, {"participant": "rex-tillerson"}]},
            {"participants": ["A participant can appear only once; repeated: rex-tillerson."]},
        ),
        (
            {"end_date": "2018-06-26"},
            {"non_field_errors": ["A meeting cannot end before it starts, nor have an end without a start."]},
        ),
        (
            {"date": None},
            {
                "non_field_errors": [
                    "A date needs a precision of day, month or year; no date means 'unknown'.",
                    "A date needs a basis (a source or general knowledge); no date has none.",
                ]
            },
        ),
        (
            {"country": "Russia"},
            {
                "country": [
                    "Enter an ISO 3166-1 alpha-2 country code in capitals, such as RU or US.",
                    "Ensure this field has no more than 2 characters.",
                ]
            },
        ),
        ({"slug": "lavrov-tillerson-talks-2017"}, {"slug": ["meeting with this slug already exists."]}),
    ],
)
def test_invalid_meeting_writes_are_refused_naming_the_field_and_change_nothing(world, curator_client, change, errors):
    before = Meeting.objects.count(), MeetingParticipant.objects.count(), Outcome.objects.count()
    response = curator_client.post("/api/v1/meetings/", {**WRITE, **change}, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert (Meeting.objects.count(), MeetingParticipant.objects.count(), Outcome.objects.count()) == before


def test_a_meeting_cannot_become_part_of_its_own_session(world, curator_client):
    response = curator_client.patch(
        "/api/v1/meetings/tillerson-visit-moscow-2017/", {"parent": "lavrov-tillerson-talks-2017"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"parent": ["A meeting cannot be part of itself."]}


def test_deleting_a_meeting_that_has_sessions_is_a_409_and_deletes_nothing(world, curator_client):
    response = curator_client.delete("/api/v1/meetings/tillerson-visit-moscow-2017/")
    assert response.status_code == 409
    assert response.json() == {"detail": "Cannot delete this record: it is still referred to by meetings."}
    assert Meeting.objects.filter(slug="tillerson-visit-moscow-2017").exists()


def test_curator_deletes_a_meeting(world, curator_client):
    response = curator_client.delete("/api/v1/meetings/minsk-follow-up/")
    assert response.status_code == 204
    assert not Meeting.objects.filter(slug="minsk-follow-up").exists()
