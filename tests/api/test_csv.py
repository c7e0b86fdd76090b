"""?format=csv on every list: flat documented columns, every matching row, the same filters."""

import csv
import io

import pytest

from tests.compact_forms import TALKS
from tests.factories import MeetingFactory, MeetingParticipantFactory, ParticipantFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def read(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def test_meetings_as_csv(world, api_client):
    response = api_client.get("/api/v1/meetings/", {"format": "csv", "kind": "talks", "ordering": "title"})
    assert response["Content-Disposition"] == 'attachment; filename="meetings.csv"'
    rows = read(response)
    updated = {m.slug: m.updated_at.isoformat() for m in (world["talks"], world["planned"])}
    assert rows == [
        {
            "slug": "minsk-follow-up",
            "title": "Follow-up on the Minsk agreements",
            "kind": "talks",
            "status": "planned",
            "date": "",
            "date_precision": "unknown",
            "date_basis": "",
            "end_date": "",
            "city": "",
            "country": "",
            "parent": "",
            "participants": "vladimir-putin:host",
            "topics": "ukraine",
            "sources": "tillerson-visits-moscow",
            "updated_at": updated["minsk-follow-up"],
        },
        {
            **TALKS,
            "date_basis": "source",
            "end_date": "",
            "city": "Moscow",
            "country": "RU",
            "parent": "tillerson-visit-moscow-2017",
            "participants": "sergey-lavrov:host; rex-tillerson:guest",
            "topics": "idlib-chemical-incident",
            "sources": "tillerson-visits-moscow",
            "updated_at": updated["lavrov-tillerson-talks-2017"],
        },
    ]


def test_statements_as_csv_keep_quotes_commas_and_no_break_spaces(world, api_client):
    rows = read(api_client.get("/api/v1/statements/", {"format": "csv", "speaker": "sergey-lavrov"}))
    assert [(r["slug"], r["text"], r["speaker_name"], r["span_start"], r["span_end"], r["topics"]) for r in rows] == [
        ("lavrov-frank-and-comprehensive", "frank and comprehensive", "Sergey Lavrov", "124", "147", "syria"),
        (
            "lavrov-intra-syrian-dialogue",
            "There must be an inclusive intra-Syrian dialogue,",
            "Sergey Lavrov",
            str(world["dialogue"].span_start),
            str(world["dialogue"].span_end),
            "idlib-chemical-incident",
        ),
    ]
    assert list(rows[0]) == [
        "id", "slug", "speaker", "speaker_name", "speaker_country", "via", "meeting", "source", "kind", "text",
        "span_start", "span_end", "topics", "said_on", "said_on_precision", "channel", "updated_at",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "header"),
    [
        ("/api/v1/participants/", "slug,name,other_names,kind,country,position,wikidata_id,updated_at"),
        ("/api/v1/topics/", "slug,name,description,parent,updated_at"),
        (
            "/api/v1/sources/",
            "slug,title,publisher,author,kind,published_on,url,language,content_hash,updated_at",
        ),
    ],
)
def test_every_list_has_a_csv_form(world, api_client, url, header):
    response = api_client.get(url, HTTP_ACCEPT="text/csv")
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0] == header


def test_csv_holds_every_matching_row_not_one_page(db, api_client):
    ParticipantFactory.create_batch(130)
    rows = read(api_client.get("/api/v1/participants/", {"format": "csv"}))
    assert len(rows) == 130


def test_a_bad_filter_with_csv_is_a_json_400(world, api_client):
    response = api_client.get("/api/v1/meetings/", {"format": "csv", "date_after": "soon"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"date_after": ["Enter a valid date."]}


def test_csv_is_only_for_lists(world, api_client):
    response = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/", {"format": "csv"})
    assert response.status_code == 400
    assert response.json() == {"format": ["Unknown format “csv”; choose from: json, api."]}


@pytest.mark.parametrize("count", [1, 40])
def test_csv_runs_a_fixed_number_of_queries(api_client, django_assert_num_queries, db, count):
    source, topic, people = SourceFactory(), TopicFactory(), ParticipantFactory.create_batch(2)
    for meeting in MeetingFactory.create_batch(count, sources=[source], topics=[topic]):
        for person in people:
            MeetingParticipantFactory(meeting=meeting, participant=person)
    # data version, meetings, participants, topics, sources
    with django_assert_num_queries(5):
        rows = read(api_client.get("/api/v1/meetings/", {"format": "csv"}))
    assert len(rows) == count


def test_the_timeline_as_csv(world, api_client):
    rows = read(api_client.get("/api/v1/timeline/", {"format": "csv", "participant": "sergey-lavrov"}))
    assert [(r["type"], r["date"], r["slug"], r["speaker"], r["participants"]) for r in rows] == [
        ("meeting", "2017-04-12", "lavrov-tillerson-talks-2017", "", "sergey-lavrov:host; rex-tillerson:guest"),
        ("statement", "2017-04-12", "lavrov-frank-and-comprehensive", "sergey-lavrov", ""),
        ("statement", "", "lavrov-intra-syrian-dialogue", "sergey-lavrov", ""),
    ]
    assert list(rows[0]) == [
        "type", "date", "date_precision", "slug", "id", "title", "kind", "speaker", "text", "meeting",
        "participants", "topics",
    ]  # fmt: skip
    assert rows[2]["text"] == "There must be an inclusive intra-Syrian dialogue,"
    assert rows[2]["meeting"] == "lavrov-tillerson-talks-2017"


def test_a_bad_timeline_filter_with_csv_is_a_json_400(world, api_client):
    response = api_client.get("/api/v1/timeline/", {"format": "csv", "topic": "nothing"})
    assert response.status_code == 400
    assert response.json() == {"topic": ["Select a valid choice. That choice is not one of the available choices."]}
