"""?format=ndjson on every list and the timeline: every matching record, one JSON object a line, in the
list's own form, with the list's filters, search, ordering and drafts, in flat memory."""

import gc
import json
import tracemalloc

import pytest

from meetings import synthetic
from meetings.api.streams import RowStreamMixin
from meetings.choices import ReviewStatus
from tests.api.test_analysis import meeting_item, statement_item
from tests.api.test_statements import frank_payload
from tests.factories import (
    MeetingFactory,
    MeetingParticipantFactory,
    ParticipantFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)
from tests.helpers import stamps

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/meetings/", "/api/v1/participants/", "/api/v1/topics/", "/api/v1/sources/", "/api/v1/statements/"]


def read(response) -> list[dict]:
    """The lines of an NDJSON answer, each parsed; every line, the last too, ends with a newline."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    body = b"".join(response.streaming_content)
    assert body == b"" or body.endswith(b"\n")
    return [json.loads(line) for line in body.decode("utf-8").split("\n")[:-1]]


def results(client, url: str, params: dict | None = None) -> list[dict]:
    """Every result of a JSON list, from one page."""
    response = client.get(url, {**(params or {}), "page_size": 100})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["next"] is None
    return body["results"]


def test_each_participant_a_line_in_its_list_form(world, api_client):
    def line(key: str, name: str, position: str, country: str, other_names: list[str]) -> dict:
        return {
            "slug": world[key].slug,
            "name": name,
            "other_names": other_names,
            "kind": "person",
            "country": country,
            "position": position,
            "wikidata_id": "",
            **stamps(world[key]),
            "search_highlight": None,
        }

    assert read(api_client.get("/api/v1/participants/", {"format": "ndjson"})) == [
        line("tillerson", "Rex Tillerson", "US Secretary of State", "US", []),
        line("lavrov", "Sergey Lavrov", "Foreign Minister of Russia", "RU", ["Sergei Lavrov"]),
        line("putin", "Vladimir Putin", "President of Russia", "RU", []),
    ]


def test_each_statement_a_line_in_the_list_s_order(world, api_client):
    lines = read(api_client.get("/api/v1/statements/", {"format": "ndjson"}))
    assert [line["slug"] for line in lines] == [
        "lavrov-frank-and-comprehensive",
        "tillerson-productive",
        "lavrov-intra-syrian-dialogue",
    ]
    assert lines[0] == {**frank_payload(world), "search_highlight": None}


@pytest.mark.parametrize("url", LISTS)
def test_every_list_s_lines_are_its_results(world, curator_client, url):
    assert read(curator_client.get(url, {"format": "ndjson"})) == results(curator_client, url)


FRANK, DIALOGUE = "lavrov-frank-and-comprehensive", "lavrov-intra-syrian-dialogue"


@pytest.mark.parametrize(
    ("params", "slugs"),
    [
        ({"speaker": "sergey-lavrov"}, [FRANK, DIALOGUE]),
        ({"speaker": "sergey-lavrov", "ordering": "-id"}, [DIALOGUE, FRANK]),
        ({"topic": "syria", "kind": "direct_quote"}, [FRANK, DIALOGUE]),
        ({"date_after": "2017-04-12"}, [FRANK]),
        ({"search": "inclusive"}, [DIALOGUE]),
        ({"search": "Tillerson -frank", "ordering": "said_on"}, ["tillerson-productive"]),
        ({"speaker": "vladimir-putin"}, []),
    ],
)
def test_filters_search_and_ordering_apply_as_on_the_list(world, api_client, params, slugs):
    lines = read(api_client.get("/api/v1/statements/", {**params, "format": "ndjson"}))
    assert [line["slug"] for line in lines] == slugs
    assert lines == results(api_client, "/api/v1/statements/", params)


def test_a_search_s_lines_carry_the_highlight(world, api_client):
    (line,) = read(api_client.get("/api/v1/meetings/", {"format": "ndjson", "search": "Minsk"}))
    assert "<mark>Minsk</mark>" in line["search_highlight"]
    assert [line] == results(api_client, "/api/v1/meetings/", {"search": "Minsk"})


def test_lines_keep_only_the_fields_asked_for(world, api_client):
    params = {"speaker": "sergey-lavrov", "fields": "id,slug,speaker.name"}
    lines = read(api_client.get("/api/v1/statements/", {**params, "format": "ndjson"}))
    assert lines == [
        {"id": world["frank"].pk, "slug": "lavrov-frank-and-comprehensive", "speaker": {"name": "Sergey Lavrov"}},
        {"id": world["dialogue"].pk, "slug": "lavrov-intra-syrian-dialogue", "speaker": {"name": "Sergey Lavrov"}},
    ]
    assert lines == results(api_client, "/api/v1/statements/", params)


def test_the_accept_header_asks_for_ndjson(world, api_client):
    response = api_client.get("/api/v1/meetings/", {"kind": "talks"}, HTTP_ACCEPT="application/x-ndjson")
    lines = read(response)
    assert [line["slug"] for line in lines] == ["lavrov-tillerson-talks-2017", "minsk-follow-up"]
    assert lines == results(api_client, "/api/v1/meetings/", {"kind": "talks"})


def test_text_is_utf_8_and_a_newline_in_a_value_stays_inside_its_line(db, api_client):
    TopicFactory(slug="minsk", name="Минск", description="First line\nsecond line\u2028third — «quoted»")
    TopicFactory(slug="other", name="Topic 0")
    response = api_client.get("/api/v1/topics/", {"format": "ndjson"})
    body = b"".join(response.streaming_content)
    assert body.count(b"\n") == 2
    lines = [json.loads(line) for line in body.split(b"\n")[:-1]]
    assert [(line["slug"], line["name"], line["description"]) for line in lines] == [
        ("other", "Topic 0", ""),
        ("minsk", "Минск", "First line\nsecond line\u2028third — «quoted»"),
    ]
    assert "Минск".encode() in body  # as UTF-8, not \u escapes


def test_drafts_are_streamed_as_the_list_shows_them(world, api_client, curator_client):
    world["productive"].review_status = ReviewStatus.DRAFT
    world["productive"].save()
    everyone = [FRANK, DIALOGUE]
    for client, params, slugs in [
        (api_client, {}, everyone),
        (curator_client, {}, everyone),  # a list shows a curator's drafts only when asked for them
        (curator_client, {"review_status": "draft"}, ["tillerson-productive"]),
        (curator_client, {"review_status": "all"}, [FRANK, "tillerson-productive", DIALOGUE]),
    ]:
        lines = read(client.get("/api/v1/statements/", {**params, "format": "ndjson"}))
        assert [line["slug"] for line in lines] == slugs, params
        assert lines == results(client, "/api/v1/statements/", params)
    response = api_client.get("/api/v1/statements/", {"format": "ndjson", "review_status": "draft"})
    assert response.status_code == 400
    assert response.json() == {"review_status": ["Only curators can list drafts."]}


def test_a_stream_is_not_paged(world, api_client):
    lines = read(api_client.get("/api/v1/statements/", {"format": "ndjson", "page": 2, "page_size": 1}))
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("url", "params", "body"),
    [
        ("/api/v1/meetings/", {"date_after": "soon"}, {"date_after": ["Enter a valid date."]}),
        (
            "/api/v1/statements/",
            {"ordering": "colour"},
            {
                "ordering": [
                    "Unknown ordering field “colour”; choose from: created_at, id, said_on, updated_at, each "
                    "optionally prefixed with “-” for descending order."
                ]
            },
        ),
        ("/api/v1/topics/", {"search": "x" * 201}, {"search": ["Ensure this value has at most 200 characters."]}),
        ("/api/v1/sources/", {"page": "0"}, {"page": ["A page number from 1 is required, not “0”."]}),
        ("/api/v1/participants/", {"page_size": "all"}, {"page_size": ["A valid integer is required, not “all”."]}),
        (
            "/api/v1/timeline/",
            {"topic": "nothing"},
            {"topic": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
    ],
)
def test_a_refused_request_is_a_json_400_not_a_stream(world, api_client, url, params, body):
    response = api_client.get(url, {**params, "format": "ndjson"})
    assert response.status_code == 400
    assert not response.streaming
    assert response["Content-Type"] == "application/json"
    assert response.json() == body


def test_ndjson_is_only_for_lists(world, api_client):
    response = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/", {"format": "ndjson"})
    assert response.status_code == 400
    assert response.json() == {"format": ["Unknown format “ndjson”; choose from: json, api."]}
    response = api_client.get("/api/v1/meetings/", {"format": "xml"})
    assert response.status_code == 400
    assert response.json() == {"format": ["Unknown format “xml”; choose from: json, api, csv, ndjson."]}


def test_a_stream_carries_validators_and_answers_304(world, api_client):
    response = api_client.get("/api/v1/statements/", {"format": "ndjson"})
    assert response["Cache-Control"] == "no-cache"
    etag = response["ETag"]
    assert etag != api_client.get("/api/v1/statements/")["ETag"]  # another representation
    again = api_client.get("/api/v1/statements/", {"format": "ndjson"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("count", [5, 6])
def test_statements_run_a_fixed_number_of_queries_a_chunk(
    count, api_client, django_assert_num_queries, db, monkeypatch
):
    monkeypatch.setattr(RowStreamMixin, "chunk_size", 2)
    source, speaker, meeting, topic = SourceFactory(), ParticipantFactory(), MeetingFactory(), TopicFactory()
    StatementFactory.create_batch(count, source=source, speaker=speaker, meeting=meeting, topics=[topic])
    # data version, the statements (with speaker, via, meeting and source), then each chunk's topics: three chunks
    with django_assert_num_queries(2 + 3):
        lines = read(api_client.get("/api/v1/statements/", {"format": "ndjson"}))
    assert len(lines) == count
    assert lines[-1]["topics"] == [{"slug": topic.slug, "name": topic.name}]


@pytest.mark.parametrize("count", [5, 6])
def test_meetings_run_a_fixed_number_of_queries_a_chunk(count, api_client, django_assert_num_queries, db, monkeypatch):
    monkeypatch.setattr(RowStreamMixin, "chunk_size", 2)
    source, topic, people = SourceFactory(), TopicFactory(), ParticipantFactory.create_batch(2)
    for meeting in MeetingFactory.create_batch(count, sources=[source], topics=[topic]):
        for person in people:
            MeetingParticipantFactory(meeting=meeting, participant=person)
    # data version, the meetings, then each chunk's participants, topics and sources: three chunks
    with django_assert_num_queries(2 + 3 * 3):
        lines = read(api_client.get("/api/v1/meetings/", {"format": "ndjson"}))
    assert len(lines) == count
    assert [len(line["participants"]) for line in lines] == [2] * count


def test_the_timeline_as_ndjson(world, api_client):
    lines = read(api_client.get("/api/v1/timeline/", {"format": "ndjson"}))
    assert lines == [
        meeting_item(world, "talks"),
        meeting_item(world, "visit"),
        statement_item(world, "frank"),
        meeting_item(world, "planned"),
        statement_item(world, "productive"),
        statement_item(world, "dialogue"),
    ]


def test_the_timeline_s_filters_apply_in_chunks(world, api_client, monkeypatch):
    monkeypatch.setattr(RowStreamMixin, "chunk_size", 2)
    response = api_client.get("/api/v1/timeline/", {"participant": "sergey-lavrov"}, HTTP_ACCEPT="application/x-ndjson")
    assert read(response) == [
        meeting_item(world, "talks"),
        statement_item(world, "frank"),
        statement_item(world, "dialogue"),
    ]


# ---------------------------------------------------------------- memory

ROWS = 5_000
CHUNK = 250
# What this test's stream may take at its peak, whatever the number of rows: some 2 MB a chunk of
# 250 statements, and the request's own. All 5,000 statements held at once take about 65 MB.
PEAK_BOUND = 12 * 2**20


def test_a_stream_of_thousands_of_statements_keeps_memory_flat(db, api_client, monkeypatch):
    sizes = synthetic.Sizes(participants=200, topics=50, meetings=200, sources=20, statements=ROWS)
    synthetic.Generator(sizes, seed=2017).run()
    first_page = api_client.get("/api/v1/statements/", {"page_size": 1}).json()
    count = first_page["count"]
    last_page = api_client.get("/api/v1/statements/", {"page_size": 1, "page": count}).json()
    assert count == ROWS

    monkeypatch.setattr(RowStreamMixin, "chunk_size", CHUNK)
    lines, first, last, rest = 0, None, None, b""
    gc.collect()
    tracemalloc.start()
    try:
        for block in api_client.get("/api/v1/statements/", {"format": "ndjson"}).streaming_content:
            *complete, rest = (rest + block).split(b"\n")
            lines += len(complete)
            first = first if first is not None or not complete else complete[0]
            last = complete[-1] if complete else last
        del block, complete
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    print(f"{lines:,} statements streamed in chunks of {CHUNK}: peak {peak / 2**20:.1f} MiB traced")
    assert (lines, rest) == (count, b"")
    assert json.loads(first) == first_page["results"][0]
    assert json.loads(last) == last_page["results"][0]
    assert peak < PEAK_BOUND
