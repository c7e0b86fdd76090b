"""``?facet=`` on the meeting and statement lists: counts over the whole filtered result, labels and the URL
of the list narrowed to each value; at most 30 values and a count of the rest; a time budget whose
overrun names the facet instead of failing the page."""

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection

from meetings.api.facets import time_limited
from meetings.models import Meeting, Topic
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "http://testserver/api/v1/"


def entry(value, label, count, url):
    return {"value": value, "label": label, "count": count, "url": BASE + url if url else None}


def test_meeting_facets_count_the_whole_filtered_result(world, api_client):
    # The most frequent values first; equal counts in the order the values were created.
    body = api_client.get(
        "/api/v1/meetings/", {"facet": "topic,participant,country,kind,status,year", "page_size": 1, "fields": "slug"}
    ).json()
    facet = "facet=topic%2Cparticipant%2Ccountry%2Ckind%2Cstatus%2Cyear"
    query = f"meetings/?{facet}&fields=slug&page_size=1"
    assert body["count"] == 3 and len(body["results"]) == 1
    assert body["facets"] == {
        "topic": [
            entry("syria", "Syria", 1, f"{query}&topic=syria"),
            entry(
                "idlib-chemical-incident",
                "Chemical-weapons incident in Idlib",
                1,
                f"{query}&topic=idlib-chemical-incident",
            ),
            entry("ukraine", "Ukraine", 1, f"{query}&topic=ukraine"),
        ],
        "participant": [
            entry("rex-tillerson", "Rex Tillerson", 2, f"{query}&participant=rex-tillerson"),
            entry("sergey-lavrov", "Sergey Lavrov", 1, f"{query}&participant=sergey-lavrov"),
            entry("vladimir-putin", "Vladimir Putin", 1, f"{query}&participant=vladimir-putin"),
        ],
        "country": [entry("RU", "Russian Federation", 2, f"meetings/?country=RU&{facet}&fields=slug&page_size=1")],
        "kind": [
            entry("talks", "Talks", 2, f"meetings/?{facet}&fields=slug&kind=talks&page_size=1"),
            entry("visit", "Visit", 1, f"meetings/?{facet}&fields=slug&kind=visit&page_size=1"),
        ],
        "status": [
            entry("held", "Held", 2, f"{query}&status=held"),
            entry("planned", "Planned", 1, f"{query}&status=planned"),
        ],
        "year": [
            entry(
                "2017",
                "2017",
                2,
                f"meetings/?date_after=2017-01-01&date_before=2017-12-31&{facet}&fields=slug&page_size=1",
            )
        ],
    }
    assert body["facets_timed_out"] == []


def test_statement_facets_follow_the_filters_and_replace_a_single_valued_filter(world, api_client):
    body = api_client.get(
        "/api/v1/statements/", {"speaker": "sergey-lavrov", "facet": ["speaker", "kind", "channel"]}
    ).json()
    facets = "facet=speaker&facet=kind&facet=channel"
    query = f"statements/?{facets}&speaker="
    assert body["count"] == 2
    assert body["facets"] == {
        "speaker": [entry("sergey-lavrov", "Sergey Lavrov", 2, f"{query}sergey-lavrov")],
        "kind": [
            entry("direct_quote", "Direct quote", 2, f"statements/?{facets}&kind=direct_quote&speaker=sergey-lavrov")
        ],
        "channel": [
            entry(
                "press_conference",
                "Press conference",
                1,
                f"statements/?channel=press_conference&{facets}&speaker=sergey-lavrov",
            ),
            entry("unknown", "Unknown", 1, f"statements/?channel=unknown&{facets}&speaker=sergey-lavrov"),
        ],
    }
    other = api_client.get("/api/v1/statements/", {"facet": "speaker_country,topic,year"}).json()
    query = "statements/?facet=speaker_country%2Ctopic%2Cyear"
    assert other["facets"] == {
        "speaker_country": [
            entry("RU", "Russian Federation", 2, f"{query}&speaker_country=RU"),
            entry("US", "United States", 1, f"{query}&speaker_country=US"),
        ],
        "topic": [
            entry("syria", "Syria", 1, f"{query}&topic=syria"),
            entry(
                "idlib-chemical-incident",
                "Chemical-weapons incident in Idlib",
                1,
                f"{query}&topic=idlib-chemical-incident",
            ),
        ],
        "year": [entry("2017", "2017", 1, "statements/?date_after=2017-01-01&date_before=2017-12-31&" + query[12:])],
    }


def test_at_most_thirty_values_then_a_count_of_the_rest(world, api_client):
    source = world["source"]
    for number in range(32):
        topic = Topic.objects.create(slug=f"topic-{number:02}", name=f"Topic {number:02}")
        meeting = factories.MeetingFactory(slug=f"meeting-{number:02}", sources=[source], topics=[topic])
        if number < 2:  # Ukraine is on three meetings: it comes first
            meeting.topics.add(Topic.objects.get(slug="ukraine"))
    body = api_client.get("/api/v1/meetings/", {"facet": "topic", "page_size": 1}).json()
    values = [(item["value"], item["count"]) for item in body["facets"]["topic"]]
    assert values[:2] == [("ukraine", 3), ("syria", 1)]
    assert len(values) == 31
    # 35 topics in all: the 30 shown, and 5 more with one meeting each
    assert body["facets"]["topic"][-1] == {"value": None, "label": "Other", "count": 5, "url": None}


def test_facets_past_the_time_budget_are_named_and_the_page_still_answers(world, api_client, settings):
    settings.FACET_TIME_LIMIT_MS = 0
    response = api_client.get("/api/v1/meetings/", {"facet": "topic,year"})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["facets"], body["facets_timed_out"]) == (3, {}, ["topic", "year"])


def test_the_database_cancels_a_facet_query_that_runs_past_its_time(db):
    slow = (
        "SELECT pg_sleep(2)"
        if connection.vendor == "postgresql"
        else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    with pytest.raises(OperationalError), time_limited("default", 0.05), connection.cursor() as cursor:
        cursor.execute(slow)
    # The limit ends with the block: the connection works as before.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        (
            "/api/v1/meetings/",
            {"facet": "topic,colour"},
            {"facet": ["Unknown facet “colour”; choose from: topic, participant, country, kind, status, year."]},
        ),
        (
            "/api/v1/statements/",
            {"facet": "status"},
            {"facet": ["Unknown facet “status”; choose from: speaker, speaker_country, topic, kind, channel, year."]},
        ),
        (
            "/api/v1/topics/",
            {"facet": "parent"},
            {"facet": ["This list has no facets; the meeting and statement lists do."]},
        ),
    ],
)
def test_an_unknown_facet_is_a_400_that_names_it(world, api_client, url, params, expected):
    response = api_client.get(url, params)
    assert (response.status_code, response.json()) == (400, expected)


def test_each_facet_costs_a_fixed_number_of_queries(world, api_client, django_assert_num_queries):
    cache.clear()
    # data version, count, ids, meetings, participants, topics, sources (on PostgreSQL the last three in the
    # meetings' query); then per facet: the grouped values, and the labels of related records (topic,
    # participant) where there are any; on PostgreSQL each facet also sets its time limit and puts it back,
    # in a savepoint of its own.
    postgresql = connection.vendor == "postgresql"
    page = 4 if postgresql else 7
    limits = 4 * 4 if postgresql else 0
    with django_assert_num_queries(page + 2 + 2 + 1 + 1 + limits):
        response = api_client.get("/api/v1/meetings/", {"facet": "topic,participant,kind,year"})
    assert set(response.json()["facets"]) == {"topic", "participant", "kind", "year"}
    assert Meeting.objects.count() == 3
