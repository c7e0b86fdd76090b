"""/api/v1/: every endpoint by its absolute URL, and the data set as a schema.org Dataset."""

import datetime

import pytest

from meetings.choices import DateBasis, DatePrecision, ReviewStatus

from .. import factories

pytestmark = pytest.mark.django_db

API = "http://testserver/api/v1/"
DESCRIPTION = (
    "Structured data on diplomatic meetings: who met whom, when, where and about what, what each side said "
    "and what they agreed, with every fact tied to the exact passage of the article that reports it. "
    "Verified records only. The articles themselves are not republished where their own licence does not "
    "allow it: their titles, publishers, URLs and content hashes are given, and each statement's place in "
    "the text."
)


def expected_root(coverage: str | None, license_url: str = "https://creativecommons.org/licenses/by/4.0/") -> dict:
    dataset = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": "Diplomatic meetings",
        "description": DESCRIPTION,
        "url": API,
        "license": license_url,
        "isAccessibleForFree": True,
        **({"temporalCoverage": coverage} if coverage is not None else {}),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": "The whole data set in one JSON document",
                "encodingFormat": "application/json",
                "contentUrl": f"{API}export/",
            },
            {
                "@type": "DataDownload",
                "name": "The whole data set as a Frictionless Data Package: CSV tables in a zip",
                "encodingFormat": "application/zip",
                "contentUrl": f"{API}export/datapackage/",
            },
        ],
    }
    return {
        "meetings": f"{API}meetings/",
        "participants": f"{API}participants/",
        "topics": f"{API}topics/",
        "statements": f"{API}statements/",
        "sources": f"{API}sources/",
        "meeting_positions": f"{API}meetings/{{slug}}/positions/",
        "topic_positions": f"{API}topics/{{slug}}/positions/",
        "participant_counterparts": f"{API}participants/{{slug}}/counterparts/",
        "source_annotations": f"{API}sources/{{slug}}/annotations/",
        "network": f"{API}network/",
        "timeline": f"{API}timeline/",
        "changes": f"{API}changes/",
        "export": f"{API}export/",
        "datapackage": f"{API}export/datapackage/",
        "schema": "http://testserver/api/schema/",
        "docs": "http://testserver/api/docs/",
        "redoc": "http://testserver/api/redoc/",
        "dataset": dataset,
    }


def test_the_root_lists_every_endpoint_and_describes_the_data_set(api_client, world, django_assert_num_queries):
    with django_assert_num_queries(2):  # the data version, and the meetings' dates
        response = api_client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == expected_root("2017-04-12")


def test_every_url_it_names_answers(api_client, world):
    root = api_client.get("/api/v1/").json()
    urls = [url for key, url in root.items() if key != "dataset"]
    urls += [download["contentUrl"] for download in root["dataset"]["distribution"]]
    slugs = {"meetings": "lavrov-tillerson-talks-2017", "topics": "syria", "participants": "sergey-lavrov"}
    slugs["sources"] = "tillerson-visits-moscow"
    urls = [url.replace("{slug}", slugs[url.split("/")[5]]) if "{slug}" in url else url for url in urls]
    statuses = {url: api_client.get(url.removeprefix("http://testserver")).status_code for url in urls}
    assert statuses == dict.fromkeys(urls, 200)


def test_the_curated_data_set_spans_its_verified_meetings(api_client, curated):
    dataset = api_client.get("/api/v1/").json()["dataset"]
    # From Lavrov's visit to the US in 2013 to the meetings known only to have been in 2017.
    assert dataset["temporalCoverage"] == "2013/2017"


def test_the_licence_is_the_data_licence_setting(api_client, settings):
    settings.DATA_LICENSE = {"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/"}
    response = api_client.get("/api/v1/")
    assert response.json() == expected_root(None, license_url="https://opendatacommons.org/licenses/odbl/1-0/")


VERIFIED_AT = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def meeting(date, precision, *, end_date=None, review_status=ReviewStatus.VERIFIED):
    factories.MeetingFactory(
        date=date,
        date_precision=precision,
        date_basis=DateBasis.SOURCE,
        end_date=end_date,
        review_status=review_status,
        verified_at=VERIFIED_AT if review_status == ReviewStatus.VERIFIED else None,
    )


def coverage(api_client) -> str | None:
    return api_client.get("/api/v1/").json()["dataset"].get("temporalCoverage")


def test_without_dated_verified_meetings_there_is_no_temporal_coverage(api_client):
    factories.MeetingFactory()  # undated
    meeting(datetime.date(2017, 4, 12), DatePrecision.DAY, review_status=ReviewStatus.DRAFT)
    assert coverage(api_client) is None


def test_each_end_is_as_precise_as_the_date_it_comes_from(api_client):
    meeting(datetime.date(2017, 4, 1), DatePrecision.MONTH)
    meeting(datetime.date(2017, 5, 3), DatePrecision.DAY)
    meeting(datetime.date(2018, 1, 1), DatePrecision.YEAR)
    meeting(datetime.date(2018, 6, 30), DatePrecision.DAY)
    assert coverage(api_client) == "2017-04/2018"


def test_a_more_precise_date_wins_when_both_start_or_end_on_the_same_day(api_client):
    meeting(datetime.date(2017, 4, 1), DatePrecision.MONTH)
    meeting(datetime.date(2017, 4, 1), DatePrecision.DAY)
    meeting(datetime.date(2018, 6, 1), DatePrecision.MONTH)
    meeting(datetime.date(2018, 6, 30), DatePrecision.DAY)
    assert coverage(api_client) == "2017-04-01/2018-06-30"


def test_a_meeting_s_last_day_and_drafts(api_client):
    meeting(datetime.date(2016, 12, 1), DatePrecision.MONTH, review_status=ReviewStatus.DRAFT)
    meeting(datetime.date(2017, 4, 11), DatePrecision.DAY, end_date=datetime.date(2017, 4, 14))
    meeting(datetime.date(2017, 4, 12), DatePrecision.DAY)
    meeting(datetime.date(2019, 1, 1), DatePrecision.YEAR, review_status=ReviewStatus.DRAFT)
    assert coverage(api_client) == "2017-04-11/2017-04-14"


def test_curators_see_the_same_data_set(curator_client, world):
    factories.MeetingFactory(
        date=datetime.date(2016, 1, 1),
        date_precision=DatePrecision.YEAR,
        date_basis=DateBasis.SOURCE,
        review_status=ReviewStatus.DRAFT,
        verified_at=None,
    )
    assert curator_client.get("/api/v1/").json() == expected_root("2017-04-12")


def test_an_unchanged_root_is_not_modified_for_one_query(api_client, world, django_assert_num_queries):
    first = api_client.get("/api/v1/")
    assert first["Cache-Control"] == "no-cache"
    with django_assert_num_queries(1):
        again = api_client.get("/api/v1/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    meeting(datetime.date(2019, 3, 1), DatePrecision.MONTH)
    changed = api_client.get("/api/v1/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["dataset"]["temporalCoverage"] == "2017-04-12/2019-03"


def test_the_root_is_in_the_openapi_document(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/"]["get"]
    assert operation["operationId"] == "api_root"
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/APIRoot"
    }
    components = schema["components"]["schemas"]
    assert list(components["APIRoot"]["properties"]) == list(expected_root(None))
    assert list(components["Dataset"]["properties"]) == [
        "@context",
        "@type",
        "name",
        "description",
        "url",
        "license",
        "isAccessibleForFree",
        "temporalCoverage",
        "distribution",
    ]
    assert "temporalCoverage" not in components["Dataset"]["required"]
    assert sorted(components["DataDownload"]["required"]) == ["@type", "contentUrl", "encodingFormat", "name"]


def test_a_browser_gets_the_root_as_a_page(api_client, world):
    response = api_client.get("/api/v1/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "Diplomatic meetings" in page
    assert "http://testserver/api/v1/export/datapackage/" in page
