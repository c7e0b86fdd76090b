"""W3C Web Annotation anchors: every statement's selectors, and a source's statements as an AnnotationCollection."""

import jsonschema
import pytest
from django.db import connection

from meetings.choices import ReviewStatus, StatementKind
from meetings.models import Source, Statement
from tests.factories import ParticipantFactory, SourceFactory, StatementFactory
from tests.helpers import stamps, streamed_json

pytestmark = pytest.mark.django_db

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LD_JSON = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
WORLD = "http://testserver/api/v1/sources/tillerson-visits-moscow/"
COLLECTION = f"{WORLD}annotations/"
URL = "/api/v1/sources/tillerson-visits-moscow/annotations/"


def tail(world) -> str:
    """The world source's last line, which numbers the article ("(Article 3.)"): the text ends with it."""
    return world["source"].text.rsplit("\n\n", 1)[1]


# ---------------------------------------------------------------- selectors on the statement forms


def test_a_statement_carries_a_position_and_a_quote_selector(world, api_client):
    body = api_client.get(f"/api/v1/statements/{world['frank'].pk}/").json()
    assert body["selectors"] == [
        {"type": "TextPositionSelector", "start": 124, "end": 147},
        {
            "type": "TextQuoteSelector",
            "exact": "frank and comprehensive",
            "prefix": '\nLavrov described the talks as "',
            "suffix": '," while Tillerson called them p',
        },
    ]
    text = world["source"].text
    position, quote = body["selectors"]
    assert quote["exact"] == text[position["start"] : position["end"]]
    assert quote["prefix"] == text[position["start"] - 32 : position["start"]]
    assert quote["suffix"] == text[position["end"] : position["end"] + 32]
    assert len(quote["prefix"]) == len(quote["suffix"]) == 32


def test_exact_is_the_source_s_characters_where_the_stored_text_differs_in_whitespace(world, api_client):
    # The source has a no-break space where the statement's text has a plain one.
    dialogue = world["dialogue"]
    assert dialogue.text == "There must be an inclusive intra-Syrian dialogue,"
    body = api_client.get(f"/api/v1/statements/{dialogue.pk}/").json()
    assert body["selectors"] == [
        {"type": "TextPositionSelector", "start": 192, "end": 241},
        {
            "type": "TextQuoteSelector",
            "exact": "There must be an inclusive\u00a0intra-Syrian dialogue,",
            "prefix": 'erson called them productive.\n\n"',
            "suffix": '" Lavrov said.\n\n' + tail(world),
        },
    ]
    assert body["selectors"][1]["exact"] == world["source"].text[192:241] != dialogue.text


def test_offsets_count_code_points_as_the_w3c_model_does(api_client, db):
    # An emoji is one code point, two UTF-16 code units and four UTF-8 bytes: the offsets, and the
    # passage the database cuts, count it as one character.
    source = SourceFactory(text='\U0001f600 Lavrov called the talks "frank and comprehensive" \U0001f600 today.')
    statement = StatementFactory(source=source, text="frank and comprehensive")
    body = api_client.get(f"/api/v1/statements/{statement.pk}/").json()
    assert body["selectors"] == [
        {"type": "TextPositionSelector", "start": 27, "end": 50},
        {
            "type": "TextQuoteSelector",
            "exact": "frank and comprehensive",
            "prefix": '\U0001f600 Lavrov called the talks "',
            "suffix": '" \U0001f600 today.',
        },
    ]


def test_every_curated_statement_quotes_its_source_exactly(curated, api_client):
    texts = dict(Source.objects.values_list("slug", "text"))
    results = api_client.get("/api/v1/statements/", {"page_size": 100}).json()["results"]
    assert len(results) == Statement.objects.filter(review_status=ReviewStatus.VERIFIED).count() > 50
    for entry in results:
        text = texts[entry["source"]["slug"]]
        if entry["span"] is None:
            assert entry["selectors"] is None
            continue
        start, end = entry["span"]["start"], entry["span"]["end"]
        assert entry["selectors"] == [
            {"type": "TextPositionSelector", "start": start, "end": end},
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - 32) : start],
                "suffix": text[end : end + 32],
            },
        ], entry["slug"]


def test_a_paraphrase_without_a_span_has_no_selectors(world, api_client):
    own_words = StatementFactory(
        source=world["source"], speaker=world["lavrov"], kind=StatementKind.PARAPHRASE, text="The talks went well."
    )
    body = api_client.get(f"/api/v1/statements/{own_words.pk}/").json()
    assert (body["span"], body["context"], body["selectors"]) == (None, None, None)


def test_the_public_gets_selectors_of_a_source_whose_text_it_does_not_get(world, api_client):
    assert world["source"].redistributable is False
    assert api_client.get(f"{WORLD}").json()["text"] is None
    results = api_client.get("/api/v1/statements/").json()["results"]
    exacts = {entry["slug"]: entry["selectors"][1]["exact"] for entry in results}
    assert exacts == {
        "lavrov-frank-and-comprehensive": "frank and comprehensive",
        "tillerson-productive": "Tillerson called them productive",
        "lavrov-intra-syrian-dialogue": "There must be an inclusive\u00a0intra-Syrian dialogue,",
    }


def test_a_written_statement_is_answered_with_its_selectors(world, curator_client):
    response = curator_client.post(
        "/api/v1/statements/",
        {
            "speaker": "sergey-lavrov",
            "source": "tillerson-visits-moscow",
            "kind": "direct_quote",
            "text": "There must be an  inclusive intra-Syrian dialogue,",
            "occurrence": 1,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["selectors"][1] == {
        "type": "TextQuoteSelector",
        "exact": "There must be an inclusive\u00a0intra-Syrian dialogue,",
        "prefix": 'erson called them productive.\n\n"',
        "suffix": '" Lavrov said.\n\n' + tail(world),
    }


def test_the_meeting_detail_and_the_export_carry_the_statements_selectors(world, api_client):
    detail = api_client.get(f"/api/v1/statements/{world['frank'].pk}/").json()["selectors"]
    meeting = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/").json()
    assert next(s for s in meeting["statements"] if s["slug"] == "lavrov-frank-and-comprehensive")["selectors"] == (
        detail
    )
    export = streamed_json(api_client.get("/api/v1/export/"))
    assert next(s for s in export["statements"] if s["id"] == world["frank"].pk)["selectors"] == detail


# ---------------------------------------------------------------- the annotation collection


def annotation(statement, speaker: str, name: str, kind: str, start: int, end: int, exact, prefix, suffix) -> dict:
    """A world statement as an annotation of the world source."""
    timestamps = stamps(statement)
    return {
        "id": f"http://testserver/api/v1/statements/{statement.pk}/",
        "type": "Annotation",
        "motivation": "identifying",
        "created": timestamps["created_at"],
        "modified": timestamps["updated_at"],
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": statement.text,
                "format": "text/plain",
                "language": "en",
            },
            {"type": "TextualBody", "purpose": "classifying", "value": kind, "format": "text/plain"},
            {
                "type": "SpecificResource",
                "purpose": "identifying",
                "source": {"id": f"http://testserver/api/v1/participants/{speaker}/", "type": "Person", "name": name},
            },
        ],
        "target": {
            "type": "SpecificResource",
            "source": WORLD,
            "selector": [
                {"type": "TextPositionSelector", "start": start, "end": end},
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
            ],
        },
    }


def world_collection(world) -> dict:
    frank = annotation(
        world["frank"],
        "sergey-lavrov",
        "Sergey Lavrov",
        "direct_quote",
        124,
        147,
        "frank and comprehensive",
        '\nLavrov described the talks as "',
        '," while Tillerson called them p',
    )
    productive = annotation(
        world["productive"],
        "rex-tillerson",
        "Rex Tillerson",
        "paraphrase",
        156,
        188,
        "Tillerson called them productive",
        'frank and comprehensive," while ',
        '.\n\n"There must be an inclusive\u00a0i',
    )
    dialogue = annotation(
        world["dialogue"],
        "sergey-lavrov",
        "Sergey Lavrov",
        "direct_quote",
        192,
        241,
        "There must be an inclusive\u00a0intra-Syrian dialogue,",
        'erson called them productive.\n\n"',
        '" Lavrov said.\n\n' + tail(world),
    )
    return {
        "@context": CONTEXT,
        "id": COLLECTION,
        "type": "AnnotationCollection",
        "label": "Tillerson Visits Moscow",
        "total": 3,
        "first": {
            "id": f"{COLLECTION}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [frank, productive, dialogue],
        },
        "last": f"{COLLECTION}#page-1",
    }


def test_a_source_s_statements_are_a_w3c_annotation_collection_in_json_ld(world, api_client):
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == LD_JSON
    assert response.json() == world_collection(world)


def test_the_collection_is_the_document_the_openapi_schema_describes(world, api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    answers = schema["paths"]["/api/v1/sources/{slug}/annotations/"]["get"]["responses"]["200"]["content"]
    assert set(answers) == {"application/ld+json", "application/json"}
    collection = {"$ref": "#/components/schemas/AnnotationCollection", "components": schema["components"]}
    jsonschema.validate(api_client.get(URL).json(), collection)
    example = answers["application/ld+json"]["examples"]["ASourceWithOneStatement"]["value"]
    jsonschema.validate(example, collection)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**example, "total": "1"}, collection)


def test_each_annotation_quotes_the_source_s_text_around_its_span(world, api_client):
    text = world["source"].text
    for item in api_client.get(URL).json()["first"]["items"]:
        position, quote = item["target"]["selector"]
        start, end = position["start"], position["end"]
        assert (quote["exact"], quote["prefix"], quote["suffix"]) == (
            text[start:end],
            text[max(0, start - 32) : start],
            text[end : end + 32],
        )


@pytest.mark.parametrize(
    ("accept", "query", "content_type"),
    [
        ("application/ld+json", {}, LD_JSON),
        ("application/json", {}, "application/json"),
        ("*/*", {}, LD_JSON),
        ("*/*", {"format": "json"}, "application/json"),
        ("*/*", {"format": "jsonld"}, LD_JSON),
    ],
)
def test_json_ld_or_plain_json_the_same_document(world, api_client, accept, query, content_type):
    response = api_client.get(URL, query, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.json() == world_collection(world)


def test_drafts_are_annotations_for_curators_only(world, api_client, reader_client, curator_client):
    draft = StatementFactory(
        source=world["source"],
        speaker=world["lavrov"],
        text="Lavrov met U.S.",
        review_status=ReviewStatus.DRAFT,
        verified_at=None,
    )
    assert api_client.get(URL).json() == world_collection(world)
    assert reader_client.get(URL).json() == world_collection(world)
    curated = curator_client.get(URL).json()
    assert curated["total"] == 4
    assert [item["id"] for item in curated["first"]["items"]] == [
        f"http://testserver/api/v1/statements/{draft.pk}/",
        *(item["id"] for item in world_collection(world)["first"]["items"]),
    ]
    assert curated["first"]["items"][0]["target"]["selector"][1]["exact"] == "Lavrov met U.S."


def test_a_source_with_no_located_statement_is_an_empty_collection(api_client, db):
    source = SourceFactory(slug="quiet", title="Nothing said")
    StatementFactory(source=source, kind=StatementKind.PARAPHRASE, text="Words of the curator's own.")
    response = api_client.get("/api/v1/sources/quiet/annotations/")
    assert response.status_code == 200
    assert response.json() == {
        "@context": CONTEXT,
        "id": "http://testserver/api/v1/sources/quiet/annotations/",
        "type": "AnnotationCollection",
        "label": "Nothing said",
        "total": 0,
    }


def test_an_institution_speaks_as_an_organization(api_client, db):
    source = SourceFactory(slug="statement-of-the-ministry")
    ministry = ParticipantFactory(slug="mfa-russia", name="Russian Foreign Ministry", kind="institution")
    StatementFactory(source=source, speaker=ministry)
    item = api_client.get("/api/v1/sources/statement-of-the-ministry/annotations/").json()["first"]["items"][0]
    assert item["body"][2] == {
        "type": "SpecificResource",
        "purpose": "identifying",
        "source": {
            "id": "http://testserver/api/v1/participants/mfa-russia/",
            "type": "Organization",
            "name": "Russian Foreign Ministry",
        },
    }


@pytest.mark.parametrize("accept", ["application/ld+json", "application/json"])
def test_an_unknown_source_is_a_json_404(api_client, db, accept):
    response = api_client.get("/api/v1/sources/no-such-source/annotations/", HTTP_ACCEPT=accept)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "No Source matches the given query."}


def test_an_unknown_format_is_a_json_400_that_names_the_choices(world, api_client):
    response = api_client.get(URL, {"format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"format": ["Unknown format “csv”; choose from: jsonld, json."]}


def test_an_unacceptable_accept_is_a_json_406(world, api_client):
    response = api_client.get(URL, HTTP_ACCEPT="text/csv")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Could not satisfy the request Accept header."}


def test_the_collection_answers_304_to_its_etag(world, api_client):
    first = api_client.get(URL)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    again = api_client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content) == (304, b"")
    # Another media type is another representation.
    assert api_client.get(URL, HTTP_ACCEPT="application/json")["ETag"] != first["ETag"]
    world["frank"].save()
    assert api_client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_only_get_is_allowed(world, curator_client):
    response = curator_client.post(URL, {}, format="json")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "POST" not allowed.'}


# ---------------------------------------------------------------- query budgets


@pytest.mark.parametrize("count", [1, 30])
def test_the_collection_runs_a_fixed_number_of_queries(count, api_client, django_assert_num_queries, db):
    source = SourceFactory(slug="busy")
    for speaker in ParticipantFactory.create_batch(3):
        StatementFactory.create_batch(count, source=source, speaker=speaker)
    # data version; the source (without its text); its located statements with their speakers and passages
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/sources/busy/annotations/")
    assert response.json()["total"] == Statement.objects.filter(source=source).count() == 3 * count


@pytest.mark.parametrize("count", [1, 30])
def test_selectors_cost_the_statement_list_no_query(count, api_client, django_assert_num_queries, db):
    source, speaker = SourceFactory(), ParticipantFactory()
    StatementFactory.create_batch(count, source=source, speaker=speaker)
    # data version, count, the page's ids, those statements (with their passages), their topics (on
    # PostgreSQL in the statements' query)
    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 5):
        response = api_client.get("/api/v1/statements/", {"page_size": 100})
    assert [entry["selectors"][1]["exact"] for entry in response.json()["results"]] == [
        "frank and comprehensive"
    ] * count
