"""Who a text may be talking about: the speakers the finder knows, and where the text names them.

A speaker is named by their name or another spelling, by their surname, by a description of
their position ("the Russian foreign minister") or by a pronoun that points back to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..choices import ParticipantKind
from ..provenance import fold_whitespace
from .text import normalise

if TYPE_CHECKING:
    from ..models import Participant


@dataclass(frozen=True)
class Speaker:
    """What the finder needs to know about a participant to recognise them in a text."""

    key: str
    name: str
    other_names: tuple[str, ...] = ()
    position: str = ""
    is_person: bool = True

    @classmethod
    def from_participant(cls, participant: Participant) -> Speaker:
        return cls(
            key=participant.slug,
            name=participant.name,
            other_names=tuple(name for name in participant.other_names or () if isinstance(name, str)),
            position=participant.position,
            is_person=participant.kind == ParticipantKind.PERSON,
        )

    @property
    def full_names(self) -> tuple[str, ...]:
        return (self.name, *self.other_names)


@dataclass(frozen=True)
class Mention:
    """A place in the text that may refer to a speaker."""

    start: int
    end: int
    keys: frozenset[str]  # several when a surname or a description fits more than one speaker
    form: str  # "name", "surname", "description" or "pronoun"


_FUNCTION_WORDS = frozenset({"of", "to", "for", "at", "in", "on", "the", "a", "an", "and", "with", "from", "by"})
_PRONOUNS = re.compile(r"(?<!\w)(?:he|she|his|her)(?!\w)", re.IGNORECASE)


def _descriptions(position: str) -> set[str]:
    """How an article may refer to the holder of ``position`` without naming them, lower-cased.

    "Russian Foreign Minister" gives "russian foreign minister", "foreign minister" and
    "minister"; "US Secretary of State" gives "secretary of state" and "secretary" too. Used
    after "the": "the Russian foreign minister said".
    """
    phrases: set[str] = set()
    for part in re.split(r"[,;()]", position):
        words = part.split()
        if not words:
            continue
        phrases.add(" ".join(words).lower())
        head: list[str] = []
        for word in words:  # the head noun stands before the first preposition
            if word.lower() in _FUNCTION_WORDS:
                break
            head.append(word)
        for i in range(len(head)):  # "secretary of state" as well as "secretary"
            phrases.update({" ".join(head[i:]).lower(), " ".join(words[i:]).lower()})
    return {phrase for phrase in phrases if phrase.split()[0] not in _FUNCTION_WORDS}


def alternation(phrases: Iterable[str]) -> str:
    # Longest first, so "Sergey Lavrov" wins over "Lavrov"; any whitespace between words.
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


class MentionIndex:
    """Finds every mention of the known speakers in a (normalised) text."""

    def __init__(self, speakers: Iterable[Speaker]):
        self.speakers = {speaker.key: speaker for speaker in speakers}
        self._names: dict[str, set[str]] = {}
        self._surnames: dict[str, set[str]] = {}
        self._descriptions: dict[str, set[str]] = {}
        for speaker in self.speakers.values():
            for full in speaker.full_names:
                folded = fold_whitespace(normalise(full))
                if full.strip():
                    self._names.setdefault(folded, set()).add(speaker.key)
                words = folded.split()
                if speaker.is_person and len(words) > 1 and len(words[-1]) > 2:
                    self._surnames.setdefault(words[-1], set()).add(speaker.key)
            for description in _descriptions(speaker.position):
                self._descriptions.setdefault(description, set()).add(speaker.key)
        # A surname that is someone's full name (an institution's acronym, say) is that name.
        for name in self._names:
            self._surnames.pop(name, None)
        names = [*self._names, *self._surnames]
        self._name_re = re.compile(rf"(?<!\w)(?:{alternation(names)})(?!\w)") if names else None
        self._description_re = (
            re.compile(rf"(?<!\w)the\s+(?:{alternation(self._descriptions)})(?!\w)", re.IGNORECASE)
            if self._descriptions
            else None
        )

    def is_person(self, key: str | None) -> bool:
        return key is not None and self.speakers[key].is_person

    def find(self, norm: str) -> list[Mention]:
        found: list[Mention] = []
        if self._name_re is not None:
            for match in self._name_re.finditer(norm):
                folded = fold_whitespace(match.group())
                if folded in self._names:
                    found.append(Mention(match.start(), match.end(), frozenset(self._names[folded]), "name"))
                else:
                    found.append(Mention(match.start(), match.end(), frozenset(self._surnames[folded]), "surname"))
        if self._description_re is not None:
            for match in self._description_re.finditer(norm):
                phrase = " ".join(match.group().lower().split()[1:])
                found.append(Mention(match.start(), match.end(), frozenset(self._descriptions[phrase]), "description"))
        found += [Mention(m.start(), m.end(), frozenset(), "pronoun") for m in _PRONOUNS.finditer(norm)]
        # Where forms overlap ("the Russian Foreign Minister Sergey Lavrov"), the longest wins.
        found.sort(key=lambda mention: (mention.start, mention.start - mention.end))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept
