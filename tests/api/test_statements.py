import pytest
from django.core.cache import cache
from django.db import connection

from meetings.models import Statement
from tests.compact_forms import LAVROV, SOURCE, TALKS
from tests.factories import MeetingFactory, ParticipantFactory, SourceFactory, StatementFactory, TopicFactory
from tests.helpers import context, page, reviewed, selectors, stamps

pytestmark = pytest.mark.django_db


def frank_payload(world) -> dict:
    frank = world["frank"]
    return {
        "id": frank.pk,
        "slug": "lavrov-frank-and-comprehensive",
        "speaker": LAVROV,
        "via": None,
        "meeting": TALKS,
        "source": SOURCE,
        "kind": "direct_quote",
        "text": "frank and comprehensive",
        "span": {"start": 124, "end": 147},
        "context": context(frank),
        "selectors": selectors(frank),
        "topics": [{"slug": "syria", "name": "Syria"}],
        "said_on": "2017-04-12",
        "said_on_precision": "day",
        "channel": "press_conference",
        **reviewed(frank),
        **stamps(frank),
    }


def test_detail_shows_speaker_meeting_source_and_span(world, api_client):
    response = api_client.get(f"/api/v1/statements/{world['frank'].pk}/")
    assert response.status_code == 200
    assert response.json() == frank_payload(world)
    assert world["source"].text[124:147] == "frank and comprehensive"


def test_context_is_the_source_text_around_the_span(world, api_client):
    body = api_client.get(f"/api/v1/statements/{world['frank'].pk}/").json()
    assert body["context"]["before"].endswith('Lavrov described the talks as "')
    assert body["context"]["after"].startswith('," while Tillerson called them productive.')
    assert len(body["context"]["before"]) == 120


def test_list_is_in_source_text_order(world, api_client):
    response = api_client.get("/api/v1/statements/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [s["slug"] for s in body["results"]] == [
        "lavrov-frank-and-comprehensive",
        "tillerson-productive",
        "lavrov-intra-syrian-dialogue",
    ]
    assert body["results"][0] == {**frank_payload(world), "search_highlight": None}


def test_non_numeric_statement_id_is_a_404(api_client, db):
    response = api_client.get("/api/v1/statements/abc/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("count", [1, 30])
def test_list_runs_a_fixed_number_of_queries_whatever_the_page_size(count, api_client, django_assert_num_queries, db):
    source, speaker, meeting, topic = SourceFactory(), ParticipantFactory(), MeetingFactory(), TopicFactory()
    StatementFactory.create_batch(count, source=source, speaker=speaker, meeting=meeting, topics=[topic])
    # data version, count, the page's ids, those statements (with speaker, via, meeting and source), topics
    # (on PostgreSQL in the statements' query)
    for page_size in (1, 100):
        cache.clear()  # a first request: the count is made, not reused
        with django_assert_num_queries(4 if connection.vendor == "postgresql" else 5):
            response = api_client.get("/api/v1/statements/", {"page_size": page_size})
        assert len(response.json()["results"]) == min(count, page_size)


def test_curator_adds_a_verbatim_quote_and_the_system_finds_its_span(world, curator_client):
    response = curator_client.post(
        "/api/v1/statements/",
        {
            "speaker": "rex-tillerson",
            "meeting": "lavrov-tillerson-talks-2017",
            "source": "tillerson-visits-moscow",
            "kind": "direct_quote",
            "text": "Lavrov  met\u00a0U.S.",  # whitespace differs from the source's; words do not
            "topics": ["syria"],
            "channel": "briefing",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    statement = Statement.objects.get(pk=response.json()["id"])
    assert response.json()["slug"] == "rex-tillerson-lavrov-met-us"
    assert response.json()["span"] == {"start": statement.span_start, "end": statement.span_end}
    assert world["source"].text[statement.span_start : statement.span_end] == "Lavrov met U.S."


def test_a_quote_not_in_its_source_is_refused_with_the_mismatch_and_saves_nothing(world, curator_client):
    response = curator_client.post(
        "/api/v1/statements/",
        {
            "slug": "lavrov-invented",
            "speaker": "sergey-lavrov",
            "source": "tillerson-visits-moscow",
            "kind": "direct_quote",
            "text": "There must be an inclusive intra-Syrian monologue",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "text": [
            "Statement “lavrov-invented”: the direct quote “There must be an inclusive intra-Syrian monologue” "
            "does not occur in the source's text: it matches up to “There must be an inclusive intra-Syrian ” "
            "and differs from “monologue” on."
        ]
    }
    assert Statement.objects.count() == 3


def test_changing_a_quote_to_words_not_in_the_source_is_refused_and_keeps_the_old_text(world, curator_client):
    frank = world["frank"]
    response = curator_client.patch(f"/api/v1/statements/{frank.pk}/", {"text": "brutal and brief"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "text": [
            "Statement “lavrov-frank-and-comprehensive”: the direct quote “brutal and brief” does not occur "
            "in the source's text."
        ]
    }
    frank.refresh_from_db()
    assert (frank.text, frank.span_start, frank.span_end) == ("frank and comprehensive", 124, 147)


def test_moving_a_quote_to_another_source_relocates_it(world, curator_client):
    other = SourceFactory(slug="other", text="Intro. Lavrov described the talks as frank and comprehensive.")
    response = curator_client.patch(f"/api/v1/statements/{world['frank'].pk}/", {"source": "other"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["span"] == {"start": 37, "end": 60}
    assert other.text[37:60] == "frank and comprehensive"


def test_a_statement_cannot_be_relayed_by_its_speaker(world, curator_client):
    response = curator_client.patch(f"/api/v1/statements/{world['frank'].pk}/", {"via": "sergey-lavrov"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["A statement cannot be relayed by its own speaker."]}


def test_deleting_a_statement(world, curator_client):
    response = curator_client.delete(f"/api/v1/statements/{world['frank'].pk}/")
    assert response.status_code == 204
    assert not Statement.objects.filter(slug="lavrov-frank-and-comprehensive").exists()


def test_empty_list_page(api_client, db):
    assert api_client.get("/api/v1/statements/").json() == page([])


def test_a_precision_without_a_date_is_settled_as_unknown(world, curator_client):
    response = curator_client.patch(
        f"/api/v1/statements/{world['dialogue'].pk}/", {"said_on_precision": "day"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["said_on"], response.json()["said_on_precision"]) == (None, "unknown")


def test_removing_a_date_removes_its_precision(world, curator_client):
    frank = world["frank"]
    response = curator_client.patch(f"/api/v1/statements/{frank.pk}/", {"said_on": None}, format="json")
    assert response.status_code == 200, response.content
    frank.refresh_from_db()
    assert (frank.said_on, frank.said_on_precision) == (None, "unknown")
