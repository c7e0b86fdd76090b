"""Scoring the suggester's proposals for one article against its annotation, and the set's figures.

A proposed statement is right when it covers the expected passage with the expected speaker: a
direct quote must cover the same words (punctuation and whitespace at its ends aside), reported
speech at least half of the expected clause's extent and no more than twice it (the overlap is at
least half of the two spans' union). Every proposal that is not right is a false positive, and
every expected statement no right proposal covers is a miss; a proposal with the right passage
and the wrong speaker is both, and says so.

Participants, meetings and dates are scored only once the suggester proposes them: until then
their figures say "not proposed", with the recall that implies (0) and no precision.
"""

from dataclasses import dataclass, field

from annotations import Article, ExpectedStatement

from meetings.choices import StatementKind

_END_PUNCTUATION = " \t\r\n.,;:!?…"
_PARAPHRASE_MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Proposal:
    """A statement the suggester proposed: its kind, its span in the article and who it says spoke."""

    kind: str
    text: str
    start: int
    end: int
    speaker: str
    via: str | None


@dataclass
class ArticleScore:
    """One article's matches, misses and false positives, per statement kind."""

    article: Article
    correct: dict[str, int] = field(default_factory=dict)
    proposed: dict[str, int] = field(default_factory=dict)
    via_expected: int = 0
    via_correct: int = 0
    furniture: list[Proposal] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)


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


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def score_article(article: Article, proposals: list[Proposal]) -> ArticleScore:
    """Match each proposal to at most one expected statement, and each expected one to at most one proposal."""
    score = ArticleScore(article)
    for kind in StatementKind.values:
        score.correct[kind] = 0
        score.proposed[kind] = sum(proposal.kind == kind for proposal in proposals)
    unmatched = list(article.statements)
    for proposal in proposals:
        same = [expected for expected in unmatched if _same_passage(article.text, expected, proposal)]
        right = next((expected for expected in same if expected.speaker == proposal.speaker), None)
        if right is not None:
            unmatched.remove(right)
            score.correct[proposal.kind] += 1
            if right.via is not None:
                score.via_correct += proposal.via == right.via
            continue
        if any(_overlaps((proposal.start, proposal.end), span) for span in article.furniture):
            score.furniture.append(proposal)
        wrong = f" (expected speaker {same[0].speaker})" if same else ""
        where = " [page furniture]" if proposal in score.furniture else ""
        score.false_positives.append(f"{proposal.kind} by {proposal.speaker}{wrong}{where}: {_quote(proposal.text)}")
    score.via_expected = sum(expected.via is not None for expected in article.statements)
    existing = {participant.name for participant in article.participants if participant.existing}
    for expected in unmatched:
        relayed = f" via {expected.via}" if expected.via else ""
        new = "" if expected.speaker in existing else " [speaker not in the database]"
        score.misses.append(f"{expected.kind} by {expected.speaker}{relayed}{new}: {_quote(expected.text)}")
    return score


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _figure(expected: int, proposed: int | None, correct: int) -> dict:
    return {
        "expected": expected,
        "proposed": proposed,
        "correct": correct,
        "precision": None if proposed is None else _ratio(correct, proposed),
        "recall": _ratio(correct, expected),
    }


def figures(scores: list[ArticleScore]) -> dict:
    """The set's figures: per statement kind, relayed speech, furniture; the kinds not proposed yet."""

    def total(kind: str, what: str) -> int:
        return sum(getattr(score, what)[kind] for score in scores)

    def expected(kind: str) -> int:
        return sum(statement.kind == kind for score in scores for statement in score.article.statements)

    articles = [score.article for score in scores]
    meetings = [meeting for article in articles for meeting in article.meetings]
    quotes, speech = StatementKind.DIRECT_QUOTE, StatementKind.PARAPHRASE
    not_proposed = {"proposed": None, "correct": 0, "precision": None, "recall": 0.0, "not_proposed": True}
    return {
        "articles": len(scores),
        "direct_quotes": _figure(expected(quotes), total(quotes, "proposed"), total(quotes, "correct")),
        "reported_speech": _figure(expected(speech), total(speech, "proposed"), total(speech, "correct")),
        "relayed_via": _figure(
            sum(score.via_expected for score in scores), None, sum(score.via_correct for score in scores)
        ),
        "participants": {"expected": sum(len(article.participants) for article in articles), **not_proposed},
        "meetings": {"expected": len(meetings), **not_proposed},
        "dates": {"expected": sum(meeting.date is not None for meeting in meetings), **not_proposed},
        "furniture_proposals": sum(len(score.furniture) for score in scores),
        "dates_more_precise_than_text": None,
    }
