"""Who said a passage: the attribution rules, from the words around a quote or in a sentence.

"X said", "said X", "X stressed that", "according to X", "X: “…”", a pronoun ("he added") or a
description ("the Russian foreign minister") that points back to someone already named.
``Attributor`` reads one ``Document`` from start to end, remembering who "he" or "she" is.
"""

import re
from typing import NamedTuple

from ..provenance import fold_whitespace
from . import speech
from .document import Document
from .mentions import Mention
from .quotes import QuotePart


class Attribution(NamedTuple):
    """Who said it, and where the words that say so stand (the cue shown to the curator)."""

    speaker: str
    cue_start: int
    cue_end: int


class Attributor:
    """The attribution rules over one document; holds who a pronoun refers to at this point of the pass."""

    def __init__(self, document: Document):
        self.document = document
        self.norm = document.norm
        self.salient: str | None = None  # the person "he" or "she" refers to at this point of the pass

    def update_salience(self, start: int, end: int, speakers: list[str]) -> None:
        """Who "he" or "she" means from the next sentence on: the last person quoted or reported,
        else a person this sentence says something, else the first person it names."""
        is_person = self.document.index.is_person
        people = [key for key in speakers if is_person(key)]
        if not people and (subject := self.subject(start, end)) and is_person(subject.speaker):
            people = [subject.speaker]
        if not people:
            mentions = self.document.mentions_in(start, end)
            named = (self.resolve(mention) for mention in mentions if mention.form != "pronoun")
            people = [key for key in named if is_person(key)][:1]
        if people:
            self.salient = people[-1]

    def resolve(self, mention: Mention) -> str | None:
        if mention.form == "pronoun":
            return self.salient
        if len(mention.keys) == 1:
            return next(iter(mention.keys))
        # Several speakers fit a surname or a description: the one most recently named.
        for anchor in reversed(self.document.anchors_before(mention.start)):
            if anchor.keys <= mention.keys:
                return next(iter(anchor.keys))
        return None

    def _attribution(self, mention: Mention, cue_start: int, cue_end: int) -> Attribution | None:
        speaker = self.resolve(mention)
        return Attribution(speaker, cue_start, cue_end) if speaker else None

    def _can_be_subject(self, mention: Mention) -> bool:
        return mention.form != "pronoun" or self.norm[mention.start : mention.end].lower() in {"he", "she"}

    # Who said a quote

    def quote_attribution(self, line: int, sentence_start: int, group: list[QuotePart]) -> Attribution | None:
        first = group[0]
        opens_sentence = not self.norm[sentence_start : first.open].strip()
        # After an earlier quote in the sentence, the words since it come first: in
        # 'Tillerson called the talks "useful," while Lavrov called them "frank."' Lavrov says "frank".
        previous = self.document.part_before(first.open)
        since = previous.close + 1 if previous and previous.close >= sentence_start else None
        return (
            self.trail(group[-1])
            or (self.lead_in(since, first) if since is not None else None)
            or self.lead_in(sentence_start, first)
            or (self.colon_before(line) if opens_sentence else None)
        )

    def subject(self, low: int, high: int, verbs: frozenset[str] | None = None) -> Attribution | None:
        """The first mention in [low, high) that a speech verb follows: "Lavrov (also) said"."""
        for mention in self.document.mentions_in(low, high):
            if not self._can_be_subject(mention):
                continue
            verb = speech.TO_VERB.match(self.norm, mention.end, high)
            if verb is None or (verbs is not None and fold_whitespace(verb["verb"]) not in verbs):
                continue
            if attribution := self._attribution(mention, mention.start, verb.end()):
                return attribution
        return None

    def lead_in(self, sentence_start: int, quote: QuotePart) -> Attribution | None:
        """Who speaks, from the sentence before the opening quotation mark."""
        if subject := self.subject(sentence_start, quote.open):
            return subject
        mentions = [m for m in self.document.mentions_in(sentence_start, quote.open) if m.form != "pronoun"]
        for mention in reversed(mentions):  # "According to Lavrov, … “…”"
            according = speech.ACCORDING_TO.search(self.norm, sentence_start, mention.start)
            if according and (attribution := self._attribution(mention, according.start(), mention.end)):
                return attribution
        # A headline or interview layout: "Leonid Slutsky: “Not a breakthrough …”".
        if (
            mentions
            and not self.norm[sentence_start : mentions[0].start].strip()
            and re.fullmatch(r"\s*:\s*", self.norm[mentions[0].end : quote.open])
        ):
            return self._attribution(mentions[0], mentions[0].start, mentions[0].end)
        # "In his opinion, “…”", "according to her, “…”".
        words = speech.IN_HIS_WORDS.search(self.norm, sentence_start, quote.open)
        if words and self.salient:
            return Attribution(self.salient, words.start(), words.end())
        return None

    def trail(self, quote: QuotePart) -> Attribution | None:
        """Who speaks, from right after the closing mark: “…,” Lavrov said / said Lavrov / according to Lavrov."""
        start, end = quote.close + 1, self.document.lines[quote.line][1]
        inner = self.norm[quote.open + 1 : quote.close].rstrip()
        ends_sentence = inner.endswith((".", "…")) and self.norm[start:end].lstrip()[:1].isupper()
        return self.trailing_attribution(start, end, ends_sentence)

    def trailing_attribution(self, start: int, end: int, ends_sentence: bool = False) -> Attribution | None:
        """An attribution right at ``start``: "Lavrov said", "said the Russian foreign minister",
        "according to Lavrov"; only title words ("Foreign Ministry spokeswoman") may come first."""
        for mention in self.document.mentions_in(start, min(end, start + speech.TRAIL_WINDOW)):
            if speech.TITLE_WORDS.fullmatch(self.norm, start, mention.start) is None:
                break
            verb = speech.TO_VERB.match(self.norm, mention.end, end)
            if verb is None or not self._can_be_subject(mention):
                continue
            # After a full stop the next sentence may have its own speaker and its own
            # statement: only a bare attribution (“… .” Lavrov said on Wednesday.) belongs here.
            rest = self.norm[verb.end() : end].split(".")[0]
            if ends_sentence and (len(rest) > speech.BARE_ATTRIBUTION_TAIL or re.search(r"\bthat\b", rest)):
                return None
            return self._attribution(mention, mention.start, verb.end())
        if ends_sentence:
            return None
        lead = speech.TRAILING_VERB_FIRST.match(self.norm, start, end) or speech.TRAILING_ACCORDING_TO.match(
            self.norm, start, end
        )
        if lead is None:
            return None
        for mention in self.document.mentions_in(lead.end(), min(end, lead.end() + speech.TRAIL_WINDOW)):
            if mention.form == "pronoun" or speech.TITLE_WORDS.fullmatch(self.norm, lead.end(), mention.start) is None:
                return None
            if speech.POSSESSIVE.match(self.norm, mention.end):
                continue  # "said Lavrov's spokeswoman Maria Zakharova": the speaker is named next
            return self._attribution(mention, lead.start("cue"), mention.end)
        return None

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
        return self.subject(sentence_start, end)

    # Reported speech

    def paraphrase(self, start: int, end: int) -> tuple[Attribution, int, int] | None:
        """Reported speech in a sentence without quotation marks: (attribution, clause start, clause end)."""
        sentence = self.norm[start:end].rstrip()
        if sentence.endswith((":", "?")):
            return None
        clause_end = start + len(sentence.rstrip(".!").rstrip())
        return (
            self._according_to_clause(start, end, clause_end)
            or self._that_clause(start, end, clause_end)
            or self._clause_before_attribution(start, clause_end)
        )

    def _according_to_clause(self, start: int, end: int, clause_end: int) -> tuple[Attribution, int, int] | None:
        """ "According to X, <clause>." and "As X acknowledged, <clause>." """
        for mention in self.document.mentions_in(start, end):
            if mention.form == "pronoun":
                continue
            before = self.norm[start : mention.start]
            according = speech.ACCORDING_TO.search(before)
            if according and speech.CONNECTOR.fullmatch(before[: according.start()]):
                cue_start, cue_end = start + according.start(), mention.end
            elif speech.AS_BEFORE.search(before) and (verb := speech.TO_VERB.match(self.norm, mention.end, end)):
                cue_start, cue_end = mention.start, verb.end()
            else:
                continue
            comma = speech.COMMA_AFTER_NAME.match(self.norm, cue_end, end)
            if comma and (attribution := self._attribution(mention, cue_start, cue_end)):
                return attribution, comma.end(), clause_end
        return None

    def _that_clause(self, start: int, end: int, clause_end: int) -> tuple[Attribution, int, int] | None:
        """ "X said (that) <clause>.", "X told Sputnik on Wednesday that <clause>." """
        subject = self.subject(start, end, verbs=speech.REPORTING_VERBS)
        if subject is None:
            return None
        if that := speech.THAT_CLAUSE.match(self.norm, subject.cue_end, end):
            return subject, that.end(), clause_end
        verb = self.norm[subject.cue_start : subject.cue_end].split()[-1]
        following = speech.NEXT_WORD.match(self.norm, subject.cue_end, end)
        if verb in speech.DIRECT_CLAUSE_VERBS and following and following[1].lower() not in speech.NOT_A_CLAUSE:
            return subject, following.start(1), clause_end
        return None

    def _clause_before_attribution(self, start: int, clause_end: int) -> tuple[Attribution, int, int] | None:
        """ "<clause>, Lavrov said." """
        comma = self.norm.rfind(",", start, clause_end)
        if comma <= start:
            return None
        attribution = self.trailing_attribution(comma, clause_end)
        if attribution and not re.search(r"\bthat\b", self.norm[attribution.cue_end : clause_end]):
            return attribution, start, comma
        return None
