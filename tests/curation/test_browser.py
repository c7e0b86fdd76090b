"""In a real browser: headless Chromium (the system's package) driven by Playwright.

Skipped when no Chromium is installed, unless REQUIRE_BROWSER is set (as CI does), in
which case a missing browser is a failure.
"""

import json
import os
import shutil
import urllib.request
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group, User
from django.db import connections

from meetings.models import Meeting, Source, Statement

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM and os.environ.get("REQUIRE_BROWSER"):
    pytest.fail("REQUIRE_BROWSER is set but no chromium is installed", pytrace=False)
pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="no chromium installed"),
    # Committed data, for the live server's thread. Each test starts with the rows the migrations
    # create (the curators group among them), whatever transactional test ran before it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()
        # Django keeps database connections per context, and the ORM calls made inside Playwright's
        # block get connections that the test database's teardown does not see: close them here, or
        # one stays open and the test database cannot be dropped.
        connections.close_all()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    # Generous: a loaded two-core machine can take seconds to serve the admin's first pages.
    page.set_default_timeout(60_000)
    # Requests that completed, and those the browser refused to send (blocked by the page's CSP).
    page.fetched_hosts, page.refused = set(), []
    page.on(
        "requestfinished",
        lambda request: request.url.startswith("http") and page.fetched_hosts.add(urlparse(request.url).netloc),
    )
    page.on("requestfailed", lambda request: page.refused.append((request.url, request.failure)))
    yield page
    context.close()


def _pick(page, field: str, term: str, choice: str) -> None:
    """Choose in one of the admin's autocomplete (select2) widgets."""
    page.click(f".field-{field} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{choice}')")


def test_a_curator_adds_checks_and_verifies_a_quote_that_the_api_then_serves(world, page, live_server):
    curator = User.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))

    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    page.goto("/admin/meetings/statement/add/")
    _pick(page, "speaker", "Lavrov", "Sergey Lavrov")
    _pick(page, "source", "Tillerson", "Tillerson Visits Moscow")
    page.select_option("#id_kind", "direct_quote")
    page.fill("#id_text", "There must be an exclusive dialogue")
    with page.expect_navigation():
        page.click("input[name=_save]")
    error = page.inner_text(".field-text .errorlist")
    assert "the direct quote “There must be an exclusive dialogue” does not occur in the source's text" in error
    assert Statement.objects.count() == 3

    page.fill("#id_text", "There must be an inclusive intra-Syrian dialogue")
    page.select_option("#id_review_status", "verified")
    with page.expect_navigation():
        page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    statement = Statement.objects.latest("pk")
    assert (statement.review_status, statement.verified_by) == ("verified", curator)

    with urllib.request.urlopen(f"{live_server.url}/api/v1/statements/{statement.pk}/") as response:
        body = json.load(response)
    assert (body["text"], body["speaker"]["slug"], body["review_status"]) == (
        "There must be an inclusive intra-Syrian dialogue",
        "sergey-lavrov",
        "verified",
    )
    source = world["source"].text
    assert (
        source[body["span"]["start"] : body["span"]["end"]] == "There must be an inclusive\u00a0intra-Syrian dialogue"
    )


@pytest.mark.parametrize(("url", "ready"), [("/api/docs/", ".opblock"), ("/api/redoc/", "[data-section-id]")])
def test_the_docs_render_their_operations_with_no_request_leaving_the_app(db, page, live_server, url, ready):
    page.goto(url)
    page.wait_for_selector(ready)
    if url == "/api/docs/":
        operations = page.locator(".opblock-summary-path").all_inner_texts()
        assert "/api/v1/meetings/" in [op.replace("\u200b", "") for op in operations]
    page.wait_for_load_state("networkidle")
    assert page.fetched_hosts == {urlparse(live_server.url).netloc}
    assert [(url, failure) for url, failure in page.refused if "csp" not in (failure or "").lower()] == []


BORDER_ARTICLE = (
    "Ecuador and Colombia to reopen border crossing\n\n"
    "QUITO, March 4, 2025 — Colombian Foreign Minister Tomás Restrepo met Ecuadorian Foreign Minister Elena Vaca "
    "in Quito on Monday to plan the reopening of the Rumichaca crossing.\n\n"
    '"Families on both sides have been apart for too long," Vaca told reporters after the meeting.\n\n'
    "Restrepo said that customs officers from both countries would begin joint patrols in April.\n\n"
    '"We will not let smugglers decide where our border lies," Restrepo said.\n'
)


def test_a_curator_imports_an_article_and_decides_its_suggestions(db, page):
    curator = User.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))
    page.goto("/admin/login/?next=/admin/meetings/source/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    with page.expect_navigation():
        page.click("input[type=submit]")

    with page.expect_navigation():
        page.click("text=Import an article")
    page.fill("#id_text", BORDER_ARTICLE)
    with page.expect_navigation():
        page.click("input[type=submit][value=Import]")
    source = Source.objects.get()
    assert page.url.endswith(f"/admin/meetings/source/{source.pk}/suggestions/")
    assert "Imported “Ecuador and Colombia to reopen border crossing”" in page.inner_text(".messagelist")
    assert (
        page.inner_text("#suggestions-statement mark >> nth=0")
        == "Families on both sides have been apart for too long,"
    )

    # The proposal whose label is the quote (the passages around the others show it too).
    smugglers = page.locator(
        "#suggestions-statement .suggestion", has=page.locator(".suggestion-label", has_text="smugglers")
    )
    with page.expect_navigation():
        smugglers.locator("button[value=reject]").click()
    assert "Rejected: Tomás Restrepo (direct quote)" in page.inner_text(".messagelist .success")
    assert "rejected" in smugglers.inner_text()
    assert smugglers.locator("button").count() == 0

    with page.expect_navigation():
        page.locator("#suggestions-meeting .suggestion").first.locator("button[value=accept]").click()
    assert "Accepted:" in page.inner_text(".messagelist .success")
    assert Meeting.objects.get().review_status == "draft"
    assert page.locator("#suggestions-meeting .suggestion-accepted .suggestion-record").count() == 1

    with page.expect_navigation():
        page.click("#accept-all button")
    assert "Accepted: every open proposal; created 0 participants, 0 meetings, 2 statements" in page.inner_text(
        ".messagelist .success"
    )
    assert page.locator("#accept-all").count() == 0

    page.goto("/admin/meetings/statement/?review_status__exact=draft")
    listed = page.locator("#result_list tbody tr").all_inner_texts()
    assert len(listed) == 2
    assert any("Families on both sides have been apart for too long," in row and "Elena Vaca" in row for row in listed)
    assert any("customs officers from both countries" in row and "Tomás Restrepo" in row for row in listed)
    assert not any("smugglers" in row for row in listed)


def test_saving_a_source_whose_text_the_curator_did_not_touch_keeps_it_byte_for_byte(curated, page):
    """The browser sends the textarea back with CRLF line endings: not an edit of the text."""
    source = Source.objects.get(slug="tillerson-visits-moscow-turbulent-period")
    text, spans = source.text, list(source.statements.order_by("pk").values_list("span_start", "span_end"))
    assert "\r" not in text
    curator = User.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))
    page.goto(f"/admin/login/?next=/admin/meetings/source/{source.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.fill("#id_title", "Tillerson visits Moscow in a turbulent period")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1
    source.refresh_from_db()
    assert source.title == "Tillerson visits Moscow in a turbulent period"
    assert source.text == text
    assert list(source.statements.order_by("pk").values_list("span_start", "span_end")) == spans
