"""Suggesting draft statements from a source's text: the finder, the drafts, the command, the admin action,
and how many of the curated direct quotes the finder proposes with the right speaker."""

import json
from io import StringIO

import pytest
from django.contrib import messages
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from meetings.admin import suggest_statements_action
from meetings.choices import ReviewStatus, StatementChannel, StatementKind, SuggestionKind, SuggestionStatus
from meetings.curated import FIXTURES_DIR
from meetings.models import Meeting, Participant, Source, Statement, Suggestion
from meetings.provenance import find_span, fold_whitespace
from meetings.suggest import Candidate, Speaker, find_candidates, spans_overlap, suggest_statements

LAVROV = Speaker("sergey-lavrov", "Sergey Lavrov", ("Sergei Lavrov",), "Russian Foreign Minister")
TILLERSON = Speaker("rex-tillerson", "Rex Tillerson", (), "US Secretary of State")
TRUMP = Speaker("donald-trump", "Donald Trump", (), "US President")
PUTIN = Speaker("vladimir-putin", "Vladimir Putin", (), "Russian President")
PESKOV = Speaker("dmitry-peskov", "Dmitry Peskov", (), "Kremlin spokesman (Russian presidential spokesman)")
SLUTSKY = Speaker("leonid-slutsky", "Leonid Slutsky", (), "Chairman of the State Duma International Affairs Committee")
ZAKHAROVA = Speaker("maria-zakharova", "Maria Zakharova", (), "Official spokeswoman of the Russian Foreign Ministry")
MINISTRY = Speaker("russian-foreign-ministry", "Russian Foreign Ministry", ("Russia’s Foreign Ministry",), "", False)
SPEAKERS = [LAVROV, TILLERSON, TRUMP, PUTIN, PESKOV, SLUTSKY, ZAKHAROVA, MINISTRY]


def _fixture(name: str) -> list[dict]:
    """The fields of each record in a curated fixture file, read without a database."""
    return [record["fields"] for record in json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))]


def quotes(text: str) -> list[tuple[str | None, str]]:
    """(speaker, text) of each direct quote the finder proposes."""
    return [(c.speaker, c.text) for c in find_candidates(text, SPEAKERS, paraphrases=False)]


def paraphrases(text: str) -> list[tuple[str | None, str]]:
    return [(c.speaker, c.text) for c in find_candidates(text, SPEAKERS) if c.kind == StatementKind.PARAPHRASE]


# --- The finder ---------------------------------------------------------------------------------


def test_both_quote_styles_and_the_subject_of_the_sentence():
    text = (
        'Lavrov described the talks as "frank and comprehensive," while Tillerson called them productive.\n\n'
        "“We will continue the discussions,” Tillerson said at a briefing after talks with Lavrov."
    )
    assert quotes(text) == [
        ("sergey-lavrov", "frank and comprehensive,"),
        ("rex-tillerson", "We will continue the discussions,"),
    ]


def test_guillemets_low_quotes_single_guillemets_and_mixed_pairs():
    text = (
        "« Nous avons parlé franchement », Lavrov told reporters after the meeting.\n\n"
        "Tillerson said the talks were „konstruktiv und offen“ and asked for „mehr Geduld”.\n\n"
        '‹ Une étape ›, Lavrov said, adding «we are not there yet".'
    )
    assert quotes(text) == [
        ("sergey-lavrov", "Nous avons parlé franchement"),
        ("rex-tillerson", "konstruktiv und offen"),
        ("rex-tillerson", "mehr Geduld"),
        ("sergey-lavrov", "Une étape"),
        ("sergey-lavrov", "we are not there yet"),
    ]


def test_a_line_with_guillemet_quotes_is_not_taken_for_breadcrumbs():
    text = "Home » World » Europe\n\n« Le dialogue continue », Lavrov said, « et il le faut ».\n"
    assert quotes(text) == [("sergey-lavrov", "Le dialogue continue"), ("sergey-lavrov", "et il le faut")]


def test_a_reporters_question_is_not_the_answerers_quote():
    text = (
        'When asked if Moscow had an "exit strategy", Lavrov said: "We do not need one."\n\n'
        "Asked whether the plan was „dead on arrival“, Tillerson replied: “It is very much alive.”"
    )
    assert quotes(text) == [("sergey-lavrov", "We do not need one."), ("rex-tillerson", "It is very much alive.")]


def test_speaker_after_the_verb_and_behind_a_title():
    text = (
        '"Our dialogue is free from any ideology," said Sergey Lavrov after the meeting.\n\n'
        '"This is the most unpredictable state," Russia’s Foreign Ministry official spokeswoman Maria Zakharova said.'
        "\n\n"
        '"We positively assess the declared desire," Russia’s Foreign Ministry said two days before.'
    )
    assert quotes(text) == [
        ("sergey-lavrov", "Our dialogue is free from any ideology,"),
        ("maria-zakharova", "This is the most unpredictable state,"),
        ("russian-foreign-ministry", "We positively assess the declared desire,"),
    ]


def test_no_break_spaces_in_names_and_quotes():
    text = "Sergei\u00a0Lavrov said\u00a0that the meeting was “not\u00a0in\u00a0vain,” expressing hope."
    [candidate] = find_candidates(text, SPEAKERS, paraphrases=False)
    assert (candidate.speaker, candidate.text) == ("sergey-lavrov", "not\u00a0in\u00a0vain,")
    assert text[candidate.start : candidate.end] == candidate.text
    span = find_span(text, candidate.text, candidate.occurrence)
    assert (span.start, span.end) == (candidate.start, candidate.end)


def test_according_to_before_and_after_the_quote():
    text = (
        'The negotiations were paused "for objective reasons due to the change," according to Lavrov.\n\n'
        'According to Lavrov, if others tried to "avoid the investigation, they do not seek the truth."'
    )
    assert quotes(text) == [
        ("sergey-lavrov", "for objective reasons due to the change,"),
        ("sergey-lavrov", "avoid the investigation, they do not seek the truth."),
    ]


def test_the_speaker_is_who_the_sentence_is_about_not_the_last_name_before_the_quote():
    text = 'Lavrov stressed that sanctions were not raised, adding that Tillerson "was not threatening with anything."'
    assert quotes(text) == [("sergey-lavrov", "was not threatening with anything.")]


def test_two_quotes_in_one_sentence():
    text = (
        'Tillerson said the talks were "useful," while Lavrov called them "frank."\n\n'
        "“We agreed,” Lavrov said, “and we will meet again.”\n\n"
        "“We agreed,” said Lavrov’s spokeswoman Maria Zakharova."
    )
    assert quotes(text) == [
        ("rex-tillerson", "useful,"),
        ("sergey-lavrov", "frank."),
        ("sergey-lavrov", "We agreed,"),
        ("sergey-lavrov", "and we will meet again."),
        ("maria-zakharova", "We agreed,"),
    ]


def test_pronouns_refer_to_the_last_speaker_not_the_last_name():
    text = (
        "President Trump also said this, noting that Tillerson had a “very successful meeting in Russia.” "
        "In his opinion, “everything went pretty well.”\n\n"
        '"We will continue discussions," Tillerson said at a briefing after talks with Lavrov on Wednesday.\n\n'
        'He stressed that the departure of Assad should be "orderly."'
    )
    assert quotes(text) == [
        ("donald-trump", "very successful meeting in Russia."),
        ("donald-trump", "everything went pretty well."),
        ("rex-tillerson", "We will continue discussions,"),
        ("rex-tillerson", "orderly."),
    ]


def test_descriptions_by_position_words():
    text = (
        "Lavrov met Tillerson on Wednesday.\n\n"
        'The Russian foreign minister said that the talks were "frank."\n\n'
        'The secretary of state called them "productive."\n\n'
        "Putin received Tillerson later. "
        'The president said the meeting was "useful."'
    )
    assert quotes(text) == [
        ("sergey-lavrov", "frank."),
        ("rex-tillerson", "productive."),
        # "president" fits Trump and Putin: the one named most recently.
        ("vladimir-putin", "useful."),
    ]


def test_a_headline_quote_is_found_where_the_article_has_it_not_in_the_breadcrumbs():
    text = (
        "Home » Press » Leonid Slutsky: “Not a breakthrough, but a rapprochement”\n\n"
        "Leonid Slutsky: “Not a breakthrough, but a rapprochement”\n\n"
        "The first talks brought results."
    )
    [candidate] = find_candidates(text, SPEAKERS)
    assert (candidate.speaker, candidate.text, candidate.occurrence) == (
        "leonid-slutsky",
        "Not a breakthrough, but a rapprochement",
        2,
    )
    assert find_span(text, candidate.text, candidate.occurrence).start == candidate.start == text.rindex("Not a")


def test_repeated_words_are_numbered_as_provenance_counts_them():
    text = 'Lavrov said "we agree".\n\nTillerson said\u00a0"we\u00a0 agree" too.\n\n"We agree," Lavrov said.'
    candidates = find_candidates(text, SPEAKERS, paraphrases=False)
    assert [(c.speaker, c.text, c.occurrence) for c in candidates] == [
        ("sergey-lavrov", "we agree", 1),
        ("rex-tillerson", "we\u00a0 agree", 2),
        ("sergey-lavrov", "We agree,", 1),
    ]
    for candidate in candidates:
        span = find_span(text, candidate.text, candidate.occurrence)
        assert (span.start, span.end) == (candidate.start, candidate.end)


def test_every_candidate_in_the_seed_articles_stands_where_provenance_finds_it():
    speakers = [
        Speaker(f["slug"], f["name"], tuple(f["other_names"]), f["position"], f["kind"] == "person")
        for f in _fixture("participants.json")
    ]
    for source in _fixture("sources.json"):
        text = source["text"]
        for candidate in find_candidates(text, speakers):
            assert text[candidate.start : candidate.end] == candidate.text
            span = find_span(text, candidate.text, candidate.occurrence)
            assert (span.start, span.end) == (candidate.start, candidate.end), candidate


def test_a_quote_over_several_paragraphs():
    announced = "Lavrov said:\n\n“We discussed Syria.\n\n“We discussed Ukraine.”\n\nThe talks ended late."
    assert quotes(announced) == [("sergey-lavrov", "We discussed Syria."), ("sergey-lavrov", "We discussed Ukraine.")]
    attributed_at_the_end = "“We agreed on envoys.\n\n“And we will meet again,” Tillerson said."
    assert quotes(attributed_at_the_end) == [
        ("rex-tillerson", "We agreed on envoys."),
        ("rex-tillerson", "And we will meet again,"),
    ]


def test_a_speaker_named_in_an_earlier_paragraph():
    text = 'Tillerson arrived in Moscow on Tuesday.\n\nHe said the talks would be "frank and open."'
    assert quotes(text) == [("rex-tillerson", "frank and open.")]


def test_straight_quotes_inside_typographic_ones_stay_in_the_quote():
    text = '“He called the plan "useful", nothing more,” Lavrov said.'
    assert quotes(text) == [("sergey-lavrov", 'He called the plan "useful", nothing more,')]


def test_page_furniture_is_skipped():
    text = (
        "Home » News » Lavrov and Tillerson hold talks\n"
        "Lavrov and Tillerson hold talks\n\n"
        'Lavrov says "no proof" of the attack - Sputnik International\n'
        'Trump: US "Not Getting Along With Russia" At All\n'
        "'Better Than Anticipated': Trump on Results of Tillerson's Visit to Russia\n"
        "© Stanislav Krasilnikov/TASS\n\n"
        '"We agreed on envoys," Lavrov said.\n\n'
        "Leave a Reply\n\n"
        'Your email address will not be published. "Required" fields are marked *'
    )
    assert quotes(text) == [("sergey-lavrov", "We agreed on envoys,")]


def test_scare_quotes_have_no_speaker():
    text = 'Russia sees it as a "multi polar world" with complex relations.'
    assert quotes(text) == [(None, "multi polar world")]


def test_a_new_sentence_after_a_quote_has_its_own_speaker():
    bare = "“We agreed.” Tillerson said on Wednesday."
    assert quotes(bare) == [("rex-tillerson", "We agreed.")]
    new_statement = "“We agreed.” Tillerson said that the sides would meet again."
    assert quotes(new_statement) == [(None, "We agreed.")]


def test_reported_speech_becomes_verbatim_paraphrases():
    text = (
        "Lavrov said that Moscow was interested in close cooperation on cybersecurity.\n\n"
        "According to Russian presidential spokesman Dmitry Peskov, security and disarmament were discussed.\n\n"
        "In order to improve relations, the sides agreed to appoint special envoys, Lavrov said.\n\n"
        "Tillerson told Sputnik on Wednesday that the sides would meet again soon.\n\n"
        "Tillerson said on Wednesday.\n\n"
        "The talks lasted five hours."
    )
    assert paraphrases(text) == [
        ("sergey-lavrov", "Moscow was interested in close cooperation on cybersecurity"),
        ("dmitry-peskov", "security and disarmament were discussed"),
        ("sergey-lavrov", "In order to improve relations, the sides agreed to appoint special envoys"),
        ("rex-tillerson", "the sides would meet again soon"),
    ]
    for candidate in find_candidates(text, SPEAKERS):
        assert text[candidate.start : candidate.end] == candidate.text


# --- Draft statements in the database ----------------------------------------------------------


def _load(*names: str) -> None:
    call_command("loaddata", *(str(FIXTURES_DIR / name) for name in names), verbosity=0)


@pytest.fixture
def articles(db):
    """The five articles and their participants, without any curated statement."""
    _load("sources.json", "participants.json")


SLUTSKY_SOURCE = "slutsky-not-a-breakthrough-but-a-rapprochement"
SPUTNIK_SOURCE = "tillerson-visits-moscow-turbulent-period"


def statements_of(report) -> list[Statement]:
    return [record for record in report.created if isinstance(record, Statement)]


def test_suggestions_are_drafts_with_spans_linked_to_draft_meetings_of_their_source(articles):
    source = Source.objects.get(slug=SPUTNIK_SOURCE)
    report = suggest_statements(source)
    created = statements_of(report)
    assert {statement.kind for statement in created} == {StatementKind.DIRECT_QUOTE, StatementKind.PARAPHRASE}
    stored = Statement.objects.filter(source=source)
    assert stored.count() == len(created)
    assert not stored.exclude(review_status=ReviewStatus.DRAFT).exists()
    assert not Meeting.objects.exclude(review_status=ReviewStatus.DRAFT).exists()
    slugs = set()
    for statement in stored.select_related("speaker", "meeting"):
        assert statement.verified_at is None and statement.verified_by is None
        assert statement.channel == StatementChannel.UNKNOWN
        assert statement.meeting is None or list(statement.meeting.sources.all()) == [source]
        assert statement.slug and statement.slug not in slugs
        slugs.add(statement.slug)
        passage = source.text[statement.span_start : statement.span_end]
        assert fold_whitespace(passage) == fold_whitespace(statement.text)


def test_the_occurrence_picks_the_headline_not_the_breadcrumbs(articles):
    source = Source.objects.get(slug=SLUTSKY_SOURCE)
    suggest_statements(source)
    headline = Statement.objects.get(source=source, text="Not a breakthrough, but a rapprochement")
    assert headline.occurrence == 2
    assert headline.speaker.slug == "leonid-slutsky"
    assert headline.span_start == source.text.index("Not a", source.text.index("\n"))


def test_running_twice_creates_nothing_new(articles):
    sources = list(Source.objects.order_by("slug"))
    first = [suggest_statements(source) for source in sources]
    counts = (Participant.objects.count(), Meeting.objects.count(), Statement.objects.count())
    assert Statement.objects.count() == sum(len(statements_of(report)) for report in first) > 0
    second = [suggest_statements(source) for source in sources]
    assert (Participant.objects.count(), Meeting.objects.count(), Statement.objects.count()) == counts
    assert all(not report.created and not report.open for report in second)
    accepted = [item for report in second for item in report.items if item.status == SuggestionStatus.ACCEPTED]
    assert len([item for item in accepted if item.kind == SuggestionKind.STATEMENT]) == counts[2]
    assert [len(r.proposals.unattributed) for r in second] == [len(r.proposals.unattributed) for r in first]


def test_curated_statements_are_not_duplicated(curated):
    curated_quotes = {
        (statement.source_id, statement.span_start, statement.span_end)
        for statement in Statement.objects.filter(kind=StatementKind.DIRECT_QUOTE)
    }
    reports = [suggest_statements(source) for source in Source.objects.all()]
    created = [statement for report in reports for statement in statements_of(report)]
    assert not [s for s in created if s.kind == StatementKind.DIRECT_QUOTE], "every attributed quote is curated"
    for statement in created:  # new paraphrases stand where no curated statement of their kind does
        for other in Statement.objects.filter(source=statement.source, kind=statement.kind).exclude(pk=statement.pk):
            if other.span_start is not None and other.review_status == ReviewStatus.VERIFIED:
                span, other_span = (statement.span_start, statement.span_end), (other.span_start, other.span_end)
                assert spans_overlap(span, other_span) < 0.5, (statement.text, other.slug)
    assert len(curated_quotes) == Statement.objects.filter(kind=StatementKind.DIRECT_QUOTE).count()


def test_a_dry_run_creates_nothing(articles):
    before = (Participant.objects.count(), Meeting.objects.count(), Suggestion.objects.count())
    report = suggest_statements(Source.objects.get(slug=SPUTNIK_SOURCE), dry_run=True)
    assert statements_of(report) and not Statement.objects.exists()
    assert (Participant.objects.count(), Meeting.objects.count(), Suggestion.objects.count()) == before
    assert all(record.pk is None for record in report.created)
    assert all(statement.span_start is not None for statement in statements_of(report))
    assert report.summary().startswith("would create ")


# --- The command and the admin action ------------------------------------------------------------


def test_command_prints_each_proposal_and_a_summary(articles):
    out = StringIO()
    call_command("suggest_statements", SLUTSKY_SOURCE, stdout=out)
    lines = out.getvalue().splitlines()
    created = Statement.objects.filter(source__slug=SLUTSKY_SOURCE).count()
    meetings = Meeting.objects.count()
    assert lines[-1].startswith(f"{SLUTSKY_SOURCE}: created ")
    assert f" {meetings} meeting{'' if meetings == 1 else 's'}, {created} statements; " in lines[-1]
    assert "  + statement (accepted): Donald Trump (direct quote): “very successful meeting in Russia.”" in lines
    again = StringIO()
    call_command("suggest_statements", SLUTSKY_SOURCE, stdout=again)
    assert "created 0 participants, 0 meetings, 0 statements;" in again.getvalue()
    assert Statement.objects.count() == created


def test_command_dry_run_and_quotes_only(articles):
    out = StringIO()
    call_command("suggest_statements", SLUTSKY_SOURCE, SPUTNIK_SOURCE, "--dry-run", "--quotes-only", stdout=out)
    assert not Statement.objects.exists() and not Suggestion.objects.exists()
    assert f"{SLUTSKY_SOURCE}: would create " in out.getvalue()
    assert ", 3 statements;" in out.getvalue()
    assert "paraphrase" not in out.getvalue()


def test_command_names_unknown_sources_and_does_nothing(articles):
    with pytest.raises(CommandError, match="“no-such-article”"):
        call_command("suggest_statements", SLUTSKY_SOURCE, "no-such-article", stdout=StringIO())
    assert not Statement.objects.exists()


class _ModelAdmin:
    """Stands in for the source admin: the action only needs ``message_user``."""

    def __init__(self):
        self.messages: list[tuple[int, str]] = []

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        self.messages.append((level, message))


def test_admin_action_suggests_for_each_selected_source(articles, curator):
    request = RequestFactory().post("/admin/meetings/source/")
    request.user = curator
    modeladmin = _ModelAdmin()
    suggest_statements_action(modeladmin, request, Source.objects.filter(slug__in=[SLUTSKY_SOURCE, SPUTNIK_SOURCE]))
    assert suggest_statements_action.short_description == "Suggest drafts from the text"
    assert [level for level, _ in modeladmin.messages] == [messages.SUCCESS, messages.SUCCESS]
    statements = Statement.objects.filter(source__slug=SLUTSKY_SOURCE).count()
    assert modeladmin.messages[0][1].startswith(f"“{SLUTSKY_SOURCE}”: created ")
    assert f", {statements} statements;" in modeladmin.messages[0][1]
    assert not Statement.objects.exclude(review_status=ReviewStatus.DRAFT).exists()


def test_admin_action_needs_the_permission_to_add_statements(articles, reader):
    request = RequestFactory().post("/admin/meetings/source/")
    request.user = reader
    modeladmin = _ModelAdmin()
    suggest_statements_action(modeladmin, request, Source.objects.all())
    assert [level for level, _ in modeladmin.messages] == [messages.ERROR]
    assert not Statement.objects.exists()


# --- Recall on the curated data -------------------------------------------------------------------

_RECALL_TARGET = 0.9


def _bare(text: str) -> str:
    """The words of a quote without the punctuation a curator may cut differently (a trailing comma)."""
    return fold_whitespace(text).strip(" \t,.;:!?…\"'“”‘’")


def _same_words(proposed: str, curated: str) -> bool:
    """Equal, or one contains the other and is at least half as long."""
    a, b = _bare(proposed), _bare(curated)
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and shorter in longer and len(shorter) >= len(longer) / 2


def _proposes(candidate: Candidate, speaker: str, text: str, span: tuple[int, int]) -> bool:
    return (
        candidate.kind == StatementKind.DIRECT_QUOTE
        and candidate.speaker == speaker
        and _same_words(candidate.text, text)
        and spans_overlap((candidate.start, candidate.end), span) > 0  # the same appearance of the words
    )


def _report(found: int, total: int, missed: list[str]) -> str:
    return (
        f"suggest_statements recall: {found}/{total} = {found / total:.0%} of the curated direct quotes "
        f"proposed with the right speaker (missed: {', '.join(missed) or 'none'})"
    )


def test_recall_of_the_curated_direct_quotes(curated):
    """The finder, run on each article, proposes at least 90% of the verified direct quotes with their speaker."""
    speakers = [Speaker.from_participant(participant) for participant in Participant.objects.all()]
    found, missed = 0, []
    for source in Source.objects.order_by("slug"):
        candidates = find_candidates(source.text, speakers)
        verified_quotes = source.statements.filter(
            kind=StatementKind.DIRECT_QUOTE, review_status=ReviewStatus.VERIFIED
        ).select_related("speaker")
        for quote in verified_quotes:
            span = (quote.span_start, quote.span_end)
            if any(_proposes(candidate, quote.speaker.slug, quote.text, span) for candidate in candidates):
                found += 1
            else:
                missed.append(quote.slug)
    total = found + len(missed)
    message = _report(found, total, missed)
    print(message)
    assert total > 0
    assert found / total >= _RECALL_TARGET, message


def test_recall_of_the_drafts_created_without_the_curated_statements(articles):
    """End to end: drafts created on the bare articles cover the curated quotes from statements.json."""
    texts = {source.slug: source.text for source in Source.objects.all()}
    for source in Source.objects.all():
        suggest_statements(source)
    drafts: dict[str, list[Candidate]] = {slug: [] for slug in texts}
    for s in Statement.objects.select_related("speaker", "source"):
        drafts[s.source.slug].append(Candidate(s.kind, s.text, s.span_start, s.span_end, s.occurrence, s.speaker.slug))
    assert all(s.review_status == ReviewStatus.DRAFT for s in Statement.objects.all())
    curated_quotes = [
        fields
        for fields in _fixture("statements.json")
        if fields["kind"] == StatementKind.DIRECT_QUOTE and fields["review_status"] == ReviewStatus.VERIFIED
    ]
    found, missed = 0, []
    for quote in curated_quotes:
        text = texts[quote["source"][0]]
        span = find_span(text, quote["text"], quote.get("occurrence", 1))
        proposals = drafts[quote["source"][0]]
        if any(_proposes(draft, quote["speaker"][0], quote["text"], (span.start, span.end)) for draft in proposals):
            found += 1
        else:
            missed.append(quote["slug"])
    message = _report(found, len(curated_quotes), missed)
    print(message)
    assert found / len(curated_quotes) >= _RECALL_TARGET, message
