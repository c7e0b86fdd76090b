"""Reported speech: the clause that says what someone said, without quoting them, and who said it.

The rules, tried in this order on a sentence (see ``attribution`` for who a name or a pronoun is):

- relayed words: "the spokesman quoted the king as saying <clause>", "Long conveyed Hoa's message that
  <clause>" (the speaker is the original one, ``via`` the relayer; see ``relayed``);
- "According to X, <clause>", "As X acknowledged, <clause>", "According to him, <clause>", "In the
  words of X, <clause>"; and "According to Tamm, Wierzbicki told her that <clause>": Wierzbicki's,
  relayed by Tamm;
- the clause after a speech verb: "X said (that) <clause>", "X told reporters <clause>", "X said on
  Friday <clause>", "a statement said <clause>"; a clause that opens with its own speaker and verb
  is that speaker's, relayed ("Lavrov told Tillerson that Putin believes <clause>"); one that a
  trailing attribution closes is relayed by it ("Putin told Macron that <clause>, the Kremlin said.");
- the clause before a trailing attribution: "<clause>, the ministry said.", "<clause>, Lavrov said,
  adding that …";
- the statement that a speech act's object is, from its verb: "Lavrov expressed concern about …",
  "the ministry called for …" (only for the sentence's subject).

A trailing ", according to <source>" is no part of a clause; the source relays it when the finder
knows it ("…, according to a statement from the State Department").

A clause ends where the speaker's own action resumes ("…, but did not comment on …", "… and thanked
…"), and where another speaker takes over ("…, while Tillerson said …"), whose clause follows.
A sentence that ends with a colon or a question mark reports nothing; a dateline is no part of a clause.
"""

import re

from . import relayed, speech
from .attribution import TITLES_ONLY, Attribution, Attributor
from .text import DATELINE

# A clause: (attribution, start, end), offsets into the text.
Reported = tuple[Attribution, int, int]

_MAX_CLAUSES = 3  # speakers taking turns in one sentence
_MAX_TRAILING_COMMAS = 3  # how many commas from the end a trailing attribution may stand
_TRAILING_TAIL = 80  # how long "…, Lavrov said at a briefing after the talks on Wednesday." may run on
# Where another speaker may take over in a sentence: "…, while Tillerson said …".
_NEXT_SPEAKER = re.compile(r",?\s+(?:while|whereas|but|and)\s+|;\s+")
_ACCORDING_TO_HIM = re.compile(
    r"(\s*(?:[A-Z][\w ]{0,30},\s*)?)(according\s+to\s+(?:him|her)|in\s+(?:his|her)\s+words)\s*,\s*", re.IGNORECASE
)
# What may open a sentence before its subject: "In turn, ", "On April 4, ", titles.
_OPENING = re.compile(r"\s*(?:[A-Z][\w ]{0,30},\s*)?(?:(?:[A-Z][\w.'-]*|of|the)\s+){0,5}")
_CLAUSE_GOES_ON = re.compile(
    r"\s+(?:would|will|was|were|is|are|had|has|have|could|should|might|may|must|did|does|\w+ed)(?!\w)", re.IGNORECASE
)
# What a trailing attribution may be followed by: nothing that makes it a new statement.
_NOT_BARE = re.compile(r"\bthat\b|[:\"“”«»„‹]")


def paraphrases(attributor: Attributor, start: int, end: int) -> list[Reported]:
    """Reported speech in a sentence, as (attribution, clause start, clause end): one clause, or one a
    speaker, when another speaker takes over: "Lavrov said …, while Tillerson said …"."""
    found: list[Reported] = []
    while len(found) < _MAX_CLAUSES and (reported := _paraphrase(attributor, start, end)):
        attribution, clause_start, clause_end = reported
        for boundary in _NEXT_SPEAKER.finditer(attributor.norm, clause_start, clause_end):
            if (other := attributor.subject(boundary.end(), end)) and TITLES_ONLY.fullmatch(
                attributor.norm, boundary.end(), other.cue_start
            ):
                found.append((attribution, clause_start, boundary.start()))
                start = boundary.end()
                break
        else:
            found.append(reported)
            break
    return found


def _paraphrase(attributor: Attributor, start: int, end: int) -> Reported | None:
    """Reported speech in a sentence: (attribution, clause start, clause end)."""
    sentence = attributor.norm[start:end].rstrip()
    if sentence.endswith((":", "?")):
        return None
    clause_end = start + len(sentence.rstrip(".!").rstrip())
    if dateline := DATELINE.match(attributor.norm, start, clause_end):
        start = dateline.end()
    reported = (
        _relayed_clause(attributor, start, clause_end)
        or _according_to_clause(attributor, start, end, clause_end)
        or _that_clause(attributor, start, end, clause_end)
        or _clause_before_attribution(attributor, start, clause_end)
        or _act_clause(attributor, start, end, clause_end)
    )
    if reported and (resumes := speech.SPEAKER_RESUMES.search(attributor.norm, reported[1], reported[2])):
        reported = reported[0], reported[1], resumes.start()
    # "…, according to a statement from the ministry": who reports the clause is no part of it.
    if reported and (source := speech.TRAILING_SOURCE.search(attributor.norm, reported[1], reported[2])):
        attribution = reported[0]
        via = attribution.via or relayed.source_after(attributor, source.start(), reported[2])
        reported = attribution._replace(via=via if via != attribution.speaker else None), reported[1], source.start()
    return reported


def _relayed_clause(attributor: Attributor, start: int, clause_end: int) -> Reported | None:
    """ "The spokesman quoted the king as saying …", "Long conveyed Hoa's message that …"."""
    if relay := relayed.quoted_as_saying(attributor, start, clause_end) or relayed.conveyed_message(
        attributor, start, clause_end
    ):
        return Attribution(relay.speaker, relay.cue_start, relay.cue_end, relay.via), relay.cue_end, clause_end
    return None


def _according_to_clause(attributor: Attributor, start: int, end: int, clause_end: int) -> Reported | None:
    """ "According to X, <clause>.", "As X acknowledged, <clause>." and "According to him, <clause>." """
    if (him := _ACCORDING_TO_HIM.match(attributor.norm, start, end)) and attributor.salient:
        return Attribution(attributor.salient, start + len(him[1]), him.end(2)), him.end(), clause_end
    for mention in attributor.document.mentions_in(start, end):
        if mention.form == "pronoun":
            continue
        before = attributor.norm[start : mention.start]
        according = speech.ACCORDING_TO.search(before)
        # (Not "Putin, according to Peskov, told …": a speaker before it is the subject.)
        if (
            according
            and speech.CONNECTOR.fullmatch(before[: according.start()])
            and not attributor.document.mentions_in(start, start + according.start())
        ):
            cue_start, cue_end = start + according.start(), mention.end
        elif speech.AS_BEFORE.search(before) and (verb := speech.TO_VERB.match(attributor.norm, mention.end, end)):
            cue_start, cue_end = mention.start, verb.end()
        else:
            continue
        comma = speech.COMMA_AFTER_NAME.match(attributor.norm, cue_end, end)
        if comma and (attribution := attributor.attribution_of(mention, cue_start, cue_end)):
            # "According to Tamm, Wierzbicki told her that …": Wierzbicki's words, relayed by Tamm.
            if (inner := attributor.inner_speaker(comma.end(), end, attribution.speaker)) and (
                clause := attributor.clause_start(inner, clause_end)
            ) is not None:
                return inner._replace(via=attribution.speaker), clause, clause_end
            return attribution, comma.end(), clause_end
    return None


def _that_clause(attributor: Attributor, start: int, end: int, clause_end: int) -> Reported | None:
    """ "X said (that) <clause>.", "X told Sputnik on Wednesday that <clause>.", "the statement said <clause>." """
    subject = attributor.subject(start, end, verbs=speech.REPORTING_VERBS)
    if subject is None:
        return None
    if (inner := attributor.inner_after(subject, end)) and (
        inner_clause := attributor.clause_start(inner, end)
    ) is not None:
        return inner._replace(via=subject.speaker, subject=subject.speaker), inner_clause, clause_end
    if (clause := attributor.clause_start(subject, end)) is None:
        return None
    if relay := relayed.spoken_for(attributor, subject, clause, end):  # "Kim, Lee's spokesman, said Lee would …"
        return Attribution(relay.speaker, relay.cue_start, relay.cue_end, relay.via, relay.via), clause, clause_end
    if (inner := attributor.inner_speaker(clause, end, subject.speaker)) and (
        inner_clause := attributor.clause_start(inner, end)
    ) is not None:
        return inner._replace(via=subject.speaker, subject=subject.speaker), inner_clause, clause_end
    # "Putin told Macron that …, the Kremlin said.": Putin's words, relayed by the Kremlin.
    if (trailing := _clause_before_attribution(attributor, clause, clause_end)) and (
        trailing[0].speaker not in {None, subject.speaker}
    ):
        return subject._replace(via=trailing[0].speaker), clause, trailing[2]
    return attributor.with_relays(subject, start, clause), clause, clause_end


def _act_clause(attributor: Attributor, start: int, end: int, clause_end: int) -> Reported | None:
    """ "X expressed concern about <…>", "the ministry called for <…>": the statement from the verb."""
    for mention in attributor.document.mentions_in(start, end):
        if not _OPENING.fullmatch(attributor.norm, start, mention.start):
            return None  # only the sentence's subject: in "… as he had promised …" the speaker is unclear
        if not attributor.can_be_subject(mention) or not (verb := attributor.verb_after(mention, end, speech.ACT_VERB)):
            continue
        if verb["verb"] == "welcomed" and speech.GREETED.match(attributor.norm, verb.end(), end):
            return None
        attribution = attributor.attribution_of(mention, mention.start, verb.end())
        return (attribution, verb.start("verb"), clause_end) if attribution else None
    return None


def _clause_before_attribution(attributor: Attributor, start: int, clause_end: int) -> Reported | None:
    """ "<clause>, Lavrov said.", "<clause>, Lavrov said, adding that …" """
    comma, attribution = clause_end, None
    for _ in range(_MAX_TRAILING_COMMAS):
        comma = attributor.norm.rfind(",", start, comma)
        if comma <= start:
            return None
        attribution = attributor.trailing_attribution(comma, clause_end)
        if attribution is not None:
            break
    if attribution is None:
        return None
    # The attribution closes the sentence, or a participle goes on from it.
    rest = attributor.norm[attribution.cue_end : clause_end]
    if not speech.PARTICIPLE_CLAUSE.match(rest) and (_NOT_BARE.search(rest) or len(rest) > _TRAILING_TAIL):
        return None
    if _CLAUSE_GOES_ON.match(rest):  # "…, said Lee would also meet …": "said" opens a clause, it closes none
        return None
    # "Sorokin believes the format has exhausted itself, Demin said.": Sorokin's words, relayed.
    if (inner := attributor.inner_speaker(start, comma, attribution.speaker)) and (
        clause := attributor.clause_start(inner, comma)
    ) is not None:
        return inner._replace(via=attribution.speaker, subject=attribution.speaker), clause, comma
    via = relayed.relayer_in(attributor, attribution.cue_start, clause_end)
    return attribution._replace(via=via if via != attribution.speaker else None), start, comma
