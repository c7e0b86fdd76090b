"""Paging: counts that stop counting, look-ahead for the next page, stable orders."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.choices import DatePrecision, StatementKind
from tests.factories import MeetingFactory, ParticipantFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _meetings(count: int, **fields) -> None:
    MeetingFactory.create_batch(count, **fields)


def test_a_page_holds_the_count_the_links_and_the_results(api_client):
    _meetings(3)
    body = api_client.get("/api/v1/meetings/", {"page_size": 2}).json()
    assert list(body) == ["count", "count_exact", "next", "previous", "results"]
    assert body["next"] == "http://testserver/api/v1/meetings/?page=2&page_size=2"
    assert body["previous"] is None


def test_a_count_within_the_limit_is_exact(api_client, settings):
    settings.API_EXACT_COUNT_LIMIT = 10
    _meetings(3)
    body = api_client.get("/api/v1/meetings/", {"page_size": 2}).json()
    assert (body["count"], body["count_exact"]) == (3, True)


def test_past_the_limit_postgresql_estimates_and_says_so(api_client, settings):
    settings.API_EXACT_COUNT_LIMIT = 2
    _meetings(5)
    body = api_client.get("/api/v1/meetings/", {"page_size": 2}).json()
    if connection.vendor == "postgresql":
        # The planner's estimate, but never less than what was counted before stopping.
        assert body["count_exact"] is False
        assert body["count"] >= 3
    else:
        assert (body["count"], body["count_exact"]) == (5, True)
    assert len(body["results"]) == 2


def test_counting_stops_at_the_limit(api_client, settings):
    settings.API_EXACT_COUNT_LIMIT = 2
    _meetings(5)
    with CaptureQueriesContext(connection) as captured:
        api_client.get("/api/v1/meetings/", {"page_size": 1})
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert counts[0].endswith("LIMIT 3) subquery")
    if connection.vendor == "postgresql":
        # Then the planner's estimate, not a count.
        assert len(counts) == 1
        assert any(q["sql"].startswith("EXPLAIN (FORMAT JSON)") for q in captured.captured_queries)


def test_pages_follow_each_other_when_the_count_is_an_estimate(api_client, settings):
    settings.API_EXACT_COUNT_LIMIT = 1
    _meetings(5)
    seen, url, pages = [], "/api/v1/meetings/?page_size=2", 0
    while url:
        body = api_client.get(url).json()
        seen += [meeting["slug"] for meeting in body["results"]]
        url, pages = body["next"], pages + 1
    # The last page knows it is last by looking one record ahead, not from the count.
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5


def test_a_page_past_the_end_is_a_404_however_the_count_was_made(api_client, settings):
    _meetings(3)
    for limit in (1, 10):
        settings.API_EXACT_COUNT_LIMIT = limit
        for page in ("3", "9" * 30):
            response = api_client.get("/api/v1/meetings/", {"page": page, "page_size": 2})
            assert response.status_code == 404, (limit, page)
            assert response.json() == {"detail": "Invalid page."}


def test_the_previous_link_of_the_second_page_is_the_first(api_client):
    _meetings(3)
    body = api_client.get("/api/v1/meetings/", {"page": 2, "page_size": 2}).json()
    assert body["previous"] == "http://testserver/api/v1/meetings/?page_size=2"
    assert body["next"] is None


def test_a_requested_order_breaks_ties_by_id_so_pages_never_overlap(api_client):
    _meetings(7, date=datetime.date(2017, 4, 12), date_precision=DatePrecision.DAY, date_basis="source")
    seen = []
    for page in (1, 2, 3, 4):
        body = api_client.get("/api/v1/meetings/", {"ordering": "-date", "page": page, "page_size": 2}).json()
        seen += [meeting["slug"] for meeting in body["results"]]
    assert len(seen) == len(set(seen)) == 7


def test_statements_come_newest_first_then_undated_then_in_text_order(api_client):
    source, speaker = SourceFactory(), ParticipantFactory()

    def said(slug, text, day):
        dated = {"said_on": day, "said_on_precision": DatePrecision.DAY} if day else {}
        StatementFactory(slug=slug, source=source, speaker=speaker, kind=StatementKind.PARAPHRASE, text=text, **dated)

    said("undated-late", "inclusive", None)  # later in the text than the other undated one
    said("undated-early", "Sergei Lavrov", None)
    said("older", "Rex Tillerson", datetime.date(2017, 4, 11))
    said("newer", "frank and comprehensive", datetime.date(2017, 4, 12))
    slugs = [s["slug"] for s in api_client.get("/api/v1/statements/").json()["results"]]
    assert slugs == ["newer", "older", "undated-early", "undated-late"]


def _count_queries(api_client, url, params) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        body = api_client.get(url, params).json()
    return sum(q["sql"].startswith("SELECT COUNT(*)") for q in captured.captured_queries), body


def test_a_count_is_made_once_per_version_of_the_data(api_client):
    _meetings(3)
    counted, body = _count_queries(api_client, "/api/v1/meetings/", {"page_size": 2})
    assert (counted, body["count"]) == (1, 3)
    # The next page, or the same one again, reuses it.
    counted, body = _count_queries(api_client, "/api/v1/meetings/", {"page_size": 2, "page": 2})
    assert (counted, body["count"], len(body["results"])) == (0, 3, 1)
    # Any change to the data is a new version: counted afresh.
    MeetingFactory()
    counted, body = _count_queries(api_client, "/api/v1/meetings/", {"page_size": 2, "page": 2})
    assert (counted, body["count"], len(body["results"])) == (1, 4, 2)


def test_counts_of_different_filters_are_kept_apart(api_client):
    _meetings(2, kind="talks")
    _meetings(1, kind="summit")
    assert api_client.get("/api/v1/meetings/").json()["count"] == 3
    assert api_client.get("/api/v1/meetings/", {"kind": "summit"}).json()["count"] == 1
    assert api_client.get("/api/v1/meetings/", {"kind": "talks"}).json()["count"] == 2
