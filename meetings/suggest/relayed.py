"""Relayed speech: words that one speaker reports another said. The statement is the original
speaker's; ``via`` is the speaker who relays it (``Attribution.via``, ``Candidate.via``).

The constructions, with who speaks ← who relays:

- A reported clause that opens with its own speaker and speech verb: "Lavrov told Tillerson that
  Putin believes …", "Moura said Ferrante had told him that …", and a clause before its
  attribution: "Sorokin believes the format ‹has exhausted itself›, Demin said." → Putin ←
  Lavrov, Ferrante ← Moura, Sorokin ← Demin.
- "According to Peskov, Putin said …" and "In a message read out by Hakobyan, Petrosyan said …"
  → Putin ← Peskov, Petrosyan ← Hakobyan.
- A relay in the attribution itself: "Putin said, as quoted by Lavrov, that …", "…, Putin said,
  according to Lavrov.", and one that closes the sentence: "Putin told Macron that …, the Kremlin
  said." → Putin ← Lavrov, Putin ← Kremlin; and "Peskov, quoting Putin, said …", "Peskov said,
  citing Putin, that …" → Putin ← Peskov.
- A relayer or its document before the speaker: "According to a Kremlin readout, Putin told …" →
  Putin ← Kremlin.
- "<relayer> quoted (or cited) <speaker> as saying …": "the spokesman quoted the king as saying “…”", "a
  readout from the ministry quoted the minister as saying …"; and "<speaker> was quoted by
  <relayer> as saying …" → king ← spokesman, minister ← ministry.
- "<relayer> conveyed <speaker>'s message that …" and "… delivered a message from <speaker>: “…”"
  → speaker ← relayer.
- A stance that an institution, a spokesperson or a statement reports: "the ministry said Quispe
  welcomed the proposal", "Quispe stressed …, the ministry said", "According to a State Department
  readout, Pryce reaffirmed …" → Quispe ← ministry, Pryce ← State Department (the statement runs
  from the verb); a name just before a quote: "a ministry statement said Quispe “…”", "Pryce, he
  said, “…”"; and a source after the words: "Pryce underscored “…”, according to a State Department
  readout" (or "the readout", which an earlier one named) → Pryce ← State Department.
- "“…,” Quispe was quoted as saying by the ministry" → Quispe ← ministry.
- A spokesperson on what the one they speak for will do: "Kim, Lee's press secretary, said Lee would
  also meet …", "Lee's spokesman, Kim, said Lee will …" → Lee ← Kim; only for "would", "will", "plans
  to" and the like, whatever else Kim says of Lee being Kim's own statement.

A relayer the finder does not know as a speaker (a news agency, a deputy nobody names) leaves
``via`` empty: the statement is still the original speaker's. Pronouns relay too ("he told her
that Putin …"): they resolve as any pronoun does; and after relayed words "he" means whoever told
them, the sentence's subject, unless the relayer is only quoting ("according to", "as quoted by").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..provenance import fold_whitespace
from . import speech
from .speech import SPOKESPERSON as _SPOKESPERSON

if TYPE_CHECKING:
    from .attribution import Attribution, Attributor
    from .mentions import Mention

_REACH = 120  # how far before a name the words that make it a speaker or a relayer stand
_TRAILING_TITLES = re.compile(r"(?:(?:[A-Z][\w.'-]*|of)\s+)*$")
# Title words that may stand before a name: "quoted Foreign Minister Ana Quispe", "by Deputy Minister …".
_TITLES = re.compile(r"(?:(?:[A-Z][\w.'-]*|of|the)\s+){0,5}")
# How close a relayer stands before "quoted": "A Foreign Office spokeswoman later quoted".
_RELAYER_GAP = re.compile(r"[^.;:!?\"“”«»„‹]{0,50}")
_QUOTED = re.compile(r"(?<!\w)(?:quoted|cited)\s+", re.IGNORECASE)
_AS_SAYING = re.compile(
    r"\s+as\s+(?:having\s+said|saying|telling\s+[^,.;:\"“”]{1,40}?(?=\s+that\b|\s*:))(?:\s+that\b|\s*:)?\s*",
    re.IGNORECASE,
)
_WAS_QUOTED = re.compile(r"\s+(?:was|is|were|has\s+been|had\s+been)\s+quoted(?P<by>\s+by\s+)?", re.IGNORECASE)
_BY_WINDOW = 80  # how far "as saying" may follow "quoted by"
_BY_AFTER = re.compile(r"\s*by\s+", re.IGNORECASE)  # "was quoted as saying by the ministry"
_BY_NAME = re.compile(r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:[A-Z][\w.'&-]*)(?:\s+[A-Z][\w.'&-]*)*")
# "as quoted by Lavrov", "cited by TASS", "according to Lavrov": in an attribution, the relayer.
_RELAYED_BY = re.compile(
    r"(?<!\w)(?:(?:as\s+)?(?:quoted|cited|reported|relayed|conveyed|paraphrased)\s+by|according\s+to)\s+$",
    re.IGNORECASE,
)
# "According to Peskov, Putin said", "according to a readout from the Kremlin, Putin told …",
# "according to a Kremlin readout, Putin …": a relayer, or a document that speaks for one.
_DOCUMENT = r"(?:readout|read-out|statement|transcript|communiqu[eé]|account|summary)"
_ACCORDING_TO = re.compile(
    rf"(?<!\w)according\s+to\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+)?{_DOCUMENT}\s+(?:(?:released|issued|published)\s+)?"
    rf"(?:from|by|of)\s+|(?:a|an|the)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# Between a relayer and the speaker it introduces: "According to Peskov, President Putin said".
_TO_SUBJECT = re.compile(
    rf"(?:'s?)?(?:\s+{_DOCUMENT})?\s*(?:\([^()]{{1,30}}\))?\s*,\s*(?:(?:[A-Z][\w.'-]*|of|the)\s+){{0,5}}",
    re.IGNORECASE,
)
# "Peskov, quoting Putin, said", "Peskov said, citing Putin, that": the words are Putin's.
_QUOTING = re.compile(r"(?<!\w)(?:quoting|citing)\s+$", re.IGNORECASE)
# "In a message read out by …", "in a letter delivered by …": the speaker's words, the relayer's voice.
_READ_OUT_BY = re.compile(
    r"(?<!\w)(?:in|with)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:message|letter|speech|"
    r"statement|address|remarks|greeting)\s+(?:that\s+was\s+)?(?:read(?:\s+out)?|delivered|conveyed|relayed|"
    r"presented|passed\s+on)\s+by\s+$",
    re.IGNORECASE,
)
_CONVEYED = re.compile(
    r"(?:\s*,)?\s+(?:also\s+)?(?:conveyed|delivered|relayed|passed\s+on|read\s+out|handed\s+over|transmitted|brought)\s+",
    re.IGNORECASE,
)
_MESSAGE = r"(?:message|letter|greetings|words|position|invitation|assurances?|congratulations|wishes|appeal)"
_SOMEONES_MESSAGE = re.compile(rf"'s?\s+(?:[\w-]+\s+){{0,2}}?{_MESSAGE}", re.IGNORECASE)
_MESSAGE_FROM = re.compile(rf"(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?{_MESSAGE}\s+(?:from|of|by)\s+", re.IGNORECASE)
# What the message says: "that …", ", saying …", ": “…”".
_MESSAGE_SAYS = re.compile(
    r"\s*(?:,\s*)?(?:that\s+|(?:saying|which\s+said|stating)\s+(?:that\s+)?|:\s*)", re.IGNORECASE
)


# What a spokesperson says of the one they speak for: "Kim, Lee's press secretary, said Lee would also meet …".
_SPEAKS_FOR = re.compile(
    r"'s?\s+(?:[\w-]+\s+)?(?:spokes(?:man|woman|person)|press\s+(?:secretary|officer)|aide|adviser|advisor)\s*,",
    re.IGNORECASE,
)
_INTENDS = re.compile(
    r"\s+(?:(?:would|will|is\s+to|was\s+to)(?!\s+not)|(?:plans|planned|intends|intended|hopes|hoped)\s+to)(?!\w)",
    re.IGNORECASE,
)


# "…, according to a State Department readout", "according to the readout": who reports the words.
_SOURCE = re.compile(r"[\s,\"”»]*according\s+to\s+", re.IGNORECASE)
_SOURCE_DOCUMENT = re.compile(rf"(?:the|a|an|its)\s+(?P<noun>{_DOCUMENT})(?!\w)", re.IGNORECASE)


class Relay(NamedTuple):
    """Who said the words, who relays them, the words naming both, and where the words start."""

    speaker: str
    via: str | None
    cue_start: int
    cue_end: int


def relayer_in(attributor: Attributor, low: int, high: int) -> str | None:
    """The relayer an attribution names between ``low`` and ``high``: "said, as quoted by Lavrov, that"."""
    for mention in attributor.document.mentions_in(low, high):
        if mention.form != "pronoun" and _RELAYED_BY.search(_words_before(attributor.norm, low, mention.start)):
            return attributor.resolve(mention)
    return None


def relayer_before(attributor: Attributor, low: int, subject_start: int) -> str | None:
    """The relayer a sentence names before its speaker: "According to Peskov, Putin said", "In a
    message read out by Hakobyan, Petrosyan said"."""
    for mention in reversed(attributor.document.mentions_in(low, subject_start)):
        if mention.form == "pronoun" or not _TO_SUBJECT.fullmatch(attributor.norm, mention.end, subject_start):
            continue
        before = _words_before(attributor.norm, low, mention.start)
        if _ACCORDING_TO.search(before) or _READ_OUT_BY.search(before):
            return attributor.resolve(mention)
    return None


def quoting(attributor: Attributor, low: int, high: int) -> str | None:
    """The speaker an attribution says it quotes, between ``low`` and ``high``: "Peskov, quoting Putin, said"."""
    for mention in attributor.document.mentions_in(low, high):
        if mention.form != "pronoun" and _QUOTING.search(_words_before(attributor.norm, low, mention.start)):
            return attributor.resolve(mention)
    return None


def quoted_as_saying(attributor: Attributor, low: int, high: int) -> Relay | None:
    """ "<relayer> quoted <speaker> as saying", "<speaker> was quoted by <relayer> as saying"."""
    norm, mentions = attributor.norm, attributor.document.mentions_in(low, high)
    for index, mention in enumerate(mentions):
        if not (speaker := attributor.resolve(mention)):
            continue
        quoted = _QUOTED.search(_words_before(norm, low, mention.start))
        if quoted and (saying := _AS_SAYING.match(norm, mention.end, high)):
            verb_start = max(low, mention.start - _REACH) + quoted.start()
            relayer = _relayer_before_verb(attributor, mentions[:index], verb_start)
            return Relay(speaker, relayer, mention.start, saying.end())
        if not attributor.can_be_subject(mention) or not (passive := _WAS_QUOTED.match(norm, mention.end, high)):
            continue
        relayer = None
        if passive["by"]:  # "was quoted by TASS as saying": the relayer if it is a speaker, else only the words
            saying = _AS_SAYING.search(norm, passive.end(), min(high, passive.end() + _BY_WINDOW))
            by = next((m for m in mentions[index + 1 :] if m.start >= passive.end()), None)
            if saying and by and by.end <= saying.start() and _TITLES.fullmatch(norm, passive.end(), by.start):
                relayer = attributor.resolve(by)
        elif (saying := _AS_SAYING.match(norm, passive.end(), high)) and (
            by := _BY_AFTER.match(norm, saying.end(), high)
        ):  # "“…,” Dahan was quoted as saying by the ministry": the relayer comes last
            by_whom = next((m for m in mentions[index + 1 :] if m.start >= by.end()), None)
            if by_whom and by_whom.form != "pronoun" and _TITLES.fullmatch(norm, by.end(), by_whom.start):
                return Relay(speaker, attributor.resolve(by_whom), mention.start, by_whom.end)
            if name := _BY_NAME.match(norm, by.end(), high):
                return Relay(speaker, None, mention.start, name.end())
        if saying:
            return Relay(speaker, relayer, mention.start, saying.end())
    return None


def conveyed_message(attributor: Attributor, low: int, high: int) -> Relay | None:
    """ "<relayer> conveyed <speaker>'s message that …", "<relayer> delivered a message from <speaker>: …"."""
    norm, mentions = attributor.norm, attributor.document.mentions_in(low, high)
    for index, relayer in enumerate(mentions):
        if not attributor.can_be_subject(relayer) or not (verb := _CONVEYED.match(norm, relayer.end, high)):
            continue
        message_from = _MESSAGE_FROM.match(norm, verb.end(), high)
        for mention in mentions[index + 1 : index + 3]:
            if mention.form == "pronoun" or not _TITLES.fullmatch(
                norm, message_from.end() if message_from else verb.end(), mention.start
            ):
                continue
            owned = None if message_from else _SOMEONES_MESSAGE.match(norm, mention.end, high)
            message_end = mention.end if message_from else owned.end() if owned else None
            says = _MESSAGE_SAYS.match(norm, message_end, high) if message_end is not None else None
            if says and (speaker := attributor.resolve(mention)):
                return Relay(speaker, attributor.resolve(relayer), relayer.start, says.end())
    return None


def _relayer_before_verb(attributor: Attributor, mentions: list[Mention], verb_start: int) -> str | None:
    """The subject of "quoted": the last name before it, close enough to be its subject."""
    for mention in reversed(mentions):
        if mention.end <= verb_start and _RELAYER_GAP.fullmatch(attributor.norm, mention.end, verb_start):
            return attributor.resolve(mention) if attributor.can_be_subject(mention) else None
    return None


def _words_before(norm: str, low: int, offset: int) -> str:
    """The words before a name, from ``low`` and within reach of it, without the titles just before
    it: "quoted Foreign Minister " → "quoted "."""
    before = norm[max(low, offset - _REACH) : offset]
    return before[: _TRAILING_TITLES.search(before).start()]


def named_before_quote(attributor: Attributor, clause: int, quote: int) -> Attribution | None:
    """A name and nothing else between a relayer's verb and a quote: "a statement said Quispe “…”"."""
    mentions = attributor.document.mentions_in(clause, quote)
    if len(mentions) != 1 or mentions[0].form == "pronoun" or attributor.norm[mentions[0].end : quote].strip():
        return None
    if not _TITLES.fullmatch(attributor.norm, clause, mentions[0].start):
        return None
    return attributor.attribution_of(mentions[0], mentions[0].start, mentions[0].end)


def parenthetical(attributor: Attributor, attribution: Attribution, low: int, quote: int) -> Attribution | None:
    """The speaker an attribution in parentheses relays: "Ellison, he said, “welcomed …”"."""
    norm = attributor.norm
    if not re.fullmatch(r"\s*,?\s*", norm[attribution.cue_end : quote]):
        return None
    for mention in attributor.document.mentions_in(low, attribution.cue_start)[:1]:
        if (
            mention.form != "pronoun"
            and _TITLES.fullmatch(norm, low, mention.start)
            and re.fullmatch(r"\s*,\s*", norm[mention.end : attribution.cue_start])
        ):
            return attributor.attribution_of(mention, mention.start, mention.end)
    return None


def reports_stances(attributor: Attributor, relayer: str | None) -> bool:
    """Whether a relayer's words about someone's stance are that someone's statement: an
    institution's or a spokesperson's ("the ministry said Quispe welcomed …"), or a document's that
    names no body the finder knows (``None``: "a statement said Quispe welcomed …")."""
    speakers = attributor.document.index.speakers
    if relayer is None:
        return True
    if relayer not in speakers:
        return False
    return not speakers[relayer].is_person or _SPOKESPERSON.search(speakers[relayer].position) is not None


def spoken_for(attributor: Attributor, subject: Attribution, clause: int, high: int) -> Relay | None:
    """ "Kim, Lee's press secretary, said Lee would also meet …", "Lee's spokesman, Kim, said Lee would …":
    what Lee intends, relayed by Kim (when the finder knows Kim)."""
    norm, mentions = attributor.norm, attributor.document.mentions_in(subject.cue_start, subject.cue_end)
    for mention in mentions:
        owner = attributor.resolve(mention) if mention.form != "pronoun" else None
        if not owner or not _SPEAKS_FOR.match(norm, mention.end, subject.cue_end):
            continue
        others = (attributor.resolve(other) for other in mentions if other.form != "pronoun" and other is not mention)
        relayer = next((key for key in others if key and key != owner), None)
        for named in attributor.document.mentions_in(clause, high)[:1]:
            if (
                _TITLES.fullmatch(norm, clause, named.start)
                and attributor.resolve(named) == owner
                and _INTENDS.match(norm, named.end, high)
            ):
                return Relay(owner, relayer, named.start, named.end)
    return None


def source_after(attributor: Attributor, start: int, end: int) -> str | None:
    """Who an ", according to …" at ``start`` names: "a State Department readout", "the Kremlin", and "the
    readout" that names no body: the one an earlier "State Department readout" or "readout from …" named."""
    norm = attributor.norm
    if not (source := _SOURCE.match(norm, start, end)):
        return None
    for mention in attributor.document.mentions_in(source.end(), min(end, source.end() + _REACH))[:1]:
        if mention.form != "pronoun" and _TITLES.fullmatch(norm, source.end(), mention.start):
            return attributor.resolve(mention)
        if mention.form != "pronoun" and re.fullmatch(r"(?:the|a|an)\s+", norm[source.end() : mention.start]):
            return attributor.resolve(mention)
    if not (document := _SOURCE_DOCUMENT.match(norm, source.end(), end)):
        return None
    noun = document["noun"].lower()
    for earlier in reversed(list(re.finditer(rf"(?<!\w){noun}(?!\w)", norm[: source.start()], re.IGNORECASE))):
        owner = _owner_of(attributor, earlier.start(), earlier.end())
        if owner:
            return owner
    return None


def _owner_of(attributor: Attributor, start: int, end: int) -> str | None:
    """The body a document's words name: "a State Department readout", "the Kremlin's readout", "a readout from …"."""
    norm = attributor.norm
    before = attributor.document.mentions_in(max(0, start - _REACH), start)
    if before and before[-1].form != "pronoun" and re.fullmatch(r"(?:'s?)?\s+", norm[before[-1].end : start]):
        return attributor.resolve(before[-1])
    after = attributor.document.mentions_in(end, end + _REACH)[:1]
    if (
        after
        and after[0].form != "pronoun"
        and re.fullmatch(r"\s+(?:from|of|by)\s+(?:the\s+)?", norm[end : after[0].start])
    ):
        return attributor.resolve(after[0])
    return None


def with_source(attributor: Attributor, attribution: Attribution | None, start: int, end: int) -> Attribution | None:
    """A quote's attribution, relayed by who an ", according to …" after the quote names:
    "Quispe underscored “…”, according to a State Department readout"."""
    if attribution is None or attribution.via is not None:
        return attribution
    via = source_after(attributor, start, end)
    return attribution._replace(via=via) if via and via != attribution.speaker else attribution


def stance(attributor: Attributor, mention: Mention, high: int) -> Attribution | None:
    """A speaker and a verb of stance opening a clause an institution or a spokesperson reports:
    "(the ministry said) Quispe welcomed the proposal"; the statement starts at the verb."""
    act = speech.ACT_VERB.match(attributor.norm, mention.end, high)
    if not act or fold_whitespace(act["verb"]) not in speech.STANCE_VERBS:
        return None
    if act["verb"] == "welcomed" and speech.GREETED.match(attributor.norm, act.end(), high):
        return None  # "welcomed Tillerson at the airport"
    attribution = attributor.attribution_of(mention, mention.start, act.end())
    return attribution._replace(act_start=act.start("verb")) if attribution else None
