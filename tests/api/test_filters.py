"""Each filter on its own, and the 400 a bad value gets."""

import datetime

import pytest

from meetings.choices import DateBasis, DatePrecision
from tests.factories import MeetingFactory, MeetingParticipantFactory, ParticipantFactory, SourceFactory

pytestmark = pytest.mark.django_db


def slugs(client, url: str, **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200, response.json()
    return [item.get("slug") for item in response.json()["results"]]


ALL_MEETINGS = ["lavrov-tillerson-talks-2017", "tillerson-visit-moscow-2017", "minsk-follow-up"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL_MEETINGS),
        ({"date_after": "2017-04-12"}, ALL_MEETINGS[:2]),
        ({"date_after": "2017-04-13"}, []),
        ({"date_before": "2017-04-11"}, []),
        ({"date_before": "2017-04-12"}, ALL_MEETINGS[:2]),
        ({"participant": "sergey-lavrov"}, ["lavrov-tillerson-talks-2017"]),
        ({"participant": "rex-tillerson"}, ALL_MEETINGS[:2]),
        ({"country": "RU"}, ALL_MEETINGS[:2]),
        ({"topic": "syria"}, ALL_MEETINGS[:2]),  # includes the Idlib subtopic
        ({"topic": "idlib-chemical-incident"}, ["lavrov-tillerson-talks-2017"]),
        ({"kind": "visit"}, ["tillerson-visit-moscow-2017"]),
        ({"status": "planned"}, ["minsk-follow-up"]),
        ({"source": "tillerson-visits-moscow"}, ALL_MEETINGS),
        ({"parent": "tillerson-visit-moscow-2017"}, ["lavrov-tillerson-talks-2017"]),
        ({"search": "moscow", "ordering": "title"}, ALL_MEETINGS[:2]),
        ({"search": "Minsk"}, ["minsk-follow-up"]),
        ({"ordering": "title"}, ["minsk-follow-up", "lavrov-tillerson-talks-2017", "tillerson-visit-moscow-2017"]),
        ({"ordering": "-title"}, ["tillerson-visit-moscow-2017", "lavrov-tillerson-talks-2017", "minsk-follow-up"]),
    ],
)
def test_meeting_filters(world, api_client, params, expected):
    assert slugs(api_client, "/api/v1/meetings/", **params) == expected


def test_a_month_precision_meeting_falls_inside_its_month(db, api_client):
    MeetingFactory(
        slug="june", date=datetime.date(2018, 6, 1), date_precision=DatePrecision.MONTH, date_basis=DateBasis.SOURCE
    )
    assert slugs(api_client, "/api/v1/meetings/", date_after="2018-06-01", date_before="2018-06-30") == ["june"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "sergey-lavrov"}, ["lavrov-frank-and-comprehensive", "lavrov-intra-syrian-dialogue"]),
        ({"speaker_country": "US"}, ["tillerson-productive"]),
        (
            {"meeting": "lavrov-tillerson-talks-2017"},
            ["lavrov-frank-and-comprehensive", "tillerson-productive", "lavrov-intra-syrian-dialogue"],
        ),
        ({"topic": "syria"}, ["lavrov-frank-and-comprehensive", "lavrov-intra-syrian-dialogue"]),
        ({"topic": "idlib-chemical-incident"}, ["lavrov-intra-syrian-dialogue"]),
        ({"kind": "paraphrase"}, ["tillerson-productive"]),
        ({"channel": "press_conference"}, ["lavrov-frank-and-comprehensive"]),
        (
            {"source": "tillerson-visits-moscow", "kind": "direct_quote"},
            ["lavrov-frank-and-comprehensive", "lavrov-intra-syrian-dialogue"],
        ),
        ({"date_after": "2017-04-12", "date_before": "2017-04-12"}, ["lavrov-frank-and-comprehensive"]),
        ({"search": "intra-Syrian"}, ["lavrov-intra-syrian-dialogue"]),
        ({"search": "Sergei"}, ["lavrov-frank-and-comprehensive", "lavrov-intra-syrian-dialogue"]),
    ],
)
def test_statement_filters(world, api_client, params, expected):
    assert slugs(api_client, "/api/v1/statements/", **params) == expected


def test_statement_via_filter(world, api_client):
    world["productive"].via = world["lavrov"]
    world["productive"].save()
    assert slugs(api_client, "/api/v1/statements/", via="sergey-lavrov") == ["tillerson-productive"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "RU"}, ["sergey-lavrov", "vladimir-putin"]),
        ({"kind": "institution"}, []),
        ({"met_with": "sergey-lavrov"}, ["rex-tillerson"]),
        ({"met_with": "vladimir-putin"}, []),
        ({"search": "Secretary of State"}, ["rex-tillerson"]),
        ({"ordering": "-name"}, ["vladimir-putin", "sergey-lavrov", "rex-tillerson"]),
    ],
)
def test_participant_filters(world, api_client, params, expected):
    assert slugs(api_client, "/api/v1/participants/", **params) == expected


def test_met_with_counts_each_counterpart_once(db, api_client):
    a, b = ParticipantFactory(slug="a"), ParticipantFactory(slug="b")
    for meeting in MeetingFactory.create_batch(2):
        MeetingParticipantFactory(meeting=meeting, participant=a)
        MeetingParticipantFactory(meeting=meeting, participant=b)
    assert slugs(api_client, "/api/v1/participants/", met_with="a") == ["b"]


def test_topic_parent_filter(world, api_client):
    assert slugs(api_client, "/api/v1/topics/", parent="syria") == ["idlib-chemical-incident"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"publisher": "sputnik"}, ["b", "tillerson-visits-moscow"]),
        ({"kind": "opinion"}, ["a"]),
        ({"date_after": "2017-04-13"}, ["a"]),
        ({"date_before": "2017-04-12"}, ["b"]),
        ({"language": "ru"}, ["a"]),
        ({"search": "Duma"}, ["a"]),
    ],
)
def test_source_filters(world, api_client, params, expected):
    SourceFactory(
        slug="a", title="A", publisher="Duma", kind="opinion", language="ru", published_on=datetime.date(2017, 4, 14)
    )
    SourceFactory(slug="b", title="B", published_on=datetime.date(2017, 4, 12))
    assert slugs(api_client, "/api/v1/sources/", **params) == expected


@pytest.mark.parametrize(
    ("url", "params", "errors"),
    [
        ("/api/v1/meetings/", {"date_after": "2017-13-01"}, {"date_after": ["Enter a valid date."]}),
        ("/api/v1/meetings/", {"date_before": "yesterday"}, {"date_before": ["Enter a valid date."]}),
        ("/api/v1/meetings/", {"date_after": "12/04/2017"}, {"date_after": ["Enter a valid date."]}),
        (
            "/api/v1/meetings/",
            {"participant": "nobody"},
            {"participant": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            "/api/v1/meetings/",
            {"topic": "nothing"},
            {"topic": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            "/api/v1/meetings/",
            {"kind": "duel"},
            {"kind": ["Select a valid choice. duel is not one of the available choices."]},
        ),
        (
            "/api/v1/meetings/",
            {"country": "Russia"},
            {
                "country": [
                    "Enter an ISO 3166-1 alpha-2 country code in capitals, such as RU or US.",
                    "Ensure this value has at most 2 characters (it has 6).",
                ]
            },
        ),
        (
            "/api/v1/statements/",
            {"speaker": "nobody"},
            {"speaker": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            "/api/v1/statements/",
            {"kind": "rumour"},
            {"kind": ["Select a valid choice. rumour is not one of the available choices."]},
        ),
        (
            "/api/v1/participants/",
            {"met_with": "nobody"},
            {"met_with": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ("/api/v1/sources/", {"date_after": "2017-02-30"}, {"date_after": ["Enter a valid date."]}),
        (
            "/api/v1/meetings/",
            {"ordering": "secret_field"},
            {
                "ordering": [
                    "Unknown ordering field “secret_field”; choose from: created_at, date, title, updated_at, "
                    "each optionally prefixed with “-” for descending order."
                ]
            },
        ),
        (
            "/api/v1/meetings/",
            {"page_size": "1000"},
            {"page_size": ["Ensure this value is less than or equal to 100."]},
        ),
        ("/api/v1/meetings/", {"page_size": "0"}, {"page_size": ["Ensure this value is greater than or equal to 1."]}),
        ("/api/v1/meetings/", {"page_size": "ten"}, {"page_size": ["A valid integer is required, not “ten”."]}),
        ("/api/v1/meetings/", {"page": "-1"}, {"page": ["Ensure this value is greater than or equal to 1."]}),
        ("/api/v1/meetings/", {"page": "first"}, {"page": ["A valid integer is required, not “first”."]}),
    ],
)
def test_bad_query_parameters_are_a_400_naming_the_parameter(world, api_client, url, params, errors):
    response = api_client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == errors


def test_a_page_past_the_end_is_a_404(world, api_client):
    response = api_client.get("/api/v1/meetings/", {"page": 9})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_pages_link_to_each_other(world, api_client):
    body = api_client.get("/api/v1/meetings/", {"page_size": 2}).json()
    assert (body["count"], len(body["results"])) == (3, 2)
    assert body["next"] == "http://testserver/api/v1/meetings/?page=2&page_size=2"
    assert body["previous"] is None
