"""Several values in one filter: commas mean any of them, a repeated parameter all of them.

`kind=talks,phone_call&topic=syria&topic=ukraine` is (talks or phone call) and on Syria and on
Ukraine. The rule holds for every relation, choice and country filter of the lists; an unknown
value among several is named in the 400; a list is never longer, and no dearer in queries, for
several values than for one. `ordering=` takes several keys.
"""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection

from meetings.choices import DateBasis, DatePrecision
from meetings.filters import (
    MAX_VALUES,
    MeetingFilter,
    ParticipantFilter,
    SourceFilter,
    StatementFilter,
    TopicFilter,
)
from tests.factories import MeetingFactory, SourceFactory

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"

TALKS, VISIT, MINSK = "lavrov-tillerson-talks-2017", "tillerson-visit-moscow-2017", "minsk-follow-up"
FRANK, PRODUCTIVE, DIALOGUE = "lavrov-frank-and-comprehensive", "tillerson-productive", "lavrov-intra-syrian-dialogue"
LAVROV, TILLERSON, PUTIN = "sergey-lavrov", "rex-tillerson", "vladimir-putin"


def page(client, url: str, params) -> dict:
    """The whole first page, each record by its slug; ``params`` may repeat a name (a list of values)."""
    response = client.get(url, params)
    assert response.status_code == 200, response.json()
    body = response.json()
    return {**body, "results": [record["slug"] for record in body["results"]]}


def whole(slugs: list[str]) -> dict:
    return {"count": len(slugs), "count_exact": True, "next": None, "previous": None, "results": slugs}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # any of the participants: the talks, which both attended, come once
        ({"participant": f"{LAVROV},{TILLERSON}"}, [TALKS, VISIT]),
        ({"participant": f"{LAVROV},{PUTIN}"}, [TALKS, MINSK]),
        # all of them: the meetings both attended
        ({"participant": [LAVROV, TILLERSON]}, [TALKS]),
        ({"participant": [TILLERSON, LAVROV]}, [TALKS]),
        ({"participant": [LAVROV, PUTIN]}, []),
        # (Lavrov or Putin) and Tillerson
        ({"participant": [f"{LAVROV},{PUTIN}", TILLERSON]}, [TALKS]),
        # the same value twice is that value once
        ({"participant": [f"{TILLERSON},{TILLERSON}", TILLERSON]}, [TALKS, VISIT]),
        # a topic includes those below it, in a list as alone
        ({"topic": "syria,ukraine"}, [TALKS, VISIT, MINSK]),
        ({"topic": "idlib-chemical-incident,ukraine"}, [TALKS, MINSK]),
        ({"topic": ["syria", "ukraine"]}, []),
        ({"topic": ["syria", "idlib-chemical-incident"]}, [TALKS]),
        ({"topic": ["syria,ukraine", "idlib-chemical-incident,ukraine"]}, [TALKS, MINSK]),
        ({"kind": "visit,phone_call"}, [VISIT]),
        ({"kind": "talks,visit"}, [TALKS, VISIT, MINSK]),
        ({"kind": ["talks", "visit"]}, []),
        ({"kind": ["talks,visit", "visit,summit"]}, [VISIT]),
        ({"status": "planned,cancelled"}, [MINSK]),
        ({"country": "US,RU"}, [TALKS, VISIT]),
        ({"country": ["RU", "US"]}, []),
        ({"source": "tillerson-visits-moscow"}, [TALKS, VISIT, MINSK]),
        ({"source": ["tillerson-visits-moscow", "tillerson-visits-moscow"]}, [TALKS, VISIT, MINSK]),
        ({"parent": f"{VISIT},{TALKS}"}, [TALKS]),
        # the rule's own example: (talks or phone call) and on Syria and on Idlib
        ({"kind": "talks,phone_call", "topic": ["syria", "idlib-chemical-incident"]}, [TALKS]),
        ({"kind": "talks,phone_call", "topic": ["syria", "ukraine"]}, []),
        # lists combine with the other filters, search and ordering
        ({"participant": f"{TILLERSON},{PUTIN}", "country": "RU", "ordering": "-title"}, [VISIT, TALKS]),
        ({"topic": "syria,ukraine", "search": "Minsk"}, [MINSK]),
        # empty items are ignored, as an empty parameter is
        ({"kind": "visit,"}, [VISIT]),
        ({"kind": ",summit,,visit,"}, [VISIT]),
        ({"kind": ","}, [TALKS, VISIT, MINSK]),
        ({"participant": ["", LAVROV]}, [TALKS]),
    ],
)
def test_meetings(world, api_client, params, expected):
    assert page(api_client, "/api/v1/meetings/", params) == whole(expected)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": f"{TILLERSON},{LAVROV}"}, [FRANK, PRODUCTIVE, DIALOGUE]),
        ({"speaker": [TILLERSON, LAVROV]}, []),
        ({"speaker_country": "US,RU"}, [FRANK, PRODUCTIVE, DIALOGUE]),
        ({"speaker_country": ["US", "RU"]}, []),
        ({"speaker_country": "US,RU", "speaker": LAVROV}, [FRANK, DIALOGUE]),
        ({"meeting": f"{TALKS},{VISIT}"}, [FRANK, PRODUCTIVE, DIALOGUE]),
        ({"meeting": f"{VISIT},{MINSK}"}, []),
        ({"topic": "idlib-chemical-incident,ukraine"}, [DIALOGUE]),
        ({"topic": ["syria", "idlib-chemical-incident"]}, [DIALOGUE]),
        ({"topic": ["syria,idlib-chemical-incident", "syria"]}, [FRANK, DIALOGUE]),
        ({"kind": "paraphrase,direct_quote"}, [FRANK, PRODUCTIVE, DIALOGUE]),
        ({"kind": ["paraphrase", "direct_quote"]}, []),
        ({"channel": "press_conference,interview"}, [FRANK]),
        ({"source": "tillerson-visits-moscow", "kind": "paraphrase,"}, [PRODUCTIVE]),
    ],
)
def test_statements(world, api_client, params, expected):
    assert page(api_client, "/api/v1/statements/", params) == whole(expected)


def test_statements_by_who_relayed_them(world, api_client):
    world["productive"].via = world["lavrov"]
    world["productive"].save()
    assert page(api_client, "/api/v1/statements/", {"via": f"{PUTIN},{LAVROV}"}) == whole([PRODUCTIVE])
    assert page(api_client, "/api/v1/statements/", {"via": [PUTIN, LAVROV]}) == whole([])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "US,RU"}, [TILLERSON, LAVROV, PUTIN]),
        ({"country": ["US", "RU"]}, []),
        ({"kind": "institution,person"}, [TILLERSON, LAVROV, PUTIN]),
        # everyone who met Lavrov or Tillerson: each of them met the other
        ({"met_with": f"{LAVROV},{TILLERSON}"}, [TILLERSON, LAVROV]),
        ({"met_with": f"{LAVROV},{PUTIN}"}, [TILLERSON]),
        # everyone who met both: nobody but the two of them met either
        ({"met_with": [LAVROV, TILLERSON]}, []),
        ({"met_with": [f"{LAVROV},{PUTIN}", TILLERSON]}, []),
        ({"met_with": [f"{LAVROV},{PUTIN}", LAVROV]}, [TILLERSON]),
    ],
)
def test_participants(world, api_client, params, expected):
    assert page(api_client, "/api/v1/participants/", params) == whole(expected)


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def test_a_participant_list_filtered_by_several_values_in_full(world, api_client):
    tillerson = world["tillerson"]
    response = api_client.get("/api/v1/participants/", {"met_with": f"{LAVROV},{PUTIN}", "kind": "person,"})
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "count_exact": True,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": TILLERSON,
                "name": "Rex Tillerson",
                "other_names": [],
                "kind": "person",
                "country": "US",
                "position": "US Secretary of State",
                "wikidata_id": "",
                "created_at": _iso(tillerson.created_at),
                "updated_at": _iso(tillerson.updated_at),
                "search_highlight": None,
            }
        ],
    }


def test_topics_and_sources(world, api_client):
    assert page(api_client, "/api/v1/topics/", {"parent": "ukraine,syria"}) == whole(["idlib-chemical-incident"])
    assert page(api_client, "/api/v1/topics/", {"parent": ["ukraine", "syria"]}) == whole([])
    SourceFactory(slug="a", title="A", kind="opinion")
    SourceFactory(slug="b", title="B", kind="analysis")
    assert page(api_client, "/api/v1/sources/", {"kind": "opinion,analysis"}) == whole(["a", "b"])
    assert page(api_client, "/api/v1/sources/", {"kind": ["opinion", "analysis"]}) == whole([])


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        (
            "/api/v1/meetings/",
            {"participant": ["sergey-lavrov", "rex-tillerson"], "page_size": 100},
            [
                "lavrov-tillerson-press-conference-moscow-2017-04-12",
                "lavrov-tillerson-talks-moscow-2017-04-12",
                "lavrov-tillerson-call-us-strike-syria-2017-04",
                "putin-tillerson-meeting-moscow-2017-04",
                "tillerson-visit-moscow-2017-04",
                "lavrov-tillerson-meeting-bonn-2017-02-16",
                "g20-foreign-ministers-meeting-bonn-2017-02",
                "lavrov-tillerson-meeting-us-2017",
                "lavrov-visit-us-2017",
                "lavrov-tillerson-call-churkin-death",
            ],
        ),
        (
            "/api/v1/meetings/",
            {"kind": "talks,phone_call", "topic": ["syria", "ukraine"]},
            ["lavrov-tillerson-talks-moscow-2017-04-12", "tillerson-poroshenko-call"],
        ),
        (
            "/api/v1/meetings/",
            {"topic": "syria,ukraine", "kind": "phone_call,visit"},
            [
                "lavrov-tillerson-call-us-strike-syria-2017-04",
                "tillerson-visit-moscow-2017-04",
                "lavrov-visit-us-2017",
                "tillerson-poroshenko-call",
            ],
        ),
        ("/api/v1/participants/", {"met_with": ["sergey-lavrov", "rex-tillerson"]}, ["donald-trump", "vladimir-putin"]),
        (
            "/api/v1/participants/",
            {"met_with": "donald-trump,vladimir-putin", "country": "US"},
            ["donald-trump", "john-bolton", "rex-tillerson"],
        ),
        (
            "/api/v1/statements/",
            {"speaker": "sergey-lavrov", "topic": ["syria", "ukraine"]},
            [
                "lavrov-us-visit-key-issues-ukraine-syria",
                "lavrov-us-visit-issues-discussed-with-trump",
                "lavrov-us-visit-agreed-to-continue-working",
            ],
        ),
    ],
)
def test_the_curated_data(curated, api_client, url, params, expected):
    assert page(api_client, url, params) == whole(expected)


NOT_A_CHOICE = "Select a valid choice. {} is not one of the available choices."


@pytest.mark.parametrize(
    ("url", "params", "errors"),
    [
        # one value: the message it has always had
        (
            "/api/v1/meetings/",
            {"participant": "nobody"},
            {"participant": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            "/api/v1/meetings/",
            {"participant": "nobody,"},
            {"participant": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        # several: each unknown one named, once, in the order given
        (
            "/api/v1/meetings/",
            {"participant": f"nobody,{LAVROV},no-one,nobody"},
            {"participant": [NOT_A_CHOICE.format("nobody"), NOT_A_CHOICE.format("no-one")]},
        ),
        (
            "/api/v1/meetings/",
            {"participant": [LAVROV, "nobody"]},
            {"participant": [NOT_A_CHOICE.format("nobody")]},
        ),
        ("/api/v1/meetings/", {"topic": "syria,nothing"}, {"topic": [NOT_A_CHOICE.format("nothing")]}),
        ("/api/v1/meetings/", {"source": ["x", "y"]}, {"source": [NOT_A_CHOICE.format(v) for v in "xy"]}),
        ("/api/v1/meetings/", {"parent": f"{VISIT},{LAVROV}"}, {"parent": [NOT_A_CHOICE.format(LAVROV)]}),
        (
            "/api/v1/meetings/",
            {"kind": "talks,duel,joust"},
            {"kind": [NOT_A_CHOICE.format("duel"), NOT_A_CHOICE.format("joust")]},
        ),
        ("/api/v1/meetings/", {"kind": "talks, visit"}, {"kind": [NOT_A_CHOICE.format(" visit")]}),
        ("/api/v1/meetings/", {"status": ["held", "over"]}, {"status": [NOT_A_CHOICE.format("over")]}),
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
            "/api/v1/meetings/",
            {"country": ["RU", "Russia,ru"]},
            {
                "country": [
                    "“Russia” is not an ISO 3166-1 alpha-2 country code in capitals, such as RU or US.",
                    "“ru” is not an ISO 3166-1 alpha-2 country code in capitals, such as RU or US.",
                ]
            },
        ),
        # every parameter with a problem is named
        (
            "/api/v1/meetings/",
            {"participant": "nobody,no-one", "kind": "duel", "topic": "syria"},
            {
                "participant": [NOT_A_CHOICE.format("nobody"), NOT_A_CHOICE.format("no-one")],
                "kind": [NOT_A_CHOICE.format("duel")],
            },
        ),
        ("/api/v1/statements/", {"speaker": f"{LAVROV},nobody"}, {"speaker": [NOT_A_CHOICE.format("nobody")]}),
        ("/api/v1/statements/", {"via": ["nobody", "x"]}, {"via": [NOT_A_CHOICE.format(v) for v in ("nobody", "x")]}),
        ("/api/v1/statements/", {"meeting": f"{TALKS},x"}, {"meeting": [NOT_A_CHOICE.format("x")]}),
        ("/api/v1/statements/", {"channel": "tv,interview"}, {"channel": [NOT_A_CHOICE.format("tv")]}),
        ("/api/v1/statements/", {"kind": ["rumour", "paraphrase"]}, {"kind": [NOT_A_CHOICE.format("rumour")]}),
        (
            "/api/v1/statements/",
            {"speaker_country": "US,USA"},
            {"speaker_country": ["“USA” is not an ISO 3166-1 alpha-2 country code in capitals, such as RU or US."]},
        ),
        ("/api/v1/participants/", {"met_with": f"{LAVROV},x"}, {"met_with": [NOT_A_CHOICE.format("x")]}),
        ("/api/v1/participants/", {"kind": "person,robot"}, {"kind": [NOT_A_CHOICE.format("robot")]}),
        ("/api/v1/topics/", {"parent": "syria,x"}, {"parent": [NOT_A_CHOICE.format("x")]}),
        ("/api/v1/sources/", {"kind": "opinion,rumour"}, {"kind": [NOT_A_CHOICE.format("rumour")]}),
        # at most MAX_VALUES values in all, counted before any is looked up
        (
            "/api/v1/meetings/",
            {"topic": ",".join(["nothing"] * (MAX_VALUES + 1))},
            {"topic": [f"Ensure this filter has at most {MAX_VALUES} values (it has {MAX_VALUES + 1})."]},
        ),
        (
            "/api/v1/meetings/",
            {"participant": [f"{LAVROV},{TILLERSON}"] * 11},
            {"participant": [f"Ensure this filter has at most {MAX_VALUES} values (it has 22)."]},
        ),
        (
            "/api/v1/statements/",
            {"kind": ["direct_quote"] * (MAX_VALUES + 1)},
            {"kind": [f"Ensure this filter has at most {MAX_VALUES} values (it has {MAX_VALUES + 1})."]},
        ),
    ],
)
def test_a_bad_value_among_several_is_a_400_naming_it(world, api_client, url, params, errors):
    response = api_client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == errors


def test_as_many_values_as_allowed_are_taken(world, api_client):
    many = [f"{LAVROV},{TILLERSON}"] * (MAX_VALUES // 2)
    assert page(api_client, "/api/v1/meetings/", {"participant": many}) == whole([TALKS, VISIT])
    assert page(api_client, "/api/v1/meetings/", {"kind": ",".join(["visit"] * MAX_VALUES) + ","}) == whole([VISIT])


@pytest.mark.parametrize(
    ("url", "one", "several", "queries"),
    [
        # data version, count, the page's ids, those meetings, participants, topics, sources (on PostgreSQL the
        # three in the meetings' query); + the participants by slug, the topics by slug, one walk down the topic
        # tree, the sources by slug
        (
            "/api/v1/meetings/",
            {"participant": LAVROV, "topic": "syria", "kind": "talks", "source": "tillerson-visits-moscow"},
            {
                "participant": [f"{LAVROV},{PUTIN}", TILLERSON],
                "topic": ["syria,ukraine", "idlib-chemical-incident", "syria"],
                "kind": ["talks,visit", "talks"],
                "source": ["tillerson-visits-moscow", "tillerson-visits-moscow,tillerson-visits-moscow"],
            },
            8 if POSTGRESQL else 11,
        ),
        # data version, count, the page's ids, those statements, topics (on PostgreSQL in the statements' query);
        # + the speakers by slug, the meetings by slug, the topics by slug, one walk down the topic tree
        (
            "/api/v1/statements/",
            {"speaker": LAVROV, "meeting": TALKS, "topic": "syria", "channel": "press_conference"},
            {
                "speaker": [f"{LAVROV},{TILLERSON}", LAVROV],
                "meeting": f"{TALKS},{VISIT}",
                "topic": ["syria", "idlib-chemical-incident,syria"],
                "channel": "press_conference,interview",
            },
            8 if POSTGRESQL else 9,
        ),
        # data version, count, the page; + the participants met with, by slug
        ("/api/v1/participants/", {"met_with": LAVROV}, {"met_with": [f"{LAVROV},{PUTIN}", LAVROV]}, 4),
    ],
)
def test_several_values_cost_no_more_queries_than_one(
    world, api_client, django_assert_num_queries, url, one, several, queries
):
    for params in (one, several):
        cache.clear()  # a first request: the count is made, not reused
        with django_assert_num_queries(queries):
            response = api_client.get(url, params)
        assert response.status_code == 200, response.json()
        assert len(response.json()["results"]) == 1  # a page with a record, both times: the same work


def _dated(slug: str, title: str, day: int) -> None:
    MeetingFactory(
        slug=slug,
        title=title,
        date=datetime.date(2018, 6, day),
        date_precision=DatePrecision.DAY,
        date_basis=DateBasis.SOURCE,
    )


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-date,title", ["b-late", "a-early", "c-early", "d-early"]),
        ("-date,-title", ["b-late", "d-early", "c-early", "a-early"]),
        ("date,title", ["a-early", "c-early", "d-early", "b-late"]),
        ("title,date", ["a-early", "b-late", "c-early", "d-early"]),
        (" -date , title ,", ["b-late", "a-early", "c-early", "d-early"]),
        # the first key decides; a later one only breaks its ties, and equal records stay in id order
        ("-date,date", ["b-late", "c-early", "a-early", "d-early"]),
    ],
)
def test_ordering_takes_several_keys(db, api_client, ordering, expected):
    # Created out of title order, so that the id order differs from every ordering above.
    _dated("c-early", "C", 1)
    _dated("b-late", "B", 2)
    _dated("a-early", "A", 1)
    _dated("d-early", "D", 1)
    assert page(api_client, "/api/v1/meetings/", {"ordering": ordering}) == whole(expected)


def test_an_unknown_key_among_several_is_a_400_naming_it(db, api_client):
    response = api_client.get("/api/v1/meetings/", {"ordering": "-date,colour,title"})
    assert response.status_code == 400
    assert response.json() == {
        "ordering": [
            "Unknown ordering field “colour”; choose from: created_at, date, title, updated_at, "
            "each optionally prefixed with “-” for descending order."
        ]
    }


def test_the_csv_applies_the_same_rule(world, api_client):
    response = api_client.get(
        "/api/v1/meetings/", {"format": "csv", "participant": [LAVROV, TILLERSON], "kind": "talks,visit"}
    )
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")))
    assert [row["slug"] for row in rows] == [TALKS]


def test_the_browsable_api_shows_each_repeated_value_in_its_own_box(world, api_client):
    response = api_client.get(
        f"/api/v1/meetings/?kind=talks,visit&kind=visit&participant={LAVROV}", HTTP_ACCEPT="text/html"
    )
    assert response.status_code == 200
    html = response.content.decode()
    for box in [
        '<input type="text" name="kind" value="talks,visit" aria-describedby="id_kind_helptext" id="id_kind">',
        '<input type="text" name="kind" value="visit" aria-describedby="id_kind_helptext">',
        f'<input type="text" name="participant" value="{LAVROV}" aria-describedby="id_participant_helptext" '
        'id="id_participant">',
    ]:
        assert box in html


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def _parameter(schema: dict, path: str, name: str) -> dict:
    return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name and p["in"] == "query")


def test_the_document_describes_a_repeatable_relation_filter(schema):
    assert _parameter(schema, "/api/v1/meetings/", "participant") == {
        "in": "query",
        "name": "participant",
        "schema": {"type": "array", "items": {"type": "string"}},
        "description": (
            "Slug of a participant: meetings they took part in. Several values: comma-separated for any of them "
            "(`sergey-lavrov,rex-tillerson`), the parameter repeated for all of them "
            f"(`participant=sergey-lavrov&participant=rex-tillerson`). At most {MAX_VALUES} values in all; "
            "an empty item is ignored."
        ),
        "explode": True,
        "style": "form",
        "examples": {
            "AnyOf": {"summary": "Any of them", "value": ["sergey-lavrov,rex-tillerson"]},
            "AllOf": {"summary": "All of them", "value": ["sergey-lavrov", "rex-tillerson"]},
        },
        "allowEmptyValue": True,
    }


def test_the_document_describes_a_repeatable_choice_filter(schema):
    choice = "(?:direct_quote|paraphrase)"
    assert _parameter(schema, "/api/v1/statements/", "kind") == {
        "in": "query",
        "name": "kind",
        "schema": {"type": "array", "items": {"type": "string", "pattern": f"^{choice}?(?:,{choice}?)*$"}},
        "description": (
            "Direct quote or paraphrase. Several values: comma-separated for any of them "
            f"(`direct_quote,paraphrase`), the parameter repeated for all of them. At most {MAX_VALUES} values "
            "in all; an empty item is ignored.\n\n* `direct_quote` - Direct quote\n* `paraphrase` - Paraphrase"
        ),
        "explode": True,
        "style": "form",
        "examples": {"AnyOf": {"summary": "Any of them", "value": ["direct_quote,paraphrase"]}},
        "allowEmptyValue": True,
    }


@pytest.mark.parametrize(
    ("path", "filterset", "repeatable"),
    [
        (
            "/api/v1/meetings/",
            MeetingFilter,
            {"participant", "country", "topic", "kind", "status", "source", "parent"},
        ),
        (
            "/api/v1/statements/",
            StatementFilter,
            {"speaker", "speaker_country", "via", "meeting", "topic", "kind", "channel", "source"},
        ),
        ("/api/v1/participants/", ParticipantFilter, {"country", "kind", "met_with"}),
        ("/api/v1/topics/", TopicFilter, {"parent"}),
        ("/api/v1/sources/", SourceFilter, {"kind"}),
    ],
)
def test_every_relation_choice_and_country_filter_is_repeatable(schema, path, filterset, repeatable):
    # and no other: not the curators' switch (review_status), the dates, the publisher or the language
    parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"] if p["in"] == "query"}
    assert {name: parameters[name].get("explode", False) for name in filterset.base_filters} == {
        name: name in repeatable for name in filterset.base_filters
    }
