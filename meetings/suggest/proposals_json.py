"""The proposals as one JSON document: what ``manage.py suggest --json`` prints and the evaluation scores.

``{"source", "participants": [...], "meetings": [...], "statements": [...]}``: participants with
their kind, country, position and the slug of the known participant they are (``existing``);
meetings with their participants (name, slug, role), ``parent`` as an index into the meetings;
statements with their speaker and relayer (name and slug), offsets in the source's text and
``meeting`` as an index. Each entry's ``review`` is its status (open, accepted, rejected, present).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..choices import PRESENT, SuggestionKind

if TYPE_CHECKING:
    from .reviewing import SuggestionReport


def document(report: SuggestionReport) -> dict[str, Any]:
    proposals = report.proposals
    slugs = {item.index: getattr(item.record, "slug", None) for item in report.of_kind(SuggestionKind.PARTICIPANT)}

    def who(index: int | None) -> dict[str, Any] | None:
        if index is None:
            return None
        return {"name": proposals.participants[index].name, "slug": slugs.get(index)}

    def status(kind: str, index: int) -> str:
        return report.item(kind, index).status

    return {
        "source": report.source.slug,
        "participants": [
            {
                "name": participant.name,
                "kind": participant.kind,
                "country": participant.country or None,
                "position": participant.position,
                "existing": slugs.get(index) if status(SuggestionKind.PARTICIPANT, index) == PRESENT else None,
                "review": status(SuggestionKind.PARTICIPANT, index),
            }
            for index, participant in enumerate(proposals.participants)
        ],
        "meetings": [
            {
                "title": meeting.title,
                "kind": meeting.kind,
                "status": meeting.status,
                "date": None if meeting.date is None else meeting.date.isoformat(),
                "date_precision": meeting.date_precision,
                "city": meeting.city,
                "country": meeting.country or None,
                "participants": [{**who(p), "role": role} for p, role in meeting.participants],  # type: ignore[dict-item]
                "parent": meeting.parent,
                "topics": list(meeting.topics),
                "start": meeting.start,
                "end": meeting.end,
                "review": status(SuggestionKind.MEETING, index),
            }
            for index, meeting in enumerate(proposals.meetings)
        ],
        "statements": [
            {
                "speaker": who(statement.speaker),
                "kind": statement.kind,
                "text": statement.text,
                "start": statement.start,
                "end": statement.end,
                "via": who(statement.via),
                "meeting": statement.meeting,
                "review": status(SuggestionKind.STATEMENT, index),
            }
            for index, statement in enumerate(proposals.statements)
        ],
    }
