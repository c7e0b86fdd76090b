"""Review (draft / verified), roles, history and the change feed."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from meetings.models import Meeting, Source, Statement
from tests.factories import StatementFactory
from tests.helpers import streamed_json

pytestmark = pytest.mark.django_db

CURATED = ["source", "participant", "topic", "meeting", "meetingparticipant", "outcome", "statement"]


@pytest.fixture
def draft(world):
    return StatementFactory(
        slug="draft-quote",
        speaker=world["tillerson"],
        source=world["source"],
        meeting=world["talks"],
        text="Tillerson in Moscow",
        review_status="draft",
        verified_at=None,
    )


@pytest.fixture
def group_curator(db) -> User:
    user = User.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    user.groups.add(Group.objects.get(name="curators"))
    return user


def test_the_curators_group_has_exactly_the_curation_permissions(db):
    permissions = set(Group.objects.get(name="curators").permissions.values_list("codename", flat=True))
    assert permissions == {f"{action}_{model}" for model in CURATED for action in ("add", "change", "delete", "view")}


def test_anonymous_readers_never_see_drafts(world, draft, api_client):
    slugs = [s["slug"] for s in api_client.get("/api/v1/statements/").json()["results"]]
    assert "draft-quote" not in slugs and len(slugs) == 3
    assert api_client.get(f"/api/v1/statements/{draft.pk}/").status_code == 404
    talks = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/").json()
    assert "draft-quote" not in [s["slug"] for s in talks["statements"]]
    spans = api_client.get("/api/v1/sources/tillerson-visits-moscow/").json()["spans"]
    assert "draft-quote" not in [s["slug"] for s in spans]
    positions = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-2017/positions/").json()
    assert "draft-quote" not in [s["slug"] for side in positions["sides"] for s in side["statements"]]
    assert streamed_json(api_client.get("/api/v1/export/"))["counts"]["statements"] == 3


def test_anonymous_readers_cannot_ask_for_drafts(world, api_client):
    response = api_client.get("/api/v1/statements/", {"review_status": "draft"})
    assert response.status_code == 400
    assert response.json() == {"review_status": ["Only curators can list drafts."]}


def test_curators_list_drafts_on_request_only(world, draft, group_curator):
    client = APIClient()
    client.force_authenticate(group_curator)
    default = [s["slug"] for s in client.get("/api/v1/statements/").json()["results"]]
    drafts = [s["slug"] for s in client.get("/api/v1/statements/", {"review_status": "draft"}).json()["results"]]
    both = client.get("/api/v1/statements/", {"review_status": "all"}).json()["count"]
    assert ("draft-quote" in default, drafts, both) == (False, ["draft-quote"], 4)
    assert client.get(f"/api/v1/statements/{draft.pk}/").json()["review_status"] == "draft"


def test_verifying_through_the_api_records_who_and_when(world, draft, group_curator):
    client = APIClient()
    client.force_authenticate(group_curator)
    before = timezone.now()
    response = client.patch(f"/api/v1/statements/{draft.pk}/", {"review_status": "verified"}, format="json")
    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    assert (draft.review_status, draft.verified_by) == ("verified", group_curator)
    assert draft.verified_at >= before
    assert APIClient().get(f"/api/v1/statements/{draft.pk}/").status_code == 200
    response = client.patch(f"/api/v1/statements/{draft.pk}/", {"review_status": "draft"}, format="json")
    draft.refresh_from_db()
    assert (draft.review_status, draft.verified_by, draft.verified_at) == ("draft", None, None)


def test_a_write_without_a_status_makes_a_draft(world, group_curator):
    client = APIClient()
    client.force_authenticate(group_curator)
    response = client.post(
        "/api/v1/statements/",
        {"speaker": "rex-tillerson", "source": "tillerson-visits-moscow", "kind": "direct_quote", "text": "in Moscow"},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["review_status"], response.json()["verified_at"]) == ("draft", None)


def test_history_keeps_every_change_including_deletions(world, curator_client):
    topic_url = "/api/v1/topics/ukraine/"
    curator_client.patch(topic_url, {"description": "The war in Ukraine."}, format="json")
    curator_client.delete(topic_url)
    history = list(world["ukraine"].__class__.history.filter(slug="ukraine").order_by("history_date"))
    assert [(h.history_type, h.description, h.history_user.username) for h in history[-2:]] == [
        ("~", "The war in Ukraine.", "curator"),
        ("-", "The war in Ukraine.", "curator"),
    ]


def test_curators_see_a_records_history_in_the_admin(world, group_curator):
    browser = Client()
    browser.force_login(group_curator)
    response = browser.get(f"/admin/meetings/meeting/{world['talks'].pk}/history/")
    assert response.status_code == 200
    assert "Lavrov–Tillerson talks" in response.content.decode()


def test_the_change_feed_lists_changes_since_a_time(world, curator_client, api_client):
    since = timezone.now()
    curator_client.patch("/api/v1/topics/syria/", {"description": "The war."}, format="json")
    curator_client.patch(f"/api/v1/statements/{world['frank'].pk}/", {"channel": "briefing"}, format="json")
    curator_client.delete("/api/v1/topics/ukraine/")
    response = api_client.get("/api/v1/changes/", {"since": since.isoformat()})
    assert response.status_code == 200
    rows = [(c["model"], c["key"], c["action"]) for c in response.json()["results"]]
    assert rows == [
        ("topic", "syria", "changed"),
        ("statement", str(world["frank"].pk), "changed"),
        ("topic", "ukraine", "deleted"),
    ]
    assert all(datetime.datetime.fromisoformat(c["time"]) >= since for c in response.json()["results"])


def test_the_change_feed_reports_participant_changes_as_meeting_changes_and_hides_drafts(world, draft, api_client):
    since = timezone.now()
    world["talks"].participations.first().delete()
    draft.text = "in Moscow"
    draft.save()
    rows = [
        (c["model"], c["key"], c["action"])
        for c in api_client.get("/api/v1/changes/", {"since": since.isoformat()}).json()["results"]
    ]
    assert rows == [("meeting", "lavrov-tillerson-talks-2017", "changed")]


def test_a_malformed_since_is_a_400(db, api_client):
    response = api_client.get("/api/v1/changes/", {"since": "yesterday"})
    assert response.status_code == 400
    assert response.json() == {"since": ["Enter a valid date/time."]}


def test_a_source_page_lists_its_statements_in_text_order(world, group_curator):
    browser = Client()
    browser.force_login(group_curator)
    html = browser.get(f"/admin/meetings/source/{world['source'].pk}/change/").content.decode()
    positions = [
        html.index(text)
        for text in ("frank and comprehensive", "Tillerson called them productive", "There must be an inclusive")
    ]
    assert positions == sorted(positions)


def test_a_curator_uploads_an_article_and_the_same_text_twice_is_refused(db, group_curator):
    browser = Client()
    browser.force_login(group_curator)
    form = {
        "slug": "new",
        "title": "New",
        "kind": "news_report",
        "language": "en",
        "text": "",
        "statements-TOTAL_FORMS": 0,
        "statements-INITIAL_FORMS": 0,
    }
    upload = SimpleUploadedFile("article.txt", "Lavrov met\u00a0Bolton.".encode())
    assert browser.post("/admin/meetings/source/add/", {**form, "upload": upload}).status_code == 302
    assert Source.objects.get(slug="new").text == "Lavrov met\u00a0Bolton."
    again = SimpleUploadedFile("article.txt", "Lavrov met\u00a0Bolton.".encode())
    response = browser.post("/admin/meetings/source/add/", {**form, "slug": "again", "upload": again})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"text": ["This text is already stored as source “new”."]}
    bad = SimpleUploadedFile("article.txt", b"\xff\xfe\x00")
    response = browser.post("/admin/meetings/source/add/", {**form, "slug": "bad", "upload": bad})
    assert response.context["adminform"].form.errors == {"upload": ["The file is not UTF-8 text."]}
    assert Meeting.objects.count() == 0 and Statement.objects.count() == 0
