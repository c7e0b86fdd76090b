"""Who said a passage: the attribution rules, from the words around a quote or in a sentence.

"X said", "said X", "X stressed that", "according to X", "X: “…”", a pronoun ("he added") or a
description ("the Russian foreign minister", "the ministry") that points back to someone already
named. Someone's unnamed representative speaks for them ("Mwangi's office said", "a Kremlin
spokesman said"). A document speaks for the body it names ("a statement from the Élysée said");
one that names none ("a statement said", "the readout said") speaks for the institution last
named in the paragraph, and for nobody when there is none. Words relayed by someone else are the
original speaker's, with the relayer as ``via`` (see ``relayed``).

A quote's speaker is named after it ("“…,” Lavrov said", "said Lavrov", "according to Lavrov", "—
Sergey Lavrov"), else before it in its sentence ("Lavrov said: “…”", "Lavrov hailed the deal as
“historic”", "Slutsky: “…”"), else at the end of the paragraph before ("Lavrov said:"). Which
clause reported speech is, is for ``reported``, with these rules for who says it.
``Attributor`` reads one ``Document`` from start to end, remembering who "he", "she" or "it" is.
"""

import re
from typing import NamedTuple

from ..provenance import fold_whitespace
from . import relayed, speech
from .document import Document
from .mentions import Mention
from .quotes import QuotePart

# --- The patterns the rules share -----------------------------------------------------------------

_THAT = re.compile(r"\s+that\b")
# Title words before a name at the start of a clause: "President Putin", "Argentine President Lucía Ferrante".
TITLES_ONLY = re.compile(r"\s*(?:(?:[A-Z][\w.'-]*|of|the)\s+){0,5}")
# A sentence about its speaker that a colon ends: "The Chilean minister was blunt: “…”".
_UP_TO_COLON = re.compile(r"[^.;:!?\"“”«»„‹]{0,60}:\s*")
# A quote signed with a dash: "“…” — Sergey Lavrov, Russian foreign minister".
_SIGNED = re.compile(r"\s*[—–-]+\s*(?:(?:[A-Z][\w.'-]*|of|the)\s+){0,4}")
_SIGNATURE_END = re.compile(r"(?:\s*,[^.;:!?\"“”«»„‹]{0,80})?(?:\s*\([^()]{0,40}\))?[^.;:!?\"“”«»„‹]{0,30}\s*\.?\s*")
_DASH = re.compile(r"\s*[—–-]")
# Two asides between a name and its verb: "Ana Quispe, Peru's foreign minister, who arrived on Monday, said".
_ASIDE = re.compile(r"\s*,[^,.;:\"“”]{1,150}(?=,)")
_APPOSITION_GAP = 5  # how far before a name the comma that opens an apposition may stand
_VERB_FIRST_WINDOW = 12  # how far before a name "said" stands in "…,” said Maria Ruiz"
_NAME_NEXT = re.compile(r"\s+[A-Z]")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|told)\s+$")


class Attribution(NamedTuple):
    """Who said it, and where the words that say so stand (the cue shown to the curator)."""

    speaker: str | None  # None: a document that names no known body ("a statement said")
    cue_start: int
    cue_end: int
    via: str | None = None  # who relays the speaker's words
    subject: str | None = None  # who the sentence is about, when not the speaker: the relayer who tells
    act_start: int | None = None  # where a stance that someone relays starts: "said Quispe welcomed the plan"

    @property
    def salient(self) -> str | None:
        """Who "he" or "she" means after this attribution."""
        return self.subject or self.speaker


class Attributor:
    """The attribution rules over one document; holds who a pronoun refers to at this point of the pass."""

    def __init__(self, document: Document):
        self.document = document
        self.norm = document.norm
        self.salient: str | None = None  # the person "he" or "she" refers to at this point of the pass
        self.salient_body: str | None = None  # the institution "it" refers to

    def update_salience(self, start: int, end: int, speakers: list[str]) -> None:
        """Who "he" or "she" means from the next sentence on: the last person quoted or reported,
        else a person this sentence says something, else the first person it names."""
        is_person = self.document.index.is_person
        bodies = [key for key in speakers if not is_person(key)] or [
            key
            for mention in self.document.mentions_in(start, end)
            if mention.form != "pronoun" and (key := self.resolve(mention)) and not is_person(key)
        ][:1]
        if bodies:
            self.salient_body = bodies[-1]
        people = [key for key in speakers if is_person(key)]
        if not people and (subject := self.subject(start, end)) and is_person(subject.speaker):
            people = [subject.speaker]
        if not people and self._unknown_speaks(start, end):
            self.salient = None  # "he" is now someone the finder does not know
            return
        if not people:
            mentions = self.document.mentions_in(start, end)
            named = (self.resolve(mention) for mention in mentions if mention.form != "pronoun")
            people = [key for key in named if is_person(key)][:1]
        if people:
            self.salient = people[-1]

    def _unknown_speaks(self, start: int, end: int) -> bool:
        """Whether a name the finder does not know speaks in the sentence: "Maria Ruiz said …"."""
        known = self.document.mentions_in(start, end)
        for run in speech.NAME_RUN.finditer(self.norm, start, end):
            words = run.group().split()
            if speech.NOT_NAME_WORDS & set(words) or any(m.start < run.end() and run.start() < m.end for m in known):
                continue
            before = self.norm[max(start, run.start() - _VERB_FIRST_WINDOW) : run.start()]
            if speech.TO_VERB.match(self.norm, run.end(), end) or _SAID_BEFORE.search(before):
                return True
        return False

    def resolve(self, mention: Mention) -> str | None:
        if mention.form == "pronoun":
            return self.salient_body if self.norm[mention.start : mention.end].lower() == "it" else self.salient
        if len(mention.keys) == 1:
            return next(iter(mention.keys))
        # Several speakers fit a surname or a description: the one most recently named.
        for anchor in reversed(self.document.anchors_before(mention.start)):
            if anchor.keys <= mention.keys:
                return next(iter(anchor.keys))
        return None

    def attribution_of(self, mention: Mention, cue_start: int, cue_end: int) -> Attribution | None:
        speaker = self.resolve(mention)
        return Attribution(speaker, cue_start, cue_end) if speaker else None

    def can_be_subject(self, mention: Mention) -> bool:
        return mention.form != "pronoun" or self.norm[mention.start : mention.end].lower() in {"he", "she", "it"}

    # Who said a quote

    def quote_attribution(self, line: int, sentence_start: int, group: list[QuotePart]) -> Attribution | None:
        """Who said a quote: a relay around it, else the words after it, else those before it in its
        sentence, else the paragraph before when the quote opens its own."""
        first = group[0]
        # After an earlier quote in the sentence, the words since it come first: in
        # 'Tillerson called the talks "useful," while Lavrov called them "frank."' Lavrov says "frank".
        previous = self.document.part_before(first.open)
        since = previous.close + 1 if previous and previous.close >= sentence_start else None
        opens_sentence = not self.norm[sentence_start : first.open].strip()
        before = (
            (self.lead_in(since, first) if since is not None else None)
            or self.lead_in(sentence_start, first)
            or (self.colon_before(line) if opens_sentence else None)
            or self._signed_below(group[-1])
        )
        return (
            self._relay_around(sentence_start if since is None else since, group)
            or self._after_quote(sentence_start, group, opens_sentence)
            or relayed.with_source(self, before, group[-1].close + 1, self._line_end(group[-1].line))
        )

    def _relay_around(self, low: int, group: list[QuotePart]) -> Attribution | None:
        """ "The spokesman quoted the king as saying “…”", "“…,” Lavrov quoted Putin as saying."."""
        first, last = group[0], group[-1]
        relay = relayed.quoted_as_saying(self, low, first.open) or relayed.conveyed_message(self, low, first.open)
        after = last.close + 1
        reach = min(self._line_end(last.line), after + speech.TRAIL_WINDOW)
        if relay is None and (relay := relayed.quoted_as_saying(self, after, reach)):
            opens = self.document.mentions_in(after, relay.cue_end)[:1]  # the relayer, or the speaker
            if not opens or speech.TITLE_WORDS.fullmatch(self.norm, after, opens[0].start) is None:
                return None
        return Attribution(relay.speaker, relay.cue_start, relay.cue_end, relay.via) if relay else None

    def _after_quote(self, sentence_start: int, group: list[QuotePart], opens_sentence: bool) -> Attribution | None:
        """The attribution after a quote, and whose words it relays: “…,” Demin said; "Sorokin believes
        the format ‹…›, Demin said." (Sorokin's, relayed); "“…,” Peskov said, quoting Putin." (Putin's)."""
        trail = self.trail(group[-1])
        if trail is None:
            return None
        inner = None if opens_sentence else self.subject(sentence_start, group[0].open)
        if inner and inner.speaker != trail.speaker:
            return inner._replace(via=trail.speaker, subject=trail.speaker)
        line_end = self._line_end(group[-1].line)
        if (quoted := relayed.quoting(self, trail.cue_start, line_end)) and quoted != trail.speaker:
            return trail._replace(speaker=quoted, via=trail.speaker, subject=trail.speaker)
        via = relayed.relayer_in(self, trail.cue_start, line_end)
        return trail._replace(via=via) if via != trail.speaker else trail

    def subject(self, low: int, high: int, verbs: frozenset[str] | None = None) -> Attribution | None:
        """The first speaker in [low, high) that a speech verb follows: "Lavrov (also) said",
        "Mwangi's office said", "a statement from the ministry said", "the statement said"."""
        document = speech.DOCUMENT.search(self.norm, low, high)
        for mention in self.document.mentions_in(low, document.start() if document else high):
            if not self.can_be_subject(mention):
                continue
            verb = self.verb_after(mention, high)
            if not verb or (verbs is not None and fold_whitespace(verb["verb"]) not in verbs):
                continue
            if attribution := self.attribution_of(mention, mention.start, verb.end()):
                return attribution
        return self._document(document, high, verbs) if document else None

    def verb_after(self, mention: Mention, high: int, verbs: re.Pattern[str] = speech.TO_VERB) -> re.Match[str] | None:
        """The speech verb after a speaker: "Lavrov (also) said", "Mwangi's office said", and after a
        name in apposition, "Morocco's foreign minister, Youssef Benali, said"."""
        if verb := verbs.match(self.norm, mention.end, high):
            return verb
        # Two asides: "Ana Quispe, Peru's foreign minister, who arrived on Monday, said".
        if (aside := _ASIDE.match(self.norm, mention.end, high)) and (
            verb := verbs.match(self.norm, aside.end(), high)
        ):
            return verb
        if representative := speech.REPRESENTATIVE.match(self.norm, mention.end, high):
            # "Park Ji-won, Lee's press secretary, said": the representative in apposition speaks for Lee.
            return verbs.match(self.norm, representative.end() + self.norm.startswith(",", representative.end()), high)
        before = self.norm[max(0, mention.start - _APPOSITION_GAP) : mention.start]
        # A name in apposition to its office; not a description, which may describe a name the finder does
        # not know ("Maria Ruiz, Lavrov's spokeswoman, said").
        if mention.form != "description" and before.rstrip().endswith(",") and self.norm.startswith(",", mention.end):
            return verbs.match(self.norm, mention.end + 1, high)
        who = speech.WHO.match(self.norm, mention.end, high)
        return verbs.match(self.norm, who.end(), high) if who else None

    def _document(self, document: re.Match[str], high: int, verbs: frozenset[str] | None) -> Attribution | None:
        """A statement or readout that speaks: for the body it names, else the paragraph's last institution."""
        verb = speech.TO_VERB.match(self.norm, document.end(), high)
        if verb is None or (verbs is not None and fold_whitespace(verb["verb"]) not in verbs):
            return None
        if document["owner"]:  # "a statement from the Health Ministry": a body, known or not
            owners = [
                m for m in self.document.mentions_in(document.start("owner"), document.end()) if m.form != "pronoun"
            ]
            speaker = self.resolve(owners[0]) if owners else None
        else:
            # "a ministry statement": the paragraph's institution, else the one ministry the finder knows
            speaker = self._last_institution(document.start()) or self.document.index.described_one(document["body"])
        return Attribution(speaker, document.start(), verb.end())

    def _last_institution(self, offset: int) -> str | None:
        line_start, _ = self.document.lines[self.document.line_of(offset)]
        for mention in reversed(self.document.mentions_in(line_start, offset)):
            key = self.resolve(mention) if mention.form != "pronoun" else None
            if key and not self.document.index.is_person(key):
                return key
        return None

    def lead_in(self, sentence_start: int, quote: QuotePart) -> Attribution | None:
        """Who speaks, from the sentence before the opening quotation mark."""
        if subject := self.subject(sentence_start, quote.open):
            return self.with_relays(subject, sentence_start, quote.open)
        mentions = [m for m in self.document.mentions_in(sentence_start, quote.open) if m.form != "pronoun"]
        for mention in reversed(mentions):  # "According to Lavrov, … “…”"
            according = speech.ACCORDING_TO.search(self.norm, sentence_start, mention.start)
            if according and (attribution := self.attribution_of(mention, according.start(), mention.end)):
                return attribution
        # A headline or interview layout, "Leonid Slutsky: “Not a breakthrough …”", and a sentence
        # about its speaker that a colon ends: "The Chilean minister was blunt: “…”".
        if (
            len(mentions) == 1
            and TITLES_ONLY.fullmatch(self.norm, sentence_start, mentions[0].start)
            and _UP_TO_COLON.fullmatch(self.norm, mentions[0].end, quote.open)
        ):
            return self.attribution_of(mentions[0], mentions[0].start, mentions[0].end)
        if (
            mentions
            and self.can_be_subject(mentions[0])
            and speech.SAYING_COLON.search(self.norm, sentence_start, quote.open)
            and (opening := speech.CONNECTOR.match(self.norm, sentence_start, mentions[0].start))
            and TITLES_ONLY.fullmatch(self.norm, opening.end(), mentions[0].start)
        ):  # "Quispe thanked Lavrov, saying: “…”": the sentence's subject
            return self.attribution_of(mentions[0], mentions[0].start, mentions[0].end)
        for mention in mentions:  # "Quispe hailed the deal as “historic”"
            if verb := self.verb_after(mention, quote.open, speech.EVALUATIVE_VERB):
                return self.attribution_of(mention, mention.start, verb.end())
        # "In his opinion, “…”", "according to her, “…”".
        words = speech.IN_HIS_WORDS.search(self.norm, sentence_start, quote.open)
        if words and self.salient:
            return Attribution(self.salient, words.start(), words.end())
        return None

    def trail(self, quote: QuotePart) -> Attribution | None:
        """Who speaks, from right after the closing mark: “…,” Lavrov said / said Lavrov / according to Lavrov."""
        start, end = quote.close + 1, self._line_end(quote.line)
        inner = self.norm[quote.open + 1 : quote.close].rstrip()
        ends_sentence = inner.endswith((".", "…", "!", "?")) and self.norm[start:end].lstrip()[:1].isupper()
        return self.trailing_attribution(start, end, ends_sentence)

    def trailing_attribution(self, start: int, end: int, ends_sentence: bool = False) -> Attribution | None:
        """An attribution right at ``start``: "Lavrov said", "said the Russian foreign minister",
        "according to Lavrov", "a statement said"; only title words ("Foreign Ministry spokeswoman") may come first."""
        for mention in self.document.mentions_in(start, min(end, start + speech.TRAIL_WINDOW)):
            if speech.TITLE_WORDS.fullmatch(self.norm, start, mention.start) is None:
                break
            verb = self.verb_after(mention, end)
            if (
                verb is None
                and mention.form != "pronoun"
                and _SIGNED.fullmatch(self.norm, start, mention.start)
                and _SIGNATURE_END.fullmatch(self.norm, mention.end, end)
            ):  # a quote signed with a dash: "“…” — Sergey Lavrov, Russian foreign minister"
                return self.attribution_of(mention, mention.start, mention.end)
            if verb is None or not self.can_be_subject(mention):
                continue
            # After a full stop the next sentence may have its own speaker and its own
            # statement: only a bare attribution (“… .” Lavrov said on Wednesday.) belongs here.
            if ends_sentence and not self._bare(verb.end(), end):
                return None
            return self.attribution_of(mention, mention.start, verb.end())
        if (document := speech.DOCUMENT.match(self.norm, start + _leading_space(self.norm, start, end), end)) and (
            attribution := self._document(document, end, None)
        ):
            return attribution if not ends_sentence or self._bare(attribution.cue_end, end) else None
        if ends_sentence:
            return None
        lead = speech.TRAILING_VERB_FIRST.match(self.norm, start, end) or speech.TRAILING_ACCORDING_TO.match(
            self.norm, start, end
        )
        if lead is None:
            return None
        possessor: Mention | None = None
        for mention in self.document.mentions_in(lead.end(), min(end, lead.end() + speech.TRAIL_WINDOW)):
            # Titles, and a title in apposition: "said Peru's foreign minister, Ana Quispe".
            titles = self.norm[lead.end() : mention.start]
            if titles.rstrip().endswith(","):
                titles = titles.rstrip().removesuffix(",") + " "
            if mention.form == "pronoun" or speech.TITLE_WORDS.fullmatch(titles) is None:
                break
            if speech.POSSESSIVE.match(self.norm, mention.end):
                possessor = mention  # "said Lavrov's spokeswoman Maria Zakharova": the speaker is named next
                continue
            return self.attribution_of(mention, lead.start("cue"), mention.end)
        # "said Mwangi's office": the possessor speaks, through a representative nobody names.
        if (
            possessor
            and (representative := speech.REPRESENTATIVE.match(self.norm, possessor.end, end))
            and not _NAME_NEXT.match(self.norm, representative.end(), end)
        ):
            return self.attribution_of(possessor, lead.start("cue"), representative.end())
        return None

    def _bare(self, cue_end: int, end: int) -> bool:
        rest = self.norm[cue_end:end].split(".")[0]
        return len(rest) <= speech.BARE_ATTRIBUTION_TAIL and not re.search(r"\bthat\b", rest)

    def _line_end(self, line: int) -> int:
        return self.document.lines[line][1]

    def colon_before(self, line: int) -> Attribution | None:
        """A quote opening its paragraph, announced by the one before: "Lavrov said:"."""
        previous = line - 1
        while previous >= 0 and previous in self.document.furniture:
            previous -= 1
        if previous < 0:
            return None
        start, end = self.document.lines[previous]
        if not self.norm[start:end].rstrip().endswith(":"):
            return None
        sentence_start, _ = self.document.sentences(previous)[-1]
        if relay := relayed.quoted_as_saying(self, sentence_start, end) or relayed.conveyed_message(
            self, sentence_start, end
        ):
            return Attribution(relay.speaker, relay.cue_start, relay.cue_end, relay.via)
        subject = self.subject(sentence_start, end)
        return self.with_relays(subject, sentence_start, end) if subject else None

    def _signed_below(self, quote: QuotePart) -> Attribution | None:
        """A quote that ends its paragraph, signed on the line under it: "— Sergey Lavrov"."""
        following = quote.line + 1
        if self.norm[quote.close + 1 : self._line_end(quote.line)].strip(" .,") or following >= len(
            self.document.lines
        ):
            return None
        start, end = self.document.lines[following]
        mentions = self.document.mentions_in(start, end)[:1]
        if not mentions or not _DASH.match(self.norm, start, end):
            return None
        return self.trailing_attribution(start, end)

    def with_relays(self, attribution: Attribution, low: int, high: int) -> Attribution:
        """The attribution of words that follow ``attribution``'s verb in [.., high), relays considered:
        "Lavrov told Tillerson that Putin believes “…”", "According to Peskov, Putin said: “…”"."""
        clause = self.clause_start(attribution, high)
        if (
            (inner := self.inner_after(attribution, high))
            or (clause is not None and (inner := self.inner_speaker(clause, high, attribution.speaker)))
            or (clause is not None and (inner := relayed.named_before_quote(self, clause, high)))
            or (inner := relayed.parenthetical(self, attribution, low, high))
        ) and inner.speaker != attribution.speaker:
            return inner._replace(via=attribution.speaker, subject=attribution.speaker)
        if (quoted := relayed.quoting(self, attribution.cue_start, high if clause is None else clause)) and (
            quoted != attribution.speaker
        ):
            return attribution._replace(speaker=quoted, via=attribution.speaker, subject=attribution.speaker)
        via = relayed.relayer_in(self, attribution.cue_start, clause if clause is not None else high)
        via = via or relayed.relayer_before(self, low, attribution.cue_start)
        return attribution._replace(via=via) if via and via != attribution.speaker else attribution

    def inner_after(self, attribution: Attribution, high: int) -> Attribution | None:
        """The speaker whose words an attribution's verb introduces: "Peskov said Putin had told him …"."""
        verb = self.norm[attribution.cue_start : attribution.cue_end].split()[-1].lower()
        after = attribution.cue_end
        if verb in {"told", "tells"}:
            if not (audience := speech.AUDIENCE.match(self.norm, after, high)):
                return None
            after = audience.end()
        after = speech.ADJUNCTS.match(self.norm, after, high).end()
        if that := _THAT.match(self.norm, after, high):
            after = that.end()
        return self.inner_speaker(after, high, attribution.speaker)

    def inner_speaker(self, clause: int, high: int, relayer: str | None = None) -> Attribution | None:
        """A reported clause that opens with its own speaker and speech verb: "(that) Putin believes …";
        or, relayed by an institution or a spokesperson, with a verb of stance: "(the ministry said)
        Quispe welcomed the proposal"."""
        for mention in self.document.mentions_in(clause, high):
            if mention.form == "pronoun" or not speech.CLAUSE_TITLES.fullmatch(self.norm, clause, mention.start):
                return None
            verb = speech.TO_VERB.match(self.norm, mention.end, high)
            stances = relayed.reports_stances(self, relayer)
            if verb and fold_whitespace(verb["verb"]) in speech.RELAYING_VERBS:
                attribution = self.attribution_of(mention, mention.start, verb.end())
                # "said Quispe reaffirmed Peru's support": a stance, when no clause follows the verb.
                if not (stances and attribution and self.clause_start(attribution, high) is None):
                    return attribution
            return relayed.stance(self, mention, high) if stances else None
        return None

    def clause_start(self, subject: Attribution, end: int) -> int | None:
        """Where the reported clause after a speech verb starts: "said (that) …", "told reporters …",
        "said on Friday …"; None when what follows is no clause ("said on Wednesday.", "told him about").
        A relayed stance starts at its verb: "welcomed the proposal"."""
        if subject.act_start is not None:
            return subject.act_start
        if that := speech.THAT_CLAUSE.match(self.norm, subject.cue_end, end):
            return that.end()
        verb = self.norm[subject.cue_start : subject.cue_end].split()[-1].lower()
        after = subject.cue_end
        if verb in {"told", "tells"}:
            if not (audience := speech.AUDIENCE.match(self.norm, after, end)):
                return None
            after = audience.end()
        elif verb not in speech.DIRECT_CLAUSE_VERBS | speech.OBJECT_VERBS:
            return None
        after = speech.ADJUNCTS.match(self.norm, after, end).end()
        following = speech.NEXT_WORD.match(self.norm, after, end)
        # "said, adding that …": a participle goes on with the speaker's own action, not a clause.
        if following is None or (following[1].islower() and following[1].endswith("ing")):
            return None
        if speech.TIME_CLAUSE.match(self.norm, following.start(1), end) or speech.PARTICIPLE_ADJUNCT.match(
            self.norm, following.start(1), end
        ):
            return None
        if verb in speech.OBJECT_VERBS and not speech.FINITE_VERB.match(self.norm, following.start(1), end):
            return None  # "announced the visit": an object, not a clause
        if following[1].lower() in speech.NOT_A_CLAUSE and not speech.SUBJECT_PRONOUN_CLAUSE.match(
            self.norm, following.start(1), end
        ):
            return None
        return following.start(1)


def _leading_space(norm: str, start: int, end: int) -> int:
    """How many spaces and commas stand at ``start``."""
    return len(norm[start:end]) - len(norm[start:end].lstrip(" ,—–-"))
