"""Suggesting draft statements from a source's text, for a curator to confirm or discard.

The finder reads an article the way a curator skims it: it looks for quoted passages (“…”,
"…", «…», „…“, ‹…›) and for reported speech ("Lavrov said that …", "according to Peskov, …"), and works out
who is speaking from the sentence around them. Speakers are matched against the participants'
names, other spellings, surnames and the words of their positions.

It is a heuristic, and everything it proposes is a draft: a curator verifies or deletes it.
Spans are never computed here: ``Statement.save()`` locates each text through
``meetings.provenance``, the one place spans are found; the finder only says which appearance
of the words (``occurrence``) it means.

- ``text``: normalising the text, its lines, page furniture, where sentences end.
- ``quotes``: the quotation marks and the quoted passages of a text.
- ``speech``: the speech verbs and the phrases that name a speaker.
- ``mentions``: the speakers, and where the text names them.
- ``document``: one text with all of the above, for lookups by offset.
- ``attribution``: who said a quote or a reported-speech clause.
- ``candidates``: the finder, ``find_candidates``, a pure function of the text and the speakers.
- ``participants``: who meets or speaks, with office, kind and country, matched to known participants.
- ``countries``: country names, nationality adjectives and well-known institutions' countries.
- ``dates``: the dates a text states, resolved against the article's own date, never more precise.
- ``service``: ``suggest_statements``, which creates the draft ``Statement`` rows a source lacks.
"""

from .candidates import Candidate, find_candidates
from .mentions import Speaker
from .service import SuggestionReport, spans_overlap, suggest_statements

__all__ = ["Candidate", "Speaker", "SuggestionReport", "find_candidates", "spans_overlap", "suggest_statements"]
