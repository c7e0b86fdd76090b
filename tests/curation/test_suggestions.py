"""The suggester's service and command: proposals to drafts, decisions remembered, the JSON document.

The article is this file's own (fictional ministers, real cities), written so that what it reports
is plain: two ministers named with their offices, one meeting in Lima, a quote and a reported clause.
"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from meetings.choices import ReviewStatus, SuggestionKind, SuggestionStatus
from meetings.importing import import_article
from meetings.models import Meeting, Participant, Source, Statement, Suggestion
from meetings.suggest import PRESENT, accept, reject, review, suggest

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Peru and Chile reopen talks on shared aquifers\n"
    "\n"
    "LIMA, October 9, 2026 (Andes Press) — Peruvian Foreign Minister Lucía Paredes met Chilean Foreign "
    "Minister Andrés Valdivia in Lima on Friday to reopen talks on the aquifers under their border.\n"
    "\n"
    "“We have agreed on how to solve it,” Paredes told reporters after the meeting.\n"
    "\n"
    "Valdivia said that Chile was ready to share its satellite measurements of the aquifers.\n"
)
QUOTE = "We have agreed on how to solve it,"
CLAUSE = "Chile was ready to share its satellite measurements of the aquifers"


@pytest.fixture
def source() -> Source:
    return import_article(ARTICLE, slug="aquifer-talks")


def counts() -> tuple[int, int, int, int]:
    return (
        Participant.objects.count(),
        Meeting.objects.count(),
        Statement.objects.count(),
        Suggestion.objects.count(),
    )


def keys(report, kind: str, status: str = SuggestionStatus.OPEN) -> list[str]:
    return [item.key for item in report.of_kind(kind) if item.status == status]


def statement_key(report, text: str) -> str:
    (item,) = [item for item in report.of_kind(SuggestionKind.STATEMENT) if text in item.label]
    return item.key


def test_the_json_document_names_participants_meetings_and_statements_linked_by_index(source):
    out = StringIO()
    call_command("suggest", "aquifer-talks", "--dry-run", "--json", stdout=out)
    document = json.loads(out.getvalue())
    paredes = {"name": "Lucía Paredes", "slug": None}
    valdivia = {"name": "Andrés Valdivia", "slug": None}
    start = ARTICLE.index(QUOTE)
    clause = ARTICLE.index(CLAUSE)
    meeting_start = ARTICLE.index("Peruvian")
    assert document == {
        "source": "aquifer-talks",
        "participants": [
            {
                "name": "Lucía Paredes",
                "kind": "person",
                "country": "PE",
                "position": "Peruvian Foreign Minister",
                "existing": None,
                "review": "open",
            },
            {
                "name": "Andrés Valdivia",
                "kind": "person",
                "country": "CL",
                "position": "Chilean Foreign Minister",
                "existing": None,
                "review": "open",
            },
        ],
        "meetings": [
            {
                "title": document["meetings"][0]["title"],
                "kind": document["meetings"][0]["kind"],
                "status": "held",
                "date": "2026-10-09",
                "date_precision": "day",
                "city": "Lima",
                "country": "PE",
                "participants": [
                    {**paredes, "role": document["meetings"][0]["participants"][0]["role"]},
                    {**valdivia, "role": document["meetings"][0]["participants"][1]["role"]},
                ],
                "parent": None,
                "topics": [],
                "start": meeting_start,
                "end": document["meetings"][0]["end"],
                "review": "open",
            }
        ],
        "statements": [
            {
                "speaker": paredes,
                "kind": "direct_quote",
                "text": QUOTE,
                "start": start,
                "end": start + len(QUOTE),
                "via": None,
                "meeting": 0,
                "review": "open",
            },
            {
                "speaker": valdivia,
                "kind": "paraphrase",
                "text": CLAUSE,
                "start": clause,
                "end": clause + len(CLAUSE),
                "via": None,
                "meeting": 0,
                "review": "open",
            },
        ],
    }
    assert document["meetings"][0]["kind"] in {"meeting", "talks"}
    assert "Paredes" in document["meetings"][0]["title"] and "Valdivia" in document["meetings"][0]["title"]
    # A dry run writes nothing, not even the open proposals.
    assert counts() == (0, 0, 0, 0)


def test_suggest_creates_drafts_linked_to_each_other_and_to_the_source_and_again_nothing(source):
    out = StringIO()
    call_command("suggest", "aquifer-talks", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "aquifer-talks: created 2 participants, 1 meeting, 2 statements; 0 already present, "
        "0 rejected before, 0 passages with no speaker"
    )
    meeting = Meeting.objects.get()
    assert (meeting.review_status, meeting.date_basis, list(meeting.sources.all())) == (
        ReviewStatus.DRAFT,
        "source",
        [source],
    )
    assert sorted(meeting.participants.values_list("name", flat=True)) == ["Andrés Valdivia", "Lucía Paredes"]
    statements = Statement.objects.order_by("span_start")
    assert [(s.speaker.name, s.text, s.meeting, s.review_status) for s in statements] == [
        ("Lucía Paredes", QUOTE, meeting, ReviewStatus.DRAFT),
        ("Andrés Valdivia", CLAUSE, meeting, ReviewStatus.DRAFT),
    ]
    assert statements[0].span_start == ARTICLE.index(QUOTE)
    before = counts()
    again = StringIO()
    call_command("suggest", "aquifer-talks", stdout=again)
    assert counts() == before
    assert again.getvalue().splitlines()[-1] == (
        "aquifer-talks: created 0 participants, 0 meetings, 0 statements; 0 already present, "
        "0 rejected before, 0 passages with no speaker"
    )


def test_a_rejected_proposal_is_not_offered_again_nor_created(source):
    report = review(source)
    quote = statement_key(report, QUOTE)
    reject(source, [quote])
    report = suggest(source)
    assert not Statement.objects.filter(text=QUOTE).exists()
    assert Statement.objects.filter(text=CLAUSE).exists()
    assert [item.status for item in report.of_kind(SuggestionKind.STATEMENT)] == ["rejected", "accepted"]
    assert Suggestion.objects.get(key=quote).status == SuggestionStatus.REJECTED


def test_a_statement_whose_speaker_was_rejected_stays_open_and_a_meeting_goes_without_them(source):
    report = review(source)
    valdivia = next(i for i in report.of_kind(SuggestionKind.PARTICIPANT) if "Valdivia" in i.label)
    reject(source, [valdivia.key])
    report = suggest(source)
    assert list(Participant.objects.values_list("name", flat=True)) == ["Lucía Paredes"]
    assert list(Meeting.objects.get().participants.values_list("name", flat=True)) == ["Lucía Paredes"]
    assert list(Statement.objects.values_list("text", flat=True)) == [QUOTE]
    assert [item.label for item in report.skipped] == [f"Andrés Valdivia (paraphrase): “{CLAUSE}”"]
    assert keys(report, SuggestionKind.STATEMENT) == [statement_key(report, CLAUSE)]


def test_a_statement_accepted_before_its_meeting_is_linked_to_it_when_the_meeting_is_accepted(source):
    report = review(source)
    accept(source, [statement_key(report, QUOTE)])
    assert Statement.objects.get().meeting is None
    report = accept(source, keys(report, SuggestionKind.MEETING))
    assert Statement.objects.get().meeting == Meeting.objects.get()
    # The participants the statement brought are the meeting's, not new ones.
    assert Participant.objects.count() == 2


def test_known_participants_are_present_and_curated_statements_are_not_proposed_again(source):
    known = Participant.objects.create(slug="lucia-paredes", name="Lucia Paredes", kind="person", country="PE")
    Statement.objects.create(source=source, speaker=known, kind="direct_quote", text=QUOTE)
    report = review(source)
    participants = report.of_kind(SuggestionKind.PARTICIPANT)
    assert [(item.status, item.record) for item in participants] == [(PRESENT, known), (SuggestionStatus.OPEN, None)]
    assert [item.status for item in report.of_kind(SuggestionKind.STATEMENT)] == [PRESENT, SuggestionStatus.OPEN]
    suggest(source)
    assert Participant.objects.count() == 2
    assert Statement.objects.filter(text=QUOTE).count() == 1


def test_review_remembers_the_open_proposals_and_forgets_those_no_longer_made(source):
    review(source)
    open_rows = Suggestion.objects.filter(source=source, status=SuggestionStatus.OPEN)
    assert sorted(open_rows.values_list("kind", flat=True)) == sorted(
        ["participant", "participant", "meeting", "statement", "statement"]
    )
    Suggestion.objects.create(source=source, kind="statement", key="s-gone", label="from an older finder")
    review(source)
    assert not Suggestion.objects.filter(key="s-gone").exists()


def test_an_unknown_source_is_an_error():
    with pytest.raises(CommandError, match=r"No source with slug “nowhere”\."):
        call_command("suggest", "nowhere")


def test_an_article_imported_by_command_waits_with_its_open_proposals(tmp_path):
    path = tmp_path / "aquifer.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = StringIO()
    call_command("import_article", str(path), "--slug", "aquifer-talks", stdout=out, stderr=StringIO())
    assert out.getvalue().splitlines()[-1] == "aquifer-talks"
    open_rows = Suggestion.objects.filter(source__slug="aquifer-talks", status=SuggestionStatus.OPEN)
    assert sorted(open_rows.values_list("kind", flat=True)) == sorted(
        ["participant", "participant", "meeting", "statement", "statement"]
    )
    # Nothing is created until a curator decides.
    assert counts()[:3] == (0, 0, 0)
