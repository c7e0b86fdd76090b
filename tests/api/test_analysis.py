"""The analysis endpoints: positions by side, counterparts, the meeting network and the timeline."""

import datetime

import pytest

from meetings.choices import DateBasis, DatePrecision, ParticipantKind, StatementKind
from tests.compact_forms import IDLIB, LAVROV, MINSK, PUTIN, SOURCE, SYRIA, TALKS, TILLERSON, UKRAINE, VISIT
from tests.factories import (
    MeetingFactory,
    MeetingParticipantFactory,
    ParticipantFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)
from tests.helpers import page

pytestmark = pytest.mark.django_db

NOT_A_CHOICE = ["Select a valid choice. That choice is not one of the available choices."]
APRIL_12 = {"date": datetime.date(2017, 4, 12), "date_precision": DatePrecision.DAY, "date_basis": DateBasis.SOURCE}


def position(statement) -> dict:
    """A world statement as it stands in a side's list."""
    return {
        "id": statement.pk,
        "slug": statement.slug,
        "speaker": {"sergey-lavrov": LAVROV, "rex-tillerson": TILLERSON}[statement.speaker.slug],
        "via": None,
        "meeting": TALKS,
        "source": SOURCE,
        "kind": statement.kind,
        "text": statement.text,
        "span": {"start": statement.span_start, "end": statement.span_end},
        "topics": {
            "lavrov-frank-and-comprehensive": [SYRIA],
            "lavrov-intra-syrian-dialogue": [IDLIB],
            "tillerson-productive": [],
        }[statement.slug],
        "said_on": "2017-04-12" if statement.said_on else None,
        "said_on_precision": statement.said_on_precision,
        "channel": statement.channel,
    }


def world_sides(world) -> list[dict]:
    return [
        {"country": "RU", "statements": [position(world["frank"]), position(world["dialogue"])]},
        {"country": "US", "statements": [position(world["productive"])]},
    ]


# ---------------------------------------------------------------- positions


def test_meeting_positions_group_what_was_said_by_the_speakers_country(world, api_client):
    response = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/positions/")
    assert response.status_code == 200
    assert response.json() == {"meeting": TALKS, "sides": world_sides(world)}


def test_a_visits_positions_include_what_was_said_at_its_sessions(world, api_client):
    response = api_client.get("/api/v1/meetings/tillerson-visit-moscow-2017/positions/")
    assert response.status_code == 200
    assert response.json() == {"meeting": VISIT, "sides": world_sides(world)}


def test_a_sessions_positions_leave_out_its_parent_and_other_meetings(world, api_client):
    StatementFactory(speaker=world["tillerson"], meeting=world["visit"], source=world["source"])
    StatementFactory(speaker=world["putin"], meeting=world["planned"], source=world["source"])
    body = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/positions/").json()
    assert body["sides"] == world_sides(world)


def test_positions_go_two_levels_down_and_list_speakers_with_no_country_last(world, api_client):
    press = MeetingFactory(slug="press-conference", parent=world["talks"], sources=[world["source"]])
    opcw = ParticipantFactory(slug="opcw", name="OPCW", kind=ParticipantKind.INSTITUTION, country="")
    said = StatementFactory(speaker=opcw, meeting=press, source=world["source"], text="Lavrov met U.S.")
    body = api_client.get("/api/v1/meetings/tillerson-visit-moscow-2017/positions/").json()
    assert [side["country"] for side in body["sides"]] == ["RU", "US", None]
    assert body["sides"][2]["statements"] == [
        {
            "id": said.pk,
            "slug": said.slug,
            "speaker": {"slug": "opcw", "name": "OPCW", "kind": "institution", "country": ""},
            "via": None,
            "meeting": {
                "slug": "press-conference",
                "title": press.title,
                "kind": "talks",
                "status": "held",
                "date": None,
                "date_precision": "unknown",
            },
            "source": SOURCE,
            "kind": "direct_quote",
            "text": "Lavrov met U.S.",
            "span": {"start": said.span_start, "end": said.span_end},
            "topics": [],
            "said_on": None,
            "said_on_precision": "unknown",
            "channel": "unknown",
        }
    ]


def test_a_relayed_statement_counts_for_its_speakers_side(world, api_client):
    world["productive"].via = world["lavrov"]
    world["productive"].save()
    sides = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/positions/").json()["sides"]
    assert sides[1]["country"] == "US"
    assert sides[1]["statements"][0]["via"] == LAVROV


def test_a_side_lists_its_statements_in_source_order(world, api_client):
    another = SourceFactory(slug="another")  # sources are in the order they were added
    late = StatementFactory(speaker=world["lavrov"], meeting=world["talks"], source=another, text="Lavrov met U.S.")
    sides = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/positions/").json()["sides"]
    assert [s["slug"] for s in sides[0]["statements"]] == [
        "lavrov-frank-and-comprehensive",
        "lavrov-intra-syrian-dialogue",
        late.slug,
    ]


def test_a_meeting_with_no_statements_has_no_sides(world, api_client):
    response = api_client.get("/api/v1/meetings/minsk-follow-up/positions/")
    assert response.status_code == 200
    assert response.json() == {"meeting": MINSK, "sides": []}


def test_topic_positions_include_the_topics_below_it(world, api_client):
    response = api_client.get("/api/v1/topics/syria/positions/")
    assert response.status_code == 200
    assert response.json() == {
        "topic": SYRIA,
        "sides": [{"country": "RU", "statements": [position(world["frank"]), position(world["dialogue"])]}],
    }


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        # Tillerson's paraphrase is on talks tagged with Idlib, but is not tagged itself.
        ("idlib-chemical-incident", {"topic": IDLIB, "sides": [{"country": "RU", "statements": ["dialogue"]}]}),
        ("ukraine", {"topic": UKRAINE, "sides": []}),
    ],
)
def test_topic_positions_go_by_the_statements_own_topics(world, api_client, slug, expected):
    body = api_client.get(f"/api/v1/topics/{slug}/positions/").json()
    for side in expected["sides"]:
        side["statements"] = [position(world[name]) for name in side["statements"]]
    assert body == expected


def test_a_statement_on_a_topic_and_its_subtopic_is_listed_once(world, api_client):
    world["frank"].topics.add(world["idlib"])
    statements = api_client.get("/api/v1/topics/syria/positions/").json()["sides"][0]["statements"]
    assert [s["slug"] for s in statements] == ["lavrov-frank-and-comprehensive", "lavrov-intra-syrian-dialogue"]


@pytest.mark.parametrize("count", [1, 25])
def test_meeting_positions_run_a_fixed_number_of_queries(count, api_client, django_assert_num_queries, db):
    visit = MeetingFactory(slug="visit")
    session = MeetingFactory(parent=visit)
    source, topic = SourceFactory(), TopicFactory()
    for index in range(count):
        speaker = ParticipantFactory(country=["RU", "US", ""][index % 3])
        StatementFactory(speaker=speaker, meeting=[visit, session][index % 2], source=source, topics=[topic])
    # data version, meeting, the meetings below it (one recursive query), statements with their relations, topics
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/meetings/visit/positions/")
    assert sum(len(side["statements"]) for side in response.json()["sides"]) == count


@pytest.mark.parametrize("count", [1, 25])
def test_topic_positions_run_a_fixed_number_of_queries(count, api_client, django_assert_num_queries, db):
    parent = TopicFactory(slug="parent")
    child = TopicFactory(parent=parent)
    source = SourceFactory()
    for index in range(count):
        speaker = ParticipantFactory(country=["RU", "US", ""][index % 3])
        StatementFactory(speaker=speaker, meeting=MeetingFactory(), source=source, topics=[[parent, child][index % 2]])
    # data version, topic, the topics below it, statements with speaker, via, meeting and source, topics
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/topics/parent/positions/")
    assert sum(len(side["statements"]) for side in response.json()["sides"]) == count


# ---------------------------------------------------------------- counterparts


def test_counterparts_on_the_world(world, api_client):
    response = api_client.get("/api/v1/participants/rex-tillerson/counterparts/")
    assert response.status_code == 200
    assert response.json() == {
        "participant": TILLERSON,
        "counterparts": [
            {
                **LAVROV,
                "meeting_count": 1,
                "first_date": "2017-04-12",
                "last_date": "2017-04-12",
                "meetings": ["lavrov-tillerson-talks-2017"],
            }
        ],
    }


def test_someone_who_met_nobody_has_no_counterparts(world, api_client):
    response = api_client.get("/api/v1/participants/vladimir-putin/counterparts/")
    assert response.json() == {"participant": PUTIN, "counterparts": []}


def test_counterparts_count_shared_meetings_most_first_then_by_name_with_dates_as_stored(db, api_client):
    alpha = ParticipantFactory(slug="alpha", name="Alpha", country="US")
    bravo = ParticipantFactory(slug="bravo", name="Bravo", country="RU")
    charlie = ParticipantFactory(slug="charlie", name="Charlie", country="")
    delta = ParticipantFactory(slug="delta", name="Delta", country="RU")
    june = MeetingFactory(
        slug="june", date=datetime.date(2018, 6, 1), date_precision=DatePrecision.MONTH, date_basis=DateBasis.SOURCE
    )
    july = MeetingFactory(slug="july", **{**APRIL_12, "date": datetime.date(2018, 7, 15)})
    undated, cancelled = MeetingFactory(slug="undated"), MeetingFactory(slug="cancelled", status="cancelled")
    for meeting, people in [
        (june, [alpha, bravo, charlie]),
        (july, [charlie, alpha]),
        (undated, [alpha, delta]),
        (cancelled, [alpha, charlie]),
    ]:
        for person in people:
            MeetingParticipantFactory(meeting=meeting, participant=person)
    response = api_client.get("/api/v1/participants/alpha/counterparts/")
    assert response.json() == {
        "participant": {"slug": "alpha", "name": "Alpha", "kind": "person", "country": "US"},
        "counterparts": [
            {
                "slug": "charlie",
                "name": "Charlie",
                "kind": "person",
                "country": "",
                "meeting_count": 3,
                "first_date": "2018-06-01",
                "last_date": "2018-07-15",
                "meetings": ["june", "july", "cancelled"],
            },
            {
                "slug": "bravo",
                "name": "Bravo",
                "kind": "person",
                "country": "RU",
                "meeting_count": 1,
                "first_date": "2018-06-01",
                "last_date": "2018-06-01",
                "meetings": ["june"],
            },
            {
                "slug": "delta",
                "name": "Delta",
                "kind": "person",
                "country": "RU",
                "meeting_count": 1,
                "first_date": None,
                "last_date": None,
                "meetings": ["undated"],
            },
        ],
    }
    held = api_client.get("/api/v1/participants/alpha/counterparts/", {"status": "held"}).json()["counterparts"]
    assert [(c["slug"], c["meeting_count"], c["meetings"]) for c in held] == [
        ("charlie", 2, ["june", "july"]),
        ("bravo", 1, ["june"]),
        ("delta", 1, ["undated"]),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["sergey-lavrov"]),
        ({"topic": "syria"}, ["sergey-lavrov"]),  # the talks are on Idlib, below Syria
        ({"topic": "idlib-chemical-incident"}, ["sergey-lavrov"]),
        ({"topic": "ukraine"}, []),
        ({"date_after": "2017-04-12"}, ["sergey-lavrov"]),
        ({"date_after": "2017-04-13"}, []),
        ({"date_before": "2017-04-12"}, ["sergey-lavrov"]),
        ({"date_before": "2017-04-11"}, []),
        ({"country": "RU"}, ["sergey-lavrov"]),
        ({"country": "US"}, []),
        ({"status": "held"}, ["sergey-lavrov"]),
        ({"status": "planned"}, []),
    ],
)
def test_counterpart_filters(world, api_client, params, expected):
    response = api_client.get("/api/v1/participants/rex-tillerson/counterparts/", params)
    assert response.status_code == 200, response.json()
    assert [c["slug"] for c in response.json()["counterparts"]] == expected


@pytest.mark.parametrize("count", [1, 25])
def test_counterparts_run_a_fixed_number_of_queries(count, api_client, django_assert_num_queries, db):
    me = ParticipantFactory(slug="me")
    for _ in range(count):
        meeting = MeetingFactory()
        MeetingParticipantFactory(meeting=meeting, participant=me)
        MeetingParticipantFactory.create_batch(2, meeting=meeting)
    # data version, participant, counterparts with their counts and dates, the shared meetings' slugs
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/participants/me/counterparts/")
    assert len(response.json()["counterparts"]) == 2 * count


# ---------------------------------------------------------------- network


def test_network_on_the_world(world, api_client):
    response = api_client.get("/api/v1/network/")
    assert response.status_code == 200
    assert response.json() == {
        "directed": False,
        "multigraph": False,
        "nodes": [
            {"id": "rex-tillerson", "name": "Rex Tillerson", "kind": "person", "country": "US", "meetings": 2},
            {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "country": "RU", "meetings": 1},
            {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU", "meetings": 1},
        ],
        "edges": [
            {
                "source": "rex-tillerson",
                "target": "sergey-lavrov",
                "weight": 1,
                "meetings": ["lavrov-tillerson-talks-2017"],
            }
        ],
    }


def test_each_pair_is_one_edge_weighted_by_their_meetings_in_date_order(db, api_client):
    zulu, alpha, mike = (ParticipantFactory(slug=slug, name=slug.title()) for slug in ("zulu", "alpha", "mike"))
    later = MeetingFactory(slug="a-later", **{**APRIL_12, "date": datetime.date(2018, 1, 1)})
    earlier = MeetingFactory(slug="b-earlier", **APRIL_12)
    undated = MeetingFactory(slug="c-undated")
    for meeting, people in [(later, [zulu, alpha]), (earlier, [zulu, alpha, mike]), (undated, [alpha, zulu])]:
        for person in people:
            MeetingParticipantFactory(meeting=meeting, participant=person)
    body = api_client.get("/api/v1/network/").json()
    assert [(node["id"], node["meetings"]) for node in body["nodes"]] == [("alpha", 3), ("mike", 1), ("zulu", 3)]
    assert body["edges"] == [
        {"source": "alpha", "target": "mike", "weight": 1, "meetings": ["b-earlier"]},
        {"source": "alpha", "target": "zulu", "weight": 3, "meetings": ["b-earlier", "a-later", "c-undated"]},
        {"source": "mike", "target": "zulu", "weight": 1, "meetings": ["b-earlier"]},
    ]


def _graph(body: dict) -> tuple[list, list]:
    nodes = [(node["id"], node["meetings"]) for node in body["nodes"]]
    return nodes, [(edge["source"], edge["target"], edge["weight"]) for edge in body["edges"]]


MET = [("rex-tillerson", "sergey-lavrov", 1)]


@pytest.mark.parametrize(
    ("params", "nodes", "edges"),
    [
        ({"topic": "syria"}, [("rex-tillerson", 2), ("sergey-lavrov", 1)], MET),
        ({"topic": "idlib-chemical-incident"}, [("rex-tillerson", 1), ("sergey-lavrov", 1)], MET),
        ({"topic": "ukraine"}, [("vladimir-putin", 1)], []),
        ({"date_after": "2017-04-12"}, [("rex-tillerson", 2), ("sergey-lavrov", 1)], MET),
        ({"date_after": "2017-04-13"}, [], []),
        ({"date_before": "2017-04-12"}, [("rex-tillerson", 2), ("sergey-lavrov", 1)], MET),
        ({"date_before": "2017-04-11"}, [], []),
        ({"country": "RU"}, [("rex-tillerson", 2), ("sergey-lavrov", 1)], MET),
        ({"country": "US"}, [], []),
        ({"status": "held"}, [("rex-tillerson", 2), ("sergey-lavrov", 1)], MET),
        ({"status": "planned"}, [("vladimir-putin", 1)], []),
    ],
)
def test_network_filters(world, api_client, params, nodes, edges):
    response = api_client.get("/api/v1/network/", params)
    assert response.status_code == 200, response.json()
    assert _graph(response.json()) == (nodes, edges)


@pytest.mark.parametrize("count", [1, 25])
def test_network_runs_a_fixed_number_of_queries(count, api_client, django_assert_num_queries, db):
    people = ParticipantFactory.create_batch(4)
    for index in range(count):
        meeting = MeetingFactory()
        for person in people[index % 2 : index % 2 + 3]:
            MeetingParticipantFactory(meeting=meeting, participant=person)
    # data version, nodes with their meeting counts, the pairs with their meetings
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/network/")
    assert len(response.json()["edges"]) == (3 if count == 1 else 5)


def test_a_network_filtered_by_topic_adds_only_the_topic_lookups(world, api_client, django_assert_num_queries):
    # data version, topic, the topics below it, nodes, pairs
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/network/", {"topic": "syria"})
    assert response.status_code == 200


# ---------------------------------------------------------------- timeline


def meeting_item(world, name: str) -> dict:
    return {
        "talks": {
            "type": "meeting",
            "date": "2017-04-12",
            "date_precision": "day",
            "date_basis": "source",
            "dated": True,
            "slug": "lavrov-tillerson-talks-2017",
            "title": "Lavrov–Tillerson talks",
            "kind": "talks",
            "status": "held",
            "end_date": None,
            "city": "Moscow",
            "country": "RU",
            "parent": "tillerson-visit-moscow-2017",
            "participants": [{**LAVROV, "role": "host"}, {**TILLERSON, "role": "guest"}],
            "topics": [IDLIB],
            "sources": [SOURCE],
        },
        "visit": {
            "type": "meeting",
            "date": "2017-04-12",
            "date_precision": "day",
            "date_basis": "source",
            "dated": True,
            "slug": "tillerson-visit-moscow-2017",
            "title": "Tillerson's visit to Moscow",
            "kind": "visit",
            "status": "held",
            "end_date": None,
            "city": "Moscow",
            "country": "RU",
            "parent": None,
            "participants": [{**TILLERSON, "role": "guest"}],
            "topics": [SYRIA],
            "sources": [SOURCE],
        },
        "planned": {
            "type": "meeting",
            "date": None,
            "date_precision": "unknown",
            "date_basis": "",
            "dated": False,
            "slug": "minsk-follow-up",
            "title": "Follow-up on the Minsk agreements",
            "kind": "talks",
            "status": "planned",
            "end_date": None,
            "city": "",
            "country": "",
            "parent": None,
            "participants": [{**PUTIN, "role": "host"}],
            "topics": [UKRAINE],
            "sources": [SOURCE],
        },
    }[name]


def statement_item(world, name: str) -> dict:
    """A world statement in the timeline: dated only by when it was said, never by its meeting."""
    entry = position(world[name])
    dated = entry["said_on"] is not None
    return {
        "type": "statement",
        "date": entry.pop("said_on"),
        "date_precision": entry.pop("said_on_precision"),
        "dated": dated,
        **entry,
    }


def test_timeline_merges_meetings_and_statements_dated_first_undated_last(world, api_client):
    response = api_client.get("/api/v1/timeline/")
    assert response.status_code == 200
    assert response.json() == page(
        [
            meeting_item(world, "talks"),  # same day: meetings first, by title
            meeting_item(world, "visit"),
            statement_item(world, "frank"),
            meeting_item(world, "planned"),  # undated: meetings, then statements in source order
            statement_item(world, "productive"),
            statement_item(world, "dialogue"),
        ]
    )


def test_timeline_orders_by_the_date_as_stored_whatever_the_precision(world, api_client):
    StatementFactory(
        slug="in-april",
        speaker=world["putin"],
        source=world["source"],
        said_on=datetime.date(2017, 4, 1),
        said_on_precision=DatePrecision.MONTH,
    )
    MeetingFactory(slug="in-2016", date=datetime.date(2016, 1, 1), date_precision="year", date_basis="source")
    results = api_client.get("/api/v1/timeline/").json()["results"]
    assert [(item["slug"], item["date"], item["date_precision"]) for item in results[:3]] == [
        ("in-2016", "2016-01-01", "year"),
        ("in-april", "2017-04-01", "month"),
        ("lavrov-tillerson-talks-2017", "2017-04-12", "day"),
    ]


def _items(client, **params) -> list[tuple[str, str]]:
    response = client.get("/api/v1/timeline/", params)
    assert response.status_code == 200, response.json()
    return [(item["type"], item["slug"]) for item in response.json()["results"]]


TALKS_ITEM = ("meeting", "lavrov-tillerson-talks-2017")
VISIT_ITEM = ("meeting", "tillerson-visit-moscow-2017")
FRANK_ITEM = ("statement", "lavrov-frank-and-comprehensive")
DIALOGUE_ITEM = ("statement", "lavrov-intra-syrian-dialogue")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"participant": "sergey-lavrov"}, [TALKS_ITEM, FRANK_ITEM, DIALOGUE_ITEM]),
        ({"participant": "rex-tillerson"}, [TALKS_ITEM, VISIT_ITEM, ("statement", "tillerson-productive")]),
        ({"participant": "vladimir-putin"}, [("meeting", "minsk-follow-up")]),
        ({"topic": "syria"}, [TALKS_ITEM, VISIT_ITEM, FRANK_ITEM, DIALOGUE_ITEM]),
        ({"topic": "idlib-chemical-incident"}, [TALKS_ITEM, DIALOGUE_ITEM]),
        ({"date_after": "2017-04-12"}, [TALKS_ITEM, VISIT_ITEM, FRANK_ITEM]),
        ({"date_after": "2017-04-13"}, []),
        ({"date_before": "2017-04-12"}, [TALKS_ITEM, VISIT_ITEM, FRANK_ITEM]),
        ({"date_before": "2017-04-11"}, []),
        ({"participant": "sergey-lavrov", "topic": "syria", "date_after": "2017-04-12"}, [TALKS_ITEM, FRANK_ITEM]),
    ],
)
def test_timeline_filters(world, api_client, params, expected):
    assert _items(api_client, **params) == expected


def test_a_participant_who_relayed_a_statement_is_not_its_speaker_in_the_timeline(world, api_client):
    world["productive"].via = world["putin"]
    world["productive"].save()
    assert _items(api_client, participant="vladimir-putin") == [("meeting", "minsk-follow-up")]


def test_timeline_pages_like_the_other_lists(world, api_client):
    first = api_client.get("/api/v1/timeline/", {"page_size": 2}).json()
    assert first == page(
        [meeting_item(world, "talks"), meeting_item(world, "visit")],
        count=6,
        next_url="http://testserver/api/v1/timeline/?page=2&page_size=2",
    )
    last = api_client.get("/api/v1/timeline/", {"page_size": 2, "page": 3}).json()
    assert last == page(
        [statement_item(world, "productive"), statement_item(world, "dialogue")],
        count=6,
        previous="http://testserver/api/v1/timeline/?page=2&page_size=2",
    )


def test_a_timeline_page_past_the_end_is_a_404(world, api_client):
    response = api_client.get("/api/v1/timeline/", {"page": 9})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("count", [1, 25])
def test_timeline_runs_a_fixed_number_of_queries_whatever_the_page_size(
    count, api_client, django_assert_num_queries, django_assert_max_num_queries, db
):
    source, topic = SourceFactory(), TopicFactory()
    people = ParticipantFactory.create_batch(2)
    for index in range(count):
        meeting = MeetingFactory(
            sources=[source],
            topics=[topic],
            date=datetime.date(2017, 1, 1) + datetime.timedelta(days=index),
            date_precision="day",
            date_basis="source",
        )
        for person in people:
            MeetingParticipantFactory(meeting=meeting, participant=person)
        StatementFactory(
            speaker=people[0], meeting=meeting, source=source, topics=[topic], kind=StatementKind.PARAPHRASE
        )
    # data version, count, page of the union; meetings, their participants, topics, sources; statements, their topics
    with django_assert_num_queries(9):
        response = api_client.get("/api/v1/timeline/", {"page_size": 100})
    assert len(response.json()["results"]) == 2 * count
    # A page of one holds a meeting or a statement: the other kind's queries are skipped.
    with django_assert_max_num_queries(9):
        response = api_client.get("/api/v1/timeline/", {"page_size": 1})
    assert len(response.json()["results"]) == 1


def test_a_timeline_filtered_by_topic_walks_the_topic_tree_once(world, api_client, django_assert_num_queries):
    # data version, topic, the topics below it; then the same 8 as without a filter
    with django_assert_num_queries(11):
        response = api_client.get("/api/v1/timeline/", {"topic": "syria"})
    assert response.json()["count"] == 4


def _timeline_with_every_tie(world) -> None:
    """More of every tie the timeline's order breaks: meetings and statements on one date, titles that
    differ only in case, statements in two sources and without a span, undated items of both kinds, drafts."""
    other_source = SourceFactory()
    speaker = world["lavrov"]
    for title in ["b talks", "A talks", "a talks", "Zeta"]:
        MeetingFactory(title=title, topics=[world["idlib"]] if title.islower() else [], **APRIL_12)
    MeetingFactory(title="Another planned meeting")
    MeetingFactory(title="A draft", review_status="draft", verified_at=None, **APRIL_12)
    MeetingFactory(title="Earlier", date=datetime.date(2016, 1, 1), date_precision="year", date_basis="source")
    for source in (world["source"], other_source):
        for said_on in (datetime.date(2017, 4, 12), datetime.date(2017, 4, 1), None):
            StatementFactory(
                speaker=speaker, source=source, said_on=said_on, said_on_precision="day" if said_on else "unknown"
            )
            StatementFactory(
                speaker=speaker,
                source=source,
                topics=[world["syria"]],
                kind=StatementKind.PARAPHRASE,
                text="they spoke of nothing the article says",  # no span
                said_on=said_on,
                said_on_precision="day" if said_on else "unknown",
            )
    StatementFactory(speaker=speaker, source=other_source, review_status="draft", verified_at=None)


def _timeline_rows(first_pages_only: bool = False, **filters):
    from meetings import selectors
    from meetings.analysis import timeline
    from meetings.models import Meeting, Statement

    meetings = selectors.visible(Meeting.objects.filter(**filters.get("meetings", {})))
    statements = selectors.visible(Statement.objects.filter(**filters.get("statements", {})))
    return (
        timeline(meetings, statements, first_pages_only=first_pages_only),
        timeline(meetings, statements, limit_each_kind=False),
    )


def _limits(rows) -> int:
    return str(rows.query).count("LIMIT")


@pytest.mark.parametrize(
    "filters",
    [{}, {"meetings": {"date__gte": "2017-04-01"}, "statements": {"said_on__gte": "2017-04-01"}}],
    ids=["whole", "dated"],
)
@pytest.mark.parametrize("first_pages_only", [False, True], ids=["every-slice", "first-pages"])
def test_each_slice_of_the_timeline_reads_each_kind_only_to_its_end_and_gives_the_whole_unions_rows(
    world, filters, first_pages_only, monkeypatch
):
    from django.db import connection

    from meetings.analysis import FirstPagesTimelineRows

    monkeypatch.setattr(FirstPagesTimelineRows, "up_to", 7)
    _timeline_with_every_tie(world)
    limited, plain = _timeline_rows(first_pages_only, **filters)
    every = list(plain)
    assert len(every) > 10
    assert {row["item_type"] for row in every} == {"meeting", "statement"}
    assert any(row["sort_span"] is None for row in every)
    for start in range(len(every) + 2):
        for stop in range(start, len(every) + 3):
            assert list(limited[start:stop]) == every[start:stop], (start, stop)
        if start < len(every):
            assert limited[start] == every[start]
    # Each kind is ordered and limited on its own where the database allows it (not SQLite); with
    # first_pages_only, for slices that end within the first items (7 here).
    limits = 3 if connection.features.supports_slicing_ordering_in_compound else 1
    assert _limits(limited[3:5]) == limits
    assert _limits(limited[3:7]) == limits
    assert _limits(limited[3:8]) == (1 if first_pages_only else limits)
    assert list(limited) == every
    assert limited.order_by()[:1000].count() == len(every)


def test_the_timeline_api_pages_through_every_tie_as_the_whole_union_orders_it(world, api_client):
    _timeline_with_every_tie(world)
    _limited, plain = _timeline_rows()
    every = [(row["item_type"], row["item_id"]) for row in plain]
    paged = []
    for number in range(1, 5):
        body = api_client.get("/api/v1/timeline/", {"page_size": 7, "page": number}).json()
        paged += [(item["type"], item.get("id")) for item in body["results"]]
        if body["next"] is None:
            break
    assert [kind for kind, _ in paged] == [kind for kind, _ in every]
    assert [pk for kind, pk in paged if kind == "statement"] == [pk for kind, pk in every if kind == "statement"]


def _page_query(queries) -> str:
    return next(q["sql"] for q in queries if q["sql"].lstrip("(").startswith("SELECT 'meeting'"))


@pytest.mark.parametrize("exact_count_limit", [10_000, 3], ids=["counted", "many"])
def test_a_topics_first_timeline_pages_read_each_kind_from_the_order_when_many_items_match(
    world, api_client, settings, exact_count_limit
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.API_EXACT_COUNT_LIMIT = exact_count_limit
    _timeline_with_every_tie(world)
    expected = _items(api_client, topic="syria", page_size=100)
    assert len(expected) == 12
    # PostgreSQL gives its estimate past the counting limit: the topic's first pages are then read each
    # kind from its order (and pages past its first 1,000 items from the plain union), in the same order.
    many = exact_count_limit == 3 and connection.vendor == "postgresql"
    paged = []
    for number in range(1, 4):
        with CaptureQueriesContext(connection) as queries:
            paged += _items(api_client, topic="syria", page_size=4, page=number)
        assert _page_query(queries.captured_queries).count("LIMIT") == (3 if many else 1)
    assert paged == expected


# ---------------------------------------------------------------- bad input, unknown slugs, read only


BAD_SCOPE = [
    ({"topic": "nothing"}, {"topic": NOT_A_CHOICE}),
    ({"date_after": "2017-13-01"}, {"date_after": ["Enter a valid date."]}),
    ({"date_before": "yesterday"}, {"date_before": ["Enter a valid date."]}),
    ({"status": "postponed"}, {"status": ["Select a valid choice. postponed is not one of the available choices."]}),
    (
        {"country": "Russia"},
        {
            "country": [
                "Enter an ISO 3166-1 alpha-2 country code in capitals, such as RU or US.",
                "Ensure this value has at most 2 characters (it has 6).",
            ]
        },
    ),
    (
        {"topic": "nothing", "date_after": "2017-02-30"},
        {"topic": NOT_A_CHOICE, "date_after": ["Enter a valid date."]},
    ),
]


@pytest.mark.parametrize(
    ("url", "params", "errors"),
    [
        *[("/api/v1/participants/rex-tillerson/counterparts/", params, errors) for params, errors in BAD_SCOPE],
        *[("/api/v1/network/", params, errors) for params, errors in BAD_SCOPE],
        ("/api/v1/timeline/", {"participant": "nobody"}, {"participant": NOT_A_CHOICE}),
        ("/api/v1/timeline/", {"topic": "nothing"}, {"topic": NOT_A_CHOICE}),
        ("/api/v1/timeline/", {"date_after": "2017-04-31"}, {"date_after": ["Enter a valid date."]}),
        ("/api/v1/timeline/", {"date_before": "2017-04-12T10:00"}, {"date_before": ["Enter a valid date."]}),
        ("/api/v1/timeline/", {"page_size": "0"}, {"page_size": ["Ensure this value is greater than or equal to 1."]}),
        (
            "/api/v1/timeline/",
            {"page_size": "1000"},
            {"page_size": ["Ensure this value is less than or equal to 100."]},
        ),
        ("/api/v1/timeline/", {"page": "first"}, {"page": ["A valid integer is required, not “first”."]}),
    ],
)
def test_bad_query_parameters_are_a_400_naming_the_parameter(world, api_client, url, params, errors):
    response = api_client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == errors


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/v1/meetings/no-such-meeting/positions/", "No Meeting matches the given query."),
        ("/api/v1/topics/no-such-topic/positions/", "No Topic matches the given query."),
        ("/api/v1/participants/nobody/counterparts/", "No Participant matches the given query."),
        ("/api/v1/meetings/not a slug!/positions/", "Not found."),
    ],
)
def test_an_unknown_slug_is_a_json_404(db, api_client, url, detail):
    response = api_client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/minsk-follow-up/positions/",
        "/api/v1/topics/syria/positions/",
        "/api/v1/participants/rex-tillerson/counterparts/",
        "/api/v1/network/",
        "/api/v1/timeline/",
    ],
)
def test_the_analysis_endpoints_are_read_only_even_for_a_curator(world, curator_client, url):
    response = curator_client.post(url, {}, format="json")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "POST" not allowed.'}
    assert curator_client.get(url).status_code == 200
