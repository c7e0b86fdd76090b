"""``?fields=``, ``?omit=`` and ``?expand=`` on every list and detail: only the fields asked for, dotted
paths into nested forms, full records in place of compact ones; unknown names are 400s that name them;
fewer fields never cost more queries."""

import pytest
from django.core.cache import cache
from django.db import connection

from tests.helpers import stamps

POSTGRESQL = connection.vendor == "postgresql"

pytestmark = pytest.mark.django_db


def test_fields_keeps_only_those_fields_with_dotted_paths_into_nested_forms(world, api_client):
    frank = world["frank"]
    body = api_client.get(f"/api/v1/statements/{frank.pk}/", {"fields": "id,text,speaker.name,topics.slug"}).json()
    assert body == {
        "id": frank.pk,
        "speaker": {"name": "Sergey Lavrov"},
        "text": "frank and comprehensive",
        "topics": [{"slug": "syria"}],
    }
    page = api_client.get("/api/v1/meetings/", {"fields": "slug,date", "ordering": "title"}).json()
    assert page["results"] == [
        {"slug": "minsk-follow-up", "date": None},
        {"slug": "lavrov-tillerson-talks-2017", "date": "2017-04-12"},
        {"slug": "tillerson-visit-moscow-2017", "date": "2017-04-12"},
    ]


def test_omit_removes_fields_at_any_depth(world, api_client):
    body = api_client.get("/api/v1/topics/idlib-chemical-incident/", {"omit": "created_at,updated_at,children"}).json()
    assert body == {
        "slug": "idlib-chemical-incident",
        "name": "Chemical-weapons incident in Idlib",
        "description": "",
        "parent": "syria",
    }
    page = api_client.get(
        "/api/v1/meetings/",
        {
            "fields": "slug,participants",
            "omit": "participants.kind,participants.country",
            "ordering": "title",
            "page_size": 2,
        },
    ).json()
    assert page["results"] == [
        {
            "slug": "minsk-follow-up",
            "participants": [{"slug": "vladimir-putin", "name": "Vladimir Putin", "role": "host"}],
        },
        {
            "slug": "lavrov-tillerson-talks-2017",
            "participants": [
                {"slug": "sergey-lavrov", "name": "Sergey Lavrov", "role": "host"},
                {"slug": "rex-tillerson", "name": "Rex Tillerson", "role": "guest"},
            ],
        },
    ]


def test_fields_and_omit_together_leave_out_what_either_leaves_out(world, api_client):
    params = {"fields": "slug,name,parent", "omit": "parent,created_at,children"}
    assert api_client.get("/api/v1/topics/syria/", params).json() == {"slug": "syria", "name": "Syria"}


def test_expand_gives_the_full_record_of_a_relation(world, api_client):
    frank = world["frank"]
    lavrov, talks, syria = world["lavrov"], world["talks"], world["syria"]
    body = api_client.get(
        f"/api/v1/statements/{frank.pk}/", {"expand": "speaker,meeting,topics", "fields": "id,speaker,meeting,topics"}
    ).json()
    assert body == {
        "id": frank.pk,
        "speaker": {
            "slug": "sergey-lavrov",
            "name": "Sergey Lavrov",
            "other_names": ["Sergei Lavrov"],
            "kind": "person",
            "country": "RU",
            "position": "Foreign Minister of Russia",
            "wikidata_id": "",
            **stamps(lavrov),
        },
        "meeting": {
            "slug": "lavrov-tillerson-talks-2017",
            "title": "Lavrov–Tillerson talks",
            "kind": "talks",
            "status": "held",
            "date": "2017-04-12",
            "date_precision": "day",
            "date_basis": "source",
            "end_date": None,
            "city": "Moscow",
            "country": "RU",
            "summary": "Talks in Moscow.",
            "parent": "tillerson-visit-moscow-2017",
            "review_status": "verified",
            "verified_at": talks.verified_at.isoformat().replace("+00:00", "Z"),
            **stamps(talks),
        },
        "topics": [
            {
                "slug": "syria",
                "name": "Syria",
                "description": syria.description,
                "parent": None,
                "children": ["idlib-chemical-incident"],
                **stamps(syria),
            }
        ],
    }


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        (
            "/api/v1/topics/",
            {"fields": "slug,colour"},
            {
                "fields": [
                    "Unknown field “colour”; choose from: slug, name, description, parent, children, created_at, "
                    "updated_at, search_highlight."
                ]
            },
        ),
        (
            "/api/v1/topics/syria/",
            {"omit": "parent.name"},
            {"omit": ["“parent.name” reaches into a field that has no fields of its own."]},
        ),
        (
            "/api/v1/meetings/",
            {"fields": "slug,participants.age"},
            {"fields": ["Unknown field “participants.age”; choose from: slug, name, kind, country, role."]},
        ),
        (
            "/api/v1/statements/",
            {"expand": "speaker,colour"},
            {"expand": ["Cannot expand “colour”; choose from: speaker, via, meeting, source, topics."]},
        ),
        (
            "/api/v1/participants/",
            {"expand": "country"},
            {"expand": ["Cannot expand “country”; choose from: nothing (this resource has no relations to expand)."]},
        ),
        ("/api/v1/topics/", {"fields": ",".join(["slug"] * 51)}, {"fields": ["Ask for at most 50 names."]}),
    ],
)
def test_an_unknown_name_is_a_400_that_names_it(world, api_client, url, params, expected):
    response = api_client.get(url, params)
    assert (response.status_code, response.json()) == (400, expected)


def test_fewer_fields_never_cost_more_queries_and_expanding_costs_a_fixed_number(
    world, api_client, django_assert_num_queries
):
    # data version, count, the page's ids, those statements (with their speakers): topics are not read
    cache.clear()
    with django_assert_num_queries(4):
        assert api_client.get("/api/v1/statements/", {"fields": "id,speaker.name"}).status_code == 200
    cache.clear()
    # the same, with the full speaker and meeting in the statements' query, their topics and the topics'
    # children (on PostgreSQL in the statements' query too)
    with django_assert_num_queries(4 if POSTGRESQL else 6):
        response = api_client.get("/api/v1/statements/", {"expand": "speaker,via,meeting,source,topics"})
    assert len(response.json()["results"]) == 3
    # a detail: data version and record version, the statement (its topics are not asked for)
    with django_assert_num_queries(2):
        api_client.get(f"/api/v1/statements/{world['frank'].pk}/", {"fields": "id", "expand": "speaker"})


def test_meetings_expand_their_topics_and_sources(world, api_client, django_assert_num_queries):
    cache.clear()
    # data version, count, ids, meetings, topics (with parents), their children, sources (on PostgreSQL all
    # three in the meetings' query): the participants the fields leave out are not read
    with django_assert_num_queries(4 if POSTGRESQL else 7):
        body = api_client.get(
            "/api/v1/meetings/",
            {"expand": "topics,sources", "fields": "slug,topics.children,sources.content_hash", "ordering": "title"},
        ).json()
    source_hash = world["source"].content_hash
    assert body["results"] == [
        {"slug": "minsk-follow-up", "topics": [{"children": []}], "sources": [{"content_hash": source_hash}]},
        {
            "slug": "lavrov-tillerson-talks-2017",
            "topics": [{"children": []}],
            "sources": [{"content_hash": source_hash}],
        },
        {
            "slug": "tillerson-visit-moscow-2017",
            "topics": [{"children": ["idlib-chemical-incident"]}],
            "sources": [{"content_hash": source_hash}],
        },
    ]


def test_the_shape_is_part_of_the_etag(world, api_client):
    whole = api_client.get("/api/v1/topics/syria/")["ETag"]
    some = api_client.get("/api/v1/topics/syria/", {"fields": "slug"})
    assert some["ETag"] != whole
    assert (
        api_client.get("/api/v1/topics/syria/", {"fields": "slug"}, HTTP_IF_NONE_MATCH=some["ETag"]).status_code == 304
    )
