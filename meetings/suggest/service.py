"""Draft statements in the database: what ``suggest_statements`` creates from a source's candidates.

A candidate the source already has (the same text, or a statement of the same kind over mostly
the same span) is not created again, so running twice creates nothing new and curated
statements are not duplicated.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from .. import provenance
from ..choices import StatementChannel
from ..models import Participant, Source, Statement
from .candidates import Candidate, find_candidates
from .mentions import Speaker

# --- Comparing with what a source already has ---------------------------------------------------

# Two statements of the same kind whose spans share at least this share of the shorter one
# are the same statement, cut a little differently ("frank and comprehensive" vs "… ,").
_SAME_STATEMENT_OVERLAP = 0.5


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The overlap of two spans as a share of the shorter one (0 when they are disjoint)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shortest = min(a[1] - a[0], b[1] - b[0])
    return max(shared, 0) / shortest if shortest > 0 else 0.0


@dataclass(frozen=True)
class _Existing:
    kind: str
    folded: str
    span: tuple[int, int] | None


def _already_present(candidate: Candidate, existing: Iterable[_Existing]) -> bool:
    folded = provenance.fold_whitespace(candidate.text)
    for statement in existing:
        if statement.folded == folded:
            return True
        if (
            statement.kind == candidate.kind
            and statement.span is not None
            and spans_overlap(statement.span, (candidate.start, candidate.end)) >= _SAME_STATEMENT_OVERLAP
        ):
            return True
    return False


# --- Creating drafts ----------------------------------------------------------------------------


@dataclass
class SuggestionReport:
    """What one run on one source proposed, found already there, or could not attribute."""

    source: Source
    dry_run: bool = False
    created: list[Statement] = field(default_factory=list)  # unsaved in a dry run
    already_present: list[Candidate] = field(default_factory=list)
    no_speaker: list[Candidate] = field(default_factory=list)

    def summary(self) -> str:
        verb = "would create" if self.dry_run else "created"
        return (
            f"{verb} {len(self.created)}, already present {len(self.already_present)}, "
            f"no speaker {len(self.no_speaker)}"
        )


def suggest_statements(source: Source, *, dry_run: bool = False, paraphrases: bool = True) -> SuggestionReport:
    """Create draft statements for the quotes and reported speech in ``source`` that it lacks.

    A candidate is skipped when the source already has a statement (draft or verified) with
    the same whitespace-folded text, or one of the same kind over mostly the same span, so
    running this twice creates nothing new and curated statements are not duplicated.
    """
    participants = {participant.slug: participant for participant in Participant.objects.all()}
    speakers = [Speaker.from_participant(participant) for participant in participants.values()]
    candidates = find_candidates(source.text, speakers, paraphrases=paraphrases)
    report = SuggestionReport(source=source, dry_run=dry_run)
    with transaction.atomic():
        # Two runs on one source at once must not both create the same drafts.
        list(Source.objects.select_for_update().filter(pk=source.pk).values_list("pk"))
        existing = [
            _Existing(kind, provenance.fold_whitespace(text), None if start is None else (start, end))
            for kind, text, start, end in source.statements.values_list("kind", "text", "span_start", "span_end")
        ]
        for candidate in candidates:
            if _already_present(candidate, existing):
                report.already_present.append(candidate)
            elif candidate.speaker is None:
                report.no_speaker.append(candidate)
            else:
                statement = _draft(source, participants[candidate.speaker], candidate)
                if dry_run:
                    statement.locate()
                else:
                    statement.save()
                report.created.append(statement)
                span = None if statement.span_start is None else (statement.span_start, statement.span_end)
                existing.append(_Existing(candidate.kind, provenance.fold_whitespace(candidate.text), span))
    return report


def _draft(source: Source, speaker: Participant, candidate: Candidate) -> Statement:
    return Statement(
        source=source,
        speaker=speaker,
        kind=candidate.kind,
        text=candidate.text,
        occurrence=candidate.occurrence,
        channel=StatementChannel.UNKNOWN,
        meeting=None,
    )
