"""Scoring the suggester's document for one article against its annotation, and the set's figures.

What is scored is the suggester's document, ``SuggestionReport.as_json()`` (the product's
contract), nothing else. Names are compared folded: transliterated (anyascii), case-folded, every
run of whitespace one space; an annotated participant's ``other_names`` are its names too, and an
institution is also named by another wording of the same body of the same country ("Kenya's
Ministry of Foreign Affairs" for "Ministry of Foreign Affairs of Kenya"), by the rule the suggester
uses to match participants it knows.

- **Statements.** A proposed statement is right when it covers the expected passage with the
  expected speaker (by name): a direct quote must cover the same words (punctuation and whitespace
  at its ends aside), reported speech at least half of the expected clause's extent and no more
  than twice it (the overlap is at least half of the two spans' union). Every proposal that is not
  right is a false positive, and every expected statement no right proposal covers is a miss; a
  proposal with the right passage and the wrong speaker is both, and says so. **Relayed speech**:
  of the expected statements with a relayer ("via"), those a right proposal gives the same relayer
  (by name); its precision is over the proposals that name a relayer.
- **Participants.** A proposal is right when its name is an expected participant's and its kind
  is the expected one; each expected participant is matched once. Of the right ones, how many have
  the expected country (none and none are equal) and the expected position (compared folded).
- **Meetings**, with their participants and the right date (or none). A proposed meeting matches
  an expected one when the names of its participants are the expected ones, no more and no fewer
  (an expected meeting with no participants: when it has the same kind and city); it is right
  when its date and date precision are also the expected ones (no date and no date are equal,
  whatever the precision). Each expected meeting matches at most one proposal and each proposal
  at most one expected meeting, best pairs first: the right date, then the most of kind, status
  and place right, then text order. Of the matched ones: how many have the wrong date, and how
  many the right kind, status, place (city and country) and parent (none and none, or the
  proposal matched to the expected parent).
- **Dates**: of the expected meetings with a date, those matched by a proposal with that date and
  precision; precision is over the matched proposals that give a date. **Dates more precise than
  the text**: matched proposals with a date where the expected meeting has none, or with a finer
  precision than the expected (day finer than month, than year) and a date within the expected
  period (a day of the expected month, a month of the expected year): words the text does not
  have. A finer date outside that period is another date, counted as a wrong date; it is what a
  proposal gets when a fallback pair is not the same meeting (a fragment of the talks held on the
  6th paired, by kind and city, with the next round, expected in April). Must be 0.
- **Furniture**: a proposal whose evidence overlaps an annotated furniture passage: a statement's
  span, a meeting's evidence span, a participant's first mention (its span, when the document
  gives one; otherwise, a participant the text names only inside furniture). Must be 0.
- A saved page is scored in the text the importer extracted (``annotations.imported``): a
  statement that text lost is a miss, and is counted apart as lost by the importer.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotations import Article, ExpectedMeeting, ExpectedParticipant, ExpectedStatement
from anyascii import anyascii

from meetings import provenance
from meetings.choices import DatePrecision, StatementKind
from meetings.suggest.participants import same_institution

_END_PUNCTUATION = " \t\r\n.,;:!?…"
_PARAPHRASE_MIN_OVERLAP = 0.5
# Finer first: a proposal whose rank is lower than the expected one says more than the text.
_FINENESS = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2, DatePrecision.UNKNOWN: 3}


def fold(name: str | None) -> str:
    """A name as it is compared: transliterated, case-folded, its whitespace runs one space."""
    return " ".join(anyascii(name or "").casefold().split())


@dataclass(frozen=True)
class Proposal:
    """A statement of the document: its kind, its span in the article, and the names of who spoke and relayed."""

    kind: str
    text: str
    start: int
    end: int
    speaker: str
    via: str | None

    @classmethod
    def from_document(cls, item: dict[str, Any]) -> "Proposal":
        via = item["via"]
        return cls(item["kind"], item["text"], item["start"], item["end"], item["speaker"]["name"], via and via["name"])


@dataclass
class ArticleScore:
    """One article's counts (summed over the set by ``figures``), misses, false positives and partial matches."""

    article: Article
    counts: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    partly: list[str] = field(default_factory=list)  # matched, with a detail wrong
    furniture: list[str] = field(default_factory=list)


def is_named(name: str | None, participant: ExpectedParticipant) -> bool:
    """Whether ``name`` is one of the participant's names, folded."""
    if name is None:
        return False
    names = (participant.name, *participant.other_names)
    if fold(name) in {fold(other) for other in names}:
        return True
    # An institution named another way ("Kenya's Ministry of Foreign Affairs" for "Ministry of Foreign
    # Affairs of Kenya"): the same country and body by the product's own rule for matching participants.
    return participant.kind == "institution" and any(same_institution(name, other) for other in names)


def _participant(article: Article, name: str) -> ExpectedParticipant:
    return next(participant for participant in article.participants if participant.name == name)


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def score_article(article: Article, document: dict[str, Any]) -> ArticleScore:
    """Score the suggester's document for ``article`` (for a page, the article as imported)."""
    score = ArticleScore(article)
    _score_statements(score, [Proposal.from_document(item) for item in document["statements"]])
    _score_participants(score, document["participants"])
    _score_meetings(score, document["meetings"])
    _score_furniture(score, document)
    return score


# --- Statements ---------------------------------------------------------------------------------


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without punctuation and whitespace at its ends ("frank and comprehensive,")."""
    while start < end and text[start] in _END_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _END_PUNCTUATION:
        end -= 1
    return start, end


def _same_passage(text: str, expected: ExpectedStatement, proposal: Proposal) -> bool:
    if expected.kind != proposal.kind:
        return False
    a, b = _core(text, expected.start, expected.end), _core(text, proposal.start, proposal.end)
    if expected.kind == StatementKind.DIRECT_QUOTE:
        return a == b
    union = max(a[1], b[1]) - min(a[0], b[0])
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return union > 0 and shared / union >= _PARAPHRASE_MIN_OVERLAP


def _score_statements(score: ArticleScore, proposals: list[Proposal]) -> None:
    """Match each proposal to at most one expected statement, and each expected one to at most one proposal."""
    article, counts = score.article, score.counts
    for expected in (*article.statements, *article.lost):
        counts[f"{expected.kind}.expected"] += 1
        counts["via.expected"] += expected.via is not None
    unmatched = list(article.statements)
    for proposal in proposals:
        counts[f"{proposal.kind}.proposed"] += 1
        counts["via.proposed"] += proposal.via is not None
        same = [expected for expected in unmatched if _same_passage(article.text, expected, proposal)]
        right = next((e for e in same if is_named(proposal.speaker, _participant(article, e.speaker))), None)
        if right is not None:
            unmatched.remove(right)
            counts[f"{proposal.kind}.correct"] += 1
            if right.via is not None and is_named(proposal.via, _participant(article, right.via)):
                counts["via.correct"] += 1
            elif right.via is not None or proposal.via is not None:
                score.partly.append(f"statement by {proposal.speaker} via {proposal.via}, expected via {right.via}")
            continue
        wrong = f" (expected speaker {same[0].speaker})" if same else ""
        relayed = f" via {proposal.via}" if proposal.via else ""
        score.false_positives.append(f"{proposal.kind} by {proposal.speaker}{relayed}{wrong}: {_quote(proposal.text)}")
    existing = {participant.name for participant in article.participants if participant.existing}
    for expected in [*unmatched, *article.lost]:
        relayed = f" via {expected.via}" if expected.via else ""
        new = "" if expected.speaker in existing else " [speaker not in the database]"
        lost = " [lost by the importer]" if expected in article.lost else ""
        score.misses.append(f"{expected.kind} by {expected.speaker}{relayed}{new}{lost}: {_quote(expected.text)}")
    counts["lost"] += len(article.lost)


# --- Participants -------------------------------------------------------------------------------


def _describe_participant(name: str, kind: str, country: str | None, position: str) -> str:
    return f"participant {name} ({', '.join(filter(None, [kind, country, position]))})"


def _score_participants(score: ArticleScore, proposals: list[dict[str, Any]]) -> None:
    article, counts = score.article, score.counts
    counts["participants.expected"] += len(article.participants)
    counts["participants.proposed"] += len(proposals)
    unmatched = list(article.participants)
    for proposal in proposals:
        name, kind, country = proposal["name"], proposal["kind"], proposal["country"] or None
        named = [expected for expected in article.participants if is_named(name, expected)]
        right = next((e for e in named if e in unmatched and e.kind == kind), None)
        if right is None:
            why = ""
            if named and named[0].kind != kind:
                why = f" (expected a {named[0].kind})"
            elif named:
                why = " (proposed twice)"
            score.false_positives.append(f"{_describe_participant(name, kind, country, proposal['position'])}{why}")
            continue
        unmatched.remove(right)
        counts["participants.correct"] += 1
        wrong = []
        if country == right.country:
            counts["participants.country"] += 1
        else:
            wrong.append(f"country {country}, expected {right.country}")
        if fold(proposal["position"]) == fold(right.position):
            counts["participants.position"] += 1
        else:
            wrong.append(f"position “{proposal['position']}”, expected “{right.position}”")
        if wrong:
            score.partly.append(f"participant {name}: {'; '.join(wrong)}")
    for expected in unmatched:
        known = " [in the database]" if expected.existing else ""
        score.misses.append(
            f"{_describe_participant(expected.name, expected.kind, expected.country, expected.position)}{known}"
        )


# --- Meetings and dates -------------------------------------------------------------------------


def _expected_date(expected: ExpectedMeeting) -> str | None:
    return None if expected.date is None else expected.date.isoformat()


def _right_date(expected: ExpectedMeeting, proposal: dict[str, Any]) -> bool:
    if expected.date is None and proposal["date"] is None:
        return True
    return proposal["date"] == _expected_date(expected) and proposal["date_precision"] == expected.date_precision


def _more_precise(expected: ExpectedMeeting, proposal: dict[str, Any]) -> bool:
    """A date where the text gives none, or a finer one within the text's (a day of the month it names)."""
    if proposal["date"] is None:
        return False
    if expected.date is None:
        return True
    if _FINENESS[proposal["date_precision"]] >= _FINENESS[expected.date_precision]:
        return False
    date = datetime.date.fromisoformat(proposal["date"])
    same_month = (date.month == expected.date.month) or expected.date_precision != DatePrecision.MONTH
    return date.year == expected.date.year and same_month


def _right_place(expected: ExpectedMeeting, proposal: dict[str, Any]) -> bool:
    return fold(proposal["city"]) == fold(expected.city) and (proposal["country"] or None) == expected.country


def _names(article: Article, proposal: dict[str, Any]) -> set[str]:
    """The proposal's participants, each as its expected participant's name where it has one."""
    names = set()
    for participant in proposal["participants"]:
        expected = next((e for e in article.participants if is_named(participant["name"], e)), None)
        names.add(f"+{fold(participant['name'])}" if expected is None else expected.name)
    return names


def _same_meeting(article: Article, expected: ExpectedMeeting, proposal: dict[str, Any]) -> bool:
    if not expected.participants:
        return proposal["kind"] == expected.kind and fold(proposal["city"]) == fold(expected.city)
    return _names(article, proposal) == {name for name, _ in expected.participants}


def _pairs(article: Article, proposals: list[dict[str, Any]]) -> dict[int, int]:
    """Each matched expected meeting's index to its proposal's, best pairs first."""
    candidates = []
    for i, expected in enumerate(article.meetings):
        for j, proposal in enumerate(proposals):
            if _same_meeting(article, expected, proposal):
                details = (proposal["kind"] == expected.kind) + (proposal["status"] == expected.status)
                details += _right_place(expected, proposal)
                candidates.append((not _right_date(expected, proposal), -details, i, j))
    pairs: dict[int, int] = {}
    for *_, i, j in sorted(candidates):
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    return pairs


def _describe_meeting(meeting: dict[str, Any]) -> str:
    date = "no date" if meeting["date"] is None else f"{meeting['date']} to the {meeting['date_precision']}"
    place = ", ".join(filter(None, [meeting["city"], meeting["country"]])) or "no place"
    who = ", ".join(meeting["participants"]) or "no participants"
    return f"meeting “{meeting['title']}” ({meeting['kind']}, {meeting['status']}, {date}, {place}; {who})"


def _expected_as_document(expected: ExpectedMeeting) -> dict[str, Any]:
    return {
        "title": expected.title,
        "kind": expected.kind,
        "status": expected.status,
        "date": _expected_date(expected),
        "date_precision": expected.date_precision,
        "city": expected.city,
        "country": expected.country,
        "participants": [name for name, _ in expected.participants],
    }


def _proposal_described(proposal: dict[str, Any]) -> str:
    return _describe_meeting({**proposal, "participants": [p["name"] for p in proposal["participants"]]})


def _score_meetings(score: ArticleScore, proposals: list[dict[str, Any]]) -> None:
    article, counts = score.article, score.counts
    counts["meetings.expected"] += len(article.meetings)
    counts["meetings.proposed"] += len(proposals)
    counts["dates.expected"] += sum(meeting.date is not None for meeting in article.meetings)
    pairs = _pairs(article, proposals)
    for i, expected in enumerate(article.meetings):
        described = _describe_meeting(_expected_as_document(expected))
        if i not in pairs:
            score.misses.append(described)
            continue
        proposal = proposals[pairs[i]]
        counts["meetings.matched"] += 1
        counts["dates.proposed"] += proposal["date"] is not None
        counts["dates.finer"] += _more_precise(expected, proposal)
        if _right_date(expected, proposal):
            counts["meetings.correct"] += 1
            counts["dates.correct"] += expected.date is not None
        else:
            counts["meetings.wrong_date"] += 1
            score.misses.append(f"{described} [proposed with the wrong date]")
            score.false_positives.append(f"{_proposal_described(proposal)} [wrong date]")
        parent = None if expected.parent is None else pairs.get(expected.parent, -1)
        checks = {
            "kind": proposal["kind"] == expected.kind,
            "status": proposal["status"] == expected.status,
            "place": _right_place(expected, proposal),
            "parent": proposal["parent"] == parent,
        }
        counts.update(f"meetings.{what}" for what, right in checks.items() if right)
        if wrong := [what for what, right in checks.items() if not right]:
            score.partly.append(
                f"meeting “{expected.title}”: wrong {', '.join(wrong)} in {_proposal_described(proposal)}"
            )
    matched = set(pairs.values())
    for j, proposal in enumerate(proposals):
        if j not in matched:
            score.false_positives.append(_proposal_described(proposal))


# --- Furniture ----------------------------------------------------------------------------------


def _appearances(text: str, name: str) -> list[tuple[int, int]]:
    spans, occurrence = [], 1
    while (span := provenance.find_span(text, name, occurrence)) is not None:
        spans.append((span.start, span.end))
        occurrence += 1
    return spans


def _in_furniture(article: Article, span: tuple[int, int]) -> bool:
    return any(_overlaps(span, passage) for passage in article.furniture)


def _participant_in_furniture(article: Article, proposal: dict[str, Any]) -> bool:
    if "start" in proposal:
        return _in_furniture(article, (proposal["start"], proposal["end"]))
    named = _appearances(article.text, proposal["name"])  # the document gives no span: where the text names it
    return bool(named) and all(_in_furniture(article, span) for span in named)


def _score_furniture(score: ArticleScore, document: dict[str, Any]) -> None:
    article = score.article
    if not article.furniture:
        return
    for item in document["statements"]:
        if _in_furniture(article, (item["start"], item["end"])):
            score.furniture.append(f"{item['kind']} by {item['speaker']['name']}: {_quote(item['text'])}")
    for item in document["meetings"]:
        if _in_furniture(article, (item["start"], item["end"])):
            score.furniture.append(_proposal_described(item))
    for item in document["participants"]:
        if _participant_in_furniture(article, item):
            score.furniture.append(_describe_participant(item["name"], item["kind"], item["country"], item["position"]))
    score.counts["furniture"] += len(score.furniture)


# --- The set's figures --------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _figure(counts: Counter[str], name: str) -> dict[str, Any]:
    expected, proposed, correct = (counts[f"{name}.{what}"] for what in ("expected", "proposed", "correct"))
    return {
        "expected": expected,
        "proposed": proposed,
        "correct": correct,
        "recall": _ratio(correct, expected),
        "precision": _ratio(correct, proposed),
    }


def _share(correct: int, of: int) -> dict[str, Any]:
    return {"correct": correct, "of": of, "share": _ratio(correct, of)}


def figures(scores: list[ArticleScore]) -> dict[str, Any]:
    """The set's figures, as the module's docstring defines them; the same scores always give the same figures."""
    counts: Counter[str] = sum((score.counts for score in scores), Counter())
    right, matched = counts["participants.correct"], counts["meetings.matched"]
    return {
        "articles": len(scores),
        "html_articles": sum(score.article.is_html for score in scores),
        "direct_quotes": _figure(counts, StatementKind.DIRECT_QUOTE.value),
        "reported_speech": _figure(counts, StatementKind.PARAPHRASE.value),
        "relayed_via": _figure(counts, "via"),
        "statements_lost_by_importer": counts["lost"],
        "participants": _figure(counts, "participants"),
        "participants_right_country": _share(counts["participants.country"], right),
        "participants_right_position": _share(counts["participants.position"], right),
        "meetings": _figure(counts, "meetings"),
        "meetings_matched": matched,
        "meetings_matched_wrong_date": counts["meetings.wrong_date"],
        "meetings_right_kind": _share(counts["meetings.kind"], matched),
        "meetings_right_status": _share(counts["meetings.status"], matched),
        "meetings_right_place": _share(counts["meetings.place"], matched),
        "meetings_right_parent": _share(counts["meetings.parent"], matched),
        "dates": _figure(counts, "dates"),
        "dates_more_precise_than_text": counts["dates.finer"],
        "furniture_proposals": counts["furniture"],
    }


def details(scores: list[ArticleScore]) -> dict[str, dict[str, list[str]]]:
    """Each article's misses, false positives, partial matches and furniture proposals, by name."""
    return {
        score.article.name: {
            "misses": score.misses,
            "false_positives": score.false_positives,
            "partly": score.partly,
            "furniture": score.furniture,
        }
        for score in scores
    }
