"""The admin's review of the suggester's proposals: a source's "Suggestions" page, the decisions a curator
makes on it, the admin action that accepts everything, and what the index shows awaits a curator.

The article is this file's own (fictional ministers, a real city), so that the outcomes follow from
words written to be clear: two ministers named with their offices, one meeting, two quotes and a
reported-speech clause.
"""

import re

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from meetings.choices import ReviewStatus, StatementKind, SuggestionKind, SuggestionStatus
from meetings.importing import import_article
from meetings.models import Meeting, Participant, Source, Statement, Suggestion
from meetings.suggest import suggest

from .. import factories

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Portugal and Morocco agree to study a ferry link\n"
    "\n"
    "By Marta Lopes\n"
    "\n"
    "RABAT, May 13, 2025 — Portuguese Foreign Minister Inês Carvalho met Moroccan Foreign Minister Karim Benali "
    "in Rabat on Tuesday to discuss a new ferry link between Faro and Tangier.\n"
    "\n"
    '"Our two coasts have looked at each other for centuries; it is time they were properly connected," '
    "Carvalho told reporters after the talks.\n"
    "\n"
    "Benali said that a joint working group would present a first study before the end of the year.\n"
    "\n"
    '"Fishermen in Tangier have waited long enough," Benali said.\n'
)
COASTS = "Our two coasts have looked at each other for centuries; it is time they were properly connected,"
STUDY = "a joint working group would present a first study before the end of the year"
FISHERMEN = "Fishermen in Tangier have waited long enough,"
NOTE = "Accepted proposals become drafts; verify them in Meetings and Statements."


@pytest.fixture
def source() -> Source:
    return import_article(ARTICLE, slug="ferry-link")


def page_url(source: Source) -> str:
    return reverse("admin:meetings_source_suggestions", args=[source.pk])


def rows(client, source: Source) -> dict[str, list]:
    """The page's proposals by kind, as its context gives them."""
    response = client.get(page_url(source))
    assert response.status_code == 200
    return {section["kind"]: section["rows"] for section in response.context["sections"]}


def row(client, source: Source, kind: str, words: str):
    """The one proposal of ``kind`` whose label holds ``words``."""
    (found,) = [row for row in rows(client, source)[kind] if words in row.item.label]
    return found


def decide(client, source: Source, action: str, key: str = ""):
    return client.post(page_url(source), {"action": action, "key": key}, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def statuses(client, source: Source) -> dict[str, list[str]]:
    return {kind: [row.item.status for row in found] for kind, found in rows(client, source).items()}


def drafts() -> dict[str, list]:
    """What the database holds: participants by name, meetings as (status, participants with roles), statements."""
    return {
        "participants": sorted(Participant.objects.values_list("name", flat=True)),
        "meetings": [
            (meeting.review_status, sorted((p.participant.name, p.role) for p in meeting.participations.all()))
            for meeting in Meeting.objects.all()
        ],
        "statements": sorted(Statement.objects.values_list("speaker__name", "kind", "text", "review_status")),
    }


# --- The page -------------------------------------------------------------------------------------


def test_the_page_lists_every_proposal_with_its_evidence_and_the_decisions(admin_client, source):
    response = admin_client.get(page_url(source))
    html = response.content.decode()
    found = {section["kind"]: section["rows"] for section in response.context["sections"]}

    assert [row.item.label.split(",")[0] for row in found[SuggestionKind.PARTICIPANT]] == [
        "Inês Carvalho",
        "Karim Benali",
    ]
    assert [row.item.label for row in found[SuggestionKind.STATEMENT]] == [
        f"Inês Carvalho (direct quote): “{COASTS}”",
        f"Karim Benali (paraphrase): “{STUDY}”",
        f"Karim Benali (direct quote): “{FISHERMEN}”",
    ]
    (meeting,) = found[SuggestionKind.MEETING]
    details = dict(meeting.details)
    assert "Inês Carvalho (" in details["participants"] and "Karim Benali (" in details["participants"]
    assert details["date"] == "2025-05-13 (to the day)"
    assert details["place"].startswith("Rabat")

    every = [row for kind_rows in found.values() for row in kind_rows]
    assert {row.item.status for row in every} == {SuggestionStatus.OPEN}
    # The evidence, highlighted in the text with its context, and the three decisions on each proposal.
    assert f"<mark>{COASTS}</mark>" in html.replace("&quot;", '"')
    assert "<mark>Inês Carvalho</mark>" in html
    assert html.count('value="accept"') == html.count('value="edit"') == html.count('value="reject"') == len(every)
    assert html.count('value="accept_all"') == 1
    assert NOTE in html
    # The open proposals are remembered, for the index to count.
    assert Suggestion.objects.filter(source=source, status=SuggestionStatus.OPEN).count() == len(every)
    assert not Statement.objects.exists() and not Participant.objects.exists()


def test_the_evidence_is_escaped(admin_client):
    source = factories.SourceFactory(
        text='<b>Note</b>\n\n"Borders <script> are lines on a map," said Chilean Foreign Minister Andrés Valdivia.'
    )
    html = admin_client.get(page_url(source)).content.decode()
    assert "&lt;b&gt;Note&lt;/b&gt;" in html and "<b>Note" not in html
    assert "<mark>Borders &lt;script&gt; are lines on a map,</mark>" in html


def test_the_source_change_form_links_to_its_suggestions(admin_client, source):
    html = admin_client.get(reverse("admin:meetings_source_change", args=[source.pk])).content.decode()
    assert f'<a href="{page_url(source)}">Suggestions</a>' in html


def test_an_imported_article_lands_on_its_suggestions(admin_client):
    response = admin_client.post(
        reverse("admin:meetings_source_import"), {"text": ARTICLE, "kind": "news_report"}, follow=True
    )
    source = Source.objects.get()
    assert response.redirect_chain == [(page_url(source), 302)]
    assert messages_of(response) == [f"Imported “{source.title}” as source “{source.slug}”."]
    assert "<mark>Inês Carvalho</mark>" in response.content.decode()


# --- Deciding -------------------------------------------------------------------------------------


def test_accepting_a_statement_creates_the_draft_and_its_speaker(admin_client, admin_user, source):
    quote = row(admin_client, source, SuggestionKind.STATEMENT, COASTS)
    response = decide(admin_client, source, "accept", quote.item.key)

    assert response.redirect_chain == [(page_url(source), 302)]
    assert messages_of(response) == [
        f"Accepted: {quote.item.label}. Created participant “Inês Carvalho”; statement “Inês Carvalho: {COASTS[:60]}”."
    ]
    assert drafts() == {
        "participants": ["Inês Carvalho"],
        "meetings": [],
        "statements": [("Inês Carvalho", StatementKind.DIRECT_QUOTE, COASTS, ReviewStatus.DRAFT)],
    }
    statement = Statement.objects.get()
    assert (statement.source, source.text[statement.span_start : statement.span_end]) == (source, COASTS)
    assert Participant.objects.get().position == "Portuguese Foreign Minister"
    # Logged as the curator's additions, as the add forms log theirs.
    assert sorted(LogEntry.objects.values_list("content_type__model", "object_repr", "action_flag", "user")) == [
        ("participant", "Inês Carvalho", ADDITION, admin_user.pk),
        ("statement", str(statement), ADDITION, admin_user.pk),
    ]
    # The page shows it accepted, with a link to the draft.
    after = row(admin_client, source, SuggestionKind.STATEMENT, COASTS)
    assert (after.item.status, after.record_url) == (
        SuggestionStatus.ACCEPTED,
        reverse("admin:meetings_statement_change", args=[statement.pk]),
    )
    assert f'href="{after.record_url}"' in admin_client.get(page_url(source)).content.decode()


def test_accepting_a_meeting_brings_its_participants_with_their_roles(admin_client, source):
    meeting = row(admin_client, source, SuggestionKind.MEETING, "")
    proposed = dict(meeting.details)["participants"]
    decide(admin_client, source, "accept", meeting.item.key)

    created = Meeting.objects.get()
    roles = sorted((p.participant.name, p.get_role_display().lower()) for p in created.participations.all())
    assert [name for name, _ in roles] == ["Inês Carvalho", "Karim Benali"]
    assert sorted(proposed.split(", ")) == [f"{name} ({role})" for name, role in roles]
    assert (created.review_status, created.city, list(created.sources.all())) == (ReviewStatus.DRAFT, "Rabat", [source])
    assert str(created.date) == "2025-05-13"
    assert not Statement.objects.exists()
    # Its participants now stand in the database, and the statements that follow use them.
    assert statuses(admin_client, source)[SuggestionKind.PARTICIPANT] == ["accepted", "accepted"]


def test_a_rejected_proposal_stays_rejected_and_is_never_created(admin_client, source):
    fishermen = row(admin_client, source, SuggestionKind.STATEMENT, FISHERMEN)
    response = decide(admin_client, source, "reject", fishermen.item.key)

    assert response.redirect_chain == [(page_url(source), 302)]
    assert messages_of(response) == [f"Rejected: {fishermen.item.label}"]
    again = row(admin_client, source, SuggestionKind.STATEMENT, FISHERMEN)
    assert (again.item.status, again.status) == (SuggestionStatus.REJECTED, "rejected")
    html = admin_client.get(page_url(source)).content.decode()
    assert html.count('value="reject"') == len([r for kind in rows(admin_client, source).values() for r in kind]) - 1

    report = suggest(source)  # accepting everything open leaves the rejected one out
    assert FISHERMEN not in [statement.text for statement in Statement.objects.all()]
    assert sorted(Statement.objects.values_list("text", flat=True)) == sorted([COASTS, STUDY])
    assert "1 rejected before" in report.summary()


def test_accept_all_creates_the_rest_once(admin_client, source):
    decide(admin_client, source, "accept", row(admin_client, source, SuggestionKind.STATEMENT, COASTS).item.key)
    decide(admin_client, source, "reject", row(admin_client, source, SuggestionKind.STATEMENT, FISHERMEN).item.key)

    response = decide(admin_client, source, "accept_all")
    assert response.redirect_chain == [(page_url(source), 302)]
    (message,) = messages_of(response)
    assert message.startswith("Accepted: every open proposal; created 1 participant, 1 meeting, 1 statement;")
    assert drafts() == {
        "participants": ["Inês Carvalho", "Karim Benali"],
        "meetings": [(ReviewStatus.DRAFT, drafts()["meetings"][0][1])],
        "statements": [
            ("Inês Carvalho", StatementKind.DIRECT_QUOTE, COASTS, ReviewStatus.DRAFT),
            ("Karim Benali", StatementKind.PARAPHRASE, STUDY, ReviewStatus.DRAFT),
        ],
    }
    assert [name for name, _ in drafts()["meetings"][0][1]] == ["Inês Carvalho", "Karim Benali"]
    # A statement accepted with its meeting belongs to it.
    assert Statement.objects.get(text=STUDY).meeting == Meeting.objects.get()
    assert SuggestionStatus.OPEN not in {s for kind in statuses(admin_client, source).values() for s in kind}
    assert 'value="accept_all"' not in admin_client.get(page_url(source)).content.decode()

    before = drafts()
    again = decide(admin_client, source, "accept_all")
    assert drafts() == before
    assert messages_of(again)[0].startswith("Accepted: every open proposal; created 0 participants, 0 meetings, 0")
    assert not Suggestion.objects.filter(status=SuggestionStatus.OPEN).exists()


def test_edit_accepts_and_opens_the_draft_to_correct(admin_client, source):
    quote = row(admin_client, source, SuggestionKind.STATEMENT, STUDY)
    response = admin_client.post(page_url(source), {"action": "edit", "key": quote.item.key})
    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:meetings_statement_change", args=[statement.pk])
    assert (statement.text, statement.speaker.name, statement.review_status) == (
        STUDY,
        "Karim Benali",
        ReviewStatus.DRAFT,
    )
    assert admin_client.get(response["Location"]).status_code == 200


def test_a_key_that_is_not_open_changes_nothing(admin_client, source):
    fishermen = row(admin_client, source, SuggestionKind.STATEMENT, FISHERMEN).item.key
    decide(admin_client, source, "reject", fishermen)
    remembered = sorted(Suggestion.objects.values_list("key", "status"))

    for action, key in [("accept", "s-no-such-proposal"), ("edit", ""), ("reject", "p-123"), ("accept", fishermen)]:
        response = decide(admin_client, source, action, key)
        assert response.redirect_chain == [(page_url(source), 302)]
        assert messages_of(response) == [f"“{key}” is not an open proposal; nothing was changed."]
    response = decide(admin_client, source, "delete_everything", fishermen)
    assert messages_of(response) == ["No such action “delete_everything”; nothing was changed."]

    assert drafts() == {"participants": [], "meetings": [], "statements": []}
    assert sorted(Suggestion.objects.values_list("key", "status")) == remembered


# --- Permissions ----------------------------------------------------------------------------------


def _staff(client, username: str, codenames: list[str]):
    user = User.objects.create_user(username, password="correct horse battery staple", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="meetings", codename__in=codenames))
    client.force_login(user)
    return client


def test_a_viewer_sees_the_proposals_but_may_not_decide(client, source):
    viewer = _staff(client, "viewer", ["view_source", "view_statement", "view_meeting", "view_participant"])
    response = viewer.get(page_url(source))
    html = response.content.decode()
    assert response.status_code == 200 and "Inês Carvalho" in html
    assert 'value="accept"' not in html and 'value="accept_all"' not in html
    key = response.context["sections"][2]["rows"][0].item.key

    for action in ("accept", "edit", "reject", "accept_all"):
        assert viewer.post(page_url(source), {"action": action, "key": key}).status_code == 403
    assert drafts() == {"participants": [], "meetings": [], "statements": []}
    assert not Suggestion.objects.exclude(status=SuggestionStatus.OPEN).exists()


def test_deciding_needs_every_add_permission_and_seeing_needs_the_source(client, source):
    # Adding statements alone is not enough: accepting creates their speakers and meetings too.
    half = _staff(client, "half", ["view_source", "add_statement", "add_participant"])
    assert half.post(page_url(source), {"action": "accept_all"}).status_code == 403
    assert not Statement.objects.exists()

    stranger = _staff(client, "stranger", ["view_statement", "add_statement", "add_meeting", "add_participant"])
    assert stranger.get(page_url(source)).status_code == 403
    assert stranger.post(page_url(source), {"action": "accept_all"}).status_code == 403


def test_an_unknown_source_is_not_found(admin_client):
    assert admin_client.get(reverse("admin:meetings_source_suggestions", args=[987654])).status_code == 404


# --- The admin action -----------------------------------------------------------------------------


def test_the_action_accepts_every_open_proposal_of_the_selected_sources(admin_client, source):
    decide(admin_client, source, "reject", row(admin_client, source, SuggestionKind.STATEMENT, FISHERMEN).item.key)
    response = admin_client.post(
        reverse("admin:meetings_source_changelist"),
        {"action": "suggest_statements_action", "_selected_action": [source.pk]},
        follow=True,
    )
    (message,) = messages_of(response)
    assert message.startswith("“ferry-link”: created 2 participants, 1 meeting, 2 statements; ")
    assert "1 rejected before, 0 passages with no speaker. " + NOTE in message
    assert len(drafts()["statements"]) == 2
    assert (
        "Suggest drafts from the text" in admin_client.get(reverse("admin:meetings_source_changelist")).content.decode()
    )


# --- The index ------------------------------------------------------------------------------------


def _awaiting(html: str) -> list[tuple[str, str, str]]:
    """The index's "Awaiting review" box: (link, words, count) of each row."""
    box = re.search(r'<div class="module" id="awaiting-review">(.*?)</div>', html, re.S)
    assert box, "no Awaiting review box"
    return [
        (href, " ".join(words.split()), " ".join(count.split()))
        for href, words, count in re.findall(r'<a href="([^"]+)">(.*?)</a></th>\s*<td>(.*?)</td>', box.group(1), re.S)
    ]


def test_the_index_shows_the_drafts_and_the_sources_awaiting_a_curator(
    admin_client, source, django_assert_max_num_queries
):
    other = import_article("Talks in Quito\n\nEcuadorian Foreign Minister Rosa Alvear met reporters.", slug="quito")
    rows(admin_client, source)  # reviewing remembers the open proposals
    decide(admin_client, source, "accept", row(admin_client, source, SuggestionKind.STATEMENT, COASTS).item.key)
    factories.MeetingFactory(review_status=ReviewStatus.VERIFIED)
    Suggestion.objects.create(source=other, kind=SuggestionKind.PARTICIPANT, key="p-x", label="Rosa Alvear")
    open_here = Suggestion.objects.filter(source=source, status=SuggestionStatus.OPEN).count()

    with django_assert_max_num_queries(_INDEX_QUERIES):
        html = admin_client.get(reverse("admin:index")).content.decode()
    assert _awaiting(html) == [
        ("/admin/meetings/meeting/?review_status__exact=draft", "Draft meetings", "0"),
        ("/admin/meetings/statement/?review_status__exact=draft", "Draft statements", "1"),
        (page_url(source), f"Suggestions from “{source.title}”", f"{open_here} open"),
        (page_url(other), "Suggestions from “Talks in Quito”", "1 open"),
    ]
    assert 'id="content-main" class="app-list"' in html  # Django's own index follows


def test_the_index_costs_the_same_whatever_is_awaiting(admin_client, django_assert_max_num_queries):
    for number in range(12):
        factories.StatementFactory(review_status=ReviewStatus.DRAFT, source=factories.SourceFactory())
        Suggestion.objects.create(source=Source.objects.latest("pk"), kind="statement", key=f"s-{number}", label="x")
    with django_assert_max_num_queries(_INDEX_QUERIES):
        html = admin_client.get(reverse("admin:index")).content.decode()
    assert ("/admin/meetings/statement/?review_status__exact=draft", "Draft statements", "12") in _awaiting(html)
    assert len(_awaiting(html)) == 2 + 12


def test_the_index_shows_a_curator_only_what_they_may_see(client):
    viewer = _staff(client, "viewer", ["view_statement"])
    html = viewer.get(reverse("admin:index")).content.decode()
    assert _awaiting(html) == [("/admin/meetings/statement/?review_status__exact=draft", "Draft statements", "0")]
    assert "Suggestions from" not in html and "No source has open suggestions" not in html
    nobody = _staff(client, "nobody", [])
    assert 'id="awaiting-review"' not in nobody.get(reverse("admin:index")).content.decode()


# The index's queries: the session and the user, the recent actions, and the three of the box.
_INDEX_QUERIES = 6
