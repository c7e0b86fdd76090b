"""?search= in web-search syntax: full-text on PostgreSQL, substring elsewhere, same meaning."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.search import SPECS, Clause, parse
from meetings.search.substring import highlight
from tests.factories import StatementFactory


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def test_parse_words_phrases_exclusions_and_alternatives():
    assert parse('lavrov "chemical  weapons" -trump or putin') == [
        Clause(include=["lavrov", "chemical weapons"], exclude=["trump"]),
        Clause(include=["putin"]),
    ]


def test_parse_ignores_empty_pieces_and_a_dangling_or():
    assert parse(' or  "" - -"" lavrov or ') == [Clause(include=["lavrov"])]
    assert parse('-"bad idea') == [Clause(exclude=["bad idea"])]


def test_highlight_marks_every_term_in_a_snippet_around_the_first_match():
    text = "A" * 200 + " Lavrov met Tillerson; Lavrov spoke. " + "B" * 200
    snippet = highlight(text, ["lavrov"])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert snippet.count("<mark>Lavrov</mark>") == 2
    assert highlight("nothing here", ["lavrov"]) is None


pytestmark = pytest.mark.django_db


def slugs(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.json()
    return sorted(item.get("slug") for item in response.json()["results"])


def test_all_words_must_match(world, api_client):
    assert slugs(api_client, "/api/v1/statements/", search="inclusive dialogue") == ["lavrov-intra-syrian-dialogue"]
    assert slugs(api_client, "/api/v1/statements/", search="inclusive productive") == []


def test_a_quoted_phrase_matches_as_a_phrase(world, api_client):
    assert slugs(api_client, "/api/v1/statements/", search='"frank and comprehensive"') == [
        "lavrov-frank-and-comprehensive"
    ]
    assert slugs(api_client, "/api/v1/statements/", search='"comprehensive frank"') == []


def test_an_excluded_term_really_excludes(world, api_client):
    assert slugs(api_client, "/api/v1/statements/", search="lavrov -inclusive") == ["lavrov-frank-and-comprehensive"]
    assert slugs(api_client, "/api/v1/meetings/", search="moscow -talks") == ["tillerson-visit-moscow-2017"]


def test_or_separates_alternatives(world, api_client):
    assert slugs(api_client, "/api/v1/statements/", search="productive or inclusive") == [
        "lavrov-intra-syrian-dialogue",
        "tillerson-productive",
    ]


def test_statements_match_their_speakers_other_spellings(world, api_client):
    assert slugs(api_client, "/api/v1/statements/", search="Sergei") == [
        "lavrov-frank-and-comprehensive",
        "lavrov-intra-syrian-dialogue",
    ]


def test_every_list_searches(world, api_client):
    assert slugs(api_client, "/api/v1/participants/", search="Secretary") == ["rex-tillerson"]
    assert slugs(api_client, "/api/v1/topics/", search="Idlib") == ["idlib-chemical-incident"]
    assert slugs(api_client, "/api/v1/sources/", search="Tillerson") == ["tillerson-visits-moscow"]
    assert slugs(api_client, "/api/v1/meetings/", search="Minsk") == ["minsk-follow-up"]


def test_each_hit_carries_a_highlighted_snippet(world, api_client):
    results = api_client.get("/api/v1/statements/", {"search": "inclusive"}).json()["results"]
    assert len(results) == 1
    assert "<mark>inclusive</mark>" in results[0]["search_highlight"]
    assert api_client.get("/api/v1/statements/").json()["results"][0]["search_highlight"] is None


def test_an_overlong_or_nul_search_is_a_400(world, api_client):
    response = api_client.get("/api/v1/statements/", {"search": "x" * 201})
    assert response.status_code == 400
    assert response.json() == {"search": ["Ensure this value has at most 200 characters."]}
    response = api_client.get("/api/v1/statements/", {"search": "a\x00b"})
    assert response.status_code == 400
    assert response.json() == {"search": ["Null characters are not allowed."]}


def test_search_on_the_curated_data_finds_either_spelling_with_unicode_apostrophes(db, api_client):
    from django.core.management import call_command

    call_command("load_curated", verbosity=0)
    assert slugs(api_client, "/api/v1/participants/", search="Russia’s Foreign Ministry") == [
        "russian-foreign-ministry"
    ]


def test_search_runs_a_fixed_number_of_queries(world, api_client, django_assert_num_queries):
    StatementFactory.create_batch(20, source=world["source"], speaker=world["lavrov"], text="inclusive")
    # data version, count, the page's ids (ranked on PostgreSQL), those statements, topics
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/statements/", {"search": "inclusive", "page_size": 100})
    assert response.json()["count"] == 21


def test_postgresql_ranks_by_relevance_stems_words_and_uses_the_gin_indexes(world, api_client):
    if not is_postgresql():
        pytest.skip("full-text search is PostgreSQL's")
    StatementFactory(
        slug="much-inclusive",
        source=world["source"],
        speaker=world["tillerson"],
        kind="paraphrase",
        text="inclusive, inclusive and inclusive dialogue",
    )
    results = api_client.get("/api/v1/statements/", {"search": "inclusive"}).json()["results"]
    assert [r["slug"] for r in results] == ["much-inclusive", "lavrov-intra-syrian-dialogue"]
    # English stemming: "dialogues" finds "dialogue".
    assert slugs(api_client, "/api/v1/statements/", search="dialogues") == [
        "lavrov-intra-syrian-dialogue",
        "much-inclusive",
    ]
    assert results[0]["search_highlight"] == (
        "<mark>inclusive</mark>, <mark>inclusive</mark> and <mark>inclusive</mark> dialogue"
    )
    # The query that ranks and pages the matches reads the stored documents, which a GIN index
    # serves, and takes the speakers' matches as an array of ids, which PostgreSQL can OR with
    # that index (`IN (subquery)` would make it read every statement); it parses no text.
    with CaptureQueriesContext(connection) as captured:
        api_client.get("/api/v1/statements/", {"search": "inclusive"})
    ids_query = 'SELECT "meetings_statement"."id"'
    ranking = next(q["sql"] for q in captured.captured_queries if q["sql"].startswith(ids_query))
    assert '"meetings_statement"."search_document" @@' in ranking
    assert '"meetings_statement"."speaker_id" = ANY((ARRAY(SELECT' in ranking
    assert "to_tsvector" not in ranking
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'statement_search_idx'")
        assert cursor.fetchone()[0].endswith("USING gin (search_document)")


def test_past_the_counting_limit_postgresql_ranks_the_first_matches_found(world, api_client, settings):
    if not is_postgresql():
        pytest.skip("full-text search is PostgreSQL's")
    settings.API_EXACT_COUNT_LIMIT = 2
    StatementFactory.create_batch(
        3, source=world["source"], speaker=world["tillerson"], kind="paraphrase", text="inclusive"
    )
    body = api_client.get("/api/v1/statements/", {"search": "inclusive", "page_size": 10}).json()
    # Four match; the estimate says more than two and that it is not exact, and two are ranked.
    assert body["count_exact"] is False
    assert body["count"] >= 3
    assert len(body["results"]) == 2
    assert body["next"] is None
    assert all("<mark>inclusive</mark>" in result["search_highlight"] for result in body["results"])
    response = api_client.get("/api/v1/statements/", {"search": "inclusive", "page_size": 2, "page": 2})
    assert response.status_code == 404


def test_postgresql_stores_each_document_from_the_fields_its_spec_names():
    if not is_postgresql():
        pytest.skip("stored documents are PostgreSQL's")
    for model_name, spec in SPECS.items():
        table = apps.get_model("meetings", model_name)._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                "ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = %s::regclass AND a.attname = %s",
                [table.db_table, "search_document"],
            )
            expression = cursor.fetchone()[0]
        assert expression.startswith("to_tsvector('english'::regconfig, ")
        columns = re.findall(r'COALESCE\(\(?"?(\w+)', expression)
        assert columns == [table.get_field(name).column for name in spec.document], model_name
