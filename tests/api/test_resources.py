"""Participants, topics and sources: list and detail payloads, writes, query budgets."""

import pytest
from django.core.cache import cache

from meetings.models import Participant, Source, Topic, content_hash
from tests.factories import ParticipantFactory, SourceFactory, TopicFactory
from tests.helpers import page, stamps

pytestmark = pytest.mark.django_db


def lavrov_payload(world) -> dict:
    return {
        "slug": "sergey-lavrov",
        "name": "Sergey Lavrov",
        "other_names": ["Sergei Lavrov"],
        "kind": "person",
        "country": "RU",
        "position": "Foreign Minister of Russia",
        "wikidata_id": "",
        **stamps(world["lavrov"]),
    }


def test_participants_list_is_alphabetical(world, api_client):
    body = api_client.get("/api/v1/participants/").json()
    assert [p["slug"] for p in body["results"]] == ["rex-tillerson", "sergey-lavrov", "vladimir-putin"]
    assert body["results"][1] == {**lavrov_payload(world), "search_highlight": None}


def test_participant_detail(world, api_client):
    response = api_client.get("/api/v1/participants/sergey-lavrov/")
    assert response.status_code == 200
    assert response.json() == lavrov_payload(world)


def test_searching_either_spelling_finds_the_participant(world, api_client):
    for spelling in ("Sergei", "sergey"):
        body = api_client.get("/api/v1/participants/", {"search": spelling}).json()
        assert [p["slug"] for p in body["results"]] == ["sergey-lavrov"], spelling


def test_curator_creates_a_participant(db, curator_client):
    response = curator_client.post(
        "/api/v1/participants/",
        {
            "slug": "john-bolton",
            "name": "John Bolton",
            "kind": "person",
            "country": "US",
            "position": "US National Security Adviser",
            "other_names": ["Bolton"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "slug": "john-bolton",
        "name": "John Bolton",
        "other_names": ["Bolton"],
        "kind": "person",
        "country": "US",
        "position": "US National Security Adviser",
        "wikidata_id": "",
        **stamps(Participant.objects.get()),
    }


def test_participant_with_a_bad_wikidata_id_and_country_is_refused(db, curator_client):
    response = curator_client.post(
        "/api/v1/participants/",
        {"slug": "x", "name": "X", "kind": "person", "country": "us", "wikidata_id": "42"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "country": ["Enter an ISO 3166-1 alpha-2 country code in capitals, such as RU or US."],
        "wikidata_id": ["Enter a Wikidata item id such as Q22686."],
    }
    assert not Participant.objects.exists()


def test_deleting_a_participant_who_spoke_is_a_409(world, curator_client):
    response = curator_client.delete("/api/v1/participants/sergey-lavrov/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Cannot delete this record: it is still referred to by meeting participants, statements."
    }
    assert Participant.objects.filter(slug="sergey-lavrov").exists()


def test_topics_list_and_detail_show_the_tree(world, api_client):
    body = api_client.get("/api/v1/topics/").json()
    assert body == page(
        [
            {
                "slug": "idlib-chemical-incident",
                "name": "Chemical-weapons incident in Idlib",
                "description": "",
                "parent": "syria",
                "children": [],
                **stamps(world["idlib"]),
                "search_highlight": None,
            },
            {
                "slug": "syria",
                "name": "Syria",
                "description": "",
                "parent": None,
                "children": ["idlib-chemical-incident"],
                **stamps(world["syria"]),
                "search_highlight": None,
            },
            {
                "slug": "ukraine",
                "name": "Ukraine",
                "description": "",
                "parent": None,
                "children": [],
                **stamps(world["ukraine"]),
                "search_highlight": None,
            },
        ]
    )
    syria = {key: value for key, value in body["results"][1].items() if key != "search_highlight"}
    assert api_client.get("/api/v1/topics/syria/").json() == syria


def test_topic_cannot_be_moved_under_its_own_descendant(world, curator_client):
    response = curator_client.patch("/api/v1/topics/syria/", {"parent": "idlib-chemical-incident"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"parent": ["A topic cannot be its own ancestor."]}
    assert Topic.objects.get(slug="syria").parent is None


def source_payload(source, **extra) -> dict:
    return {
        "slug": source.slug,
        "title": source.title,
        "publisher": source.publisher,
        "author": "",
        "kind": "news_report",
        "published_on": None,
        "url": "",
        "language": "en",
        "redistributable": source.redistributable,
        "content_hash": content_hash(source.text),
        **stamps(source),
        **extra,
    }


def test_sources_list_leaves_out_the_text_and_detail_has_it(world, api_client):
    source = world["source"]
    source.redistributable = True
    source.save()
    assert api_client.get("/api/v1/sources/").json() == page([source_payload(source, search_highlight=None)])
    frank, productive, dialogue = world["frank"], world["productive"], world["dialogue"]
    assert api_client.get(f"/api/v1/sources/{source.slug}/").json() == source_payload(
        source,
        text=source.text,
        spans=[
            {
                "id": frank.pk,
                "slug": frank.slug,
                "speaker": "sergey-lavrov",
                "kind": "direct_quote",
                "start": 124,
                "end": 147,
            },
            {
                "id": productive.pk,
                "slug": productive.slug,
                "speaker": "rex-tillerson",
                "kind": "paraphrase",
                "start": 156,
                "end": 188,
            },
            {
                "id": dialogue.pk,
                "slug": dialogue.slug,
                "speaker": "sergey-lavrov",
                "kind": "direct_quote",
                "start": 192,
                "end": 241,
            },
        ],
    )
    assert source.text[156:188] == "Tillerson called them productive"


def test_the_text_of_a_source_that_is_not_redistributable_is_for_curators_only(world, api_client, curator_client):
    source = world["source"]
    assert source.redistributable is False
    public = api_client.get(f"/api/v1/sources/{source.slug}/").json()
    assert (public["redistributable"], public["text"], public["content_hash"]) == (
        False,
        None,
        content_hash(source.text),
    )
    # Where each statement stands is still given: a reader re-anchors the quotes in their own copy.
    assert [(span["start"], span["end"]) for span in public["spans"]] == [(124, 147), (156, 188), (192, 241)]
    assert curator_client.get(f"/api/v1/sources/{source.slug}/").json()["text"] == source.text
    # A curator who learns that the article's licence allows it says so, and the public gets the text.
    url = f"/api/v1/sources/{source.slug}/"
    assert curator_client.patch(url, {"redistributable": True}, format="json").json()["redistributable"] is True
    assert api_client.get(url).json()["text"] == source.text
    # Only true or false says so: a number is not converted.
    refused = curator_client.patch(url, {"redistributable": 0}, format="json")
    assert (refused.status_code, refused.json()) == (400, {"redistributable": ["Must be true or false."]})


def test_curator_adds_a_source_and_its_hash_is_computed(db, curator_client):
    response = curator_client.post(
        "/api/v1/sources/",
        {"slug": "new-article", "title": "New article", "kind": "analysis", "text": "Body\u00a0text."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["content_hash"] == content_hash("Body\u00a0text.")


def test_the_same_text_added_twice_is_refused_naming_the_existing_source(world, curator_client):
    response = curator_client.post(
        "/api/v1/sources/",
        {"slug": "copy", "title": "Copy", "kind": "news_report", "text": world["source"].text},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"text": ["This text is already stored as source “tillerson-visits-moscow”."]}
    assert Source.objects.count() == 1


def test_a_cited_source_cannot_be_deleted(world, curator_client):
    response = curator_client.delete("/api/v1/sources/tillerson-visits-moscow/")
    assert response.status_code == 409
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    ("url", "make", "queries"),
    [
        # data version, count, page (+ children for topics)
        ("/api/v1/participants/", lambda n: ParticipantFactory.create_batch(n), 3),
        ("/api/v1/topics/", lambda n: TopicFactory.create_batch(n, parent=TopicFactory()), 4),
        ("/api/v1/sources/", lambda n: SourceFactory.create_batch(n), 3),
    ],
)
def test_lists_run_a_fixed_number_of_queries_whatever_the_page_size(
    url, make, queries, api_client, django_assert_num_queries, db
):
    for count in (1, 30):
        make(count)
        for page_size in (1, 100):
            cache.clear()  # a first request: the count is made, not reused
            with django_assert_num_queries(queries):
                response = api_client.get(url, {"page_size": page_size})
            assert response.status_code == 200
