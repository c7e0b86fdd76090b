"""Who a text may be talking about: the speakers the finder knows, and where the text names them.

A speaker is named by their name or another spelling, by their surname, by a description of
their position ("the Russian foreign minister", "the top US diplomat", and by their country's name:
"Russia's foreign minister") or by a pronoun that points back to them ("it" to an institution).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..choices import ParticipantKind
from ..provenance import fold_whitespace
from . import countries
from .speech import word_set
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
_FOREIGN_MINISTER = re.compile(
    r"(?<!deputy )(?<!vice )(?:foreign\s+minister|minister\s+(?:of|for)\s+foreign\s+affairs|"
    r"foreign\s+affairs\s+minister|foreign\s+secretary|secretary\s+of\s+state)",
    re.IGNORECASE,
)
_DEPUTIES = frozenset({"deputy", "vice-president", "vice-minister"})
_ARTICLES = frozenset({"the", "a", "an", "his", "her", "its", "their"})
# "it" stands for an institution: "The ministry condemned the attack. It said …".
_PRONOUNS = re.compile(r"(?<!\w)(?:he|she|his|her|it)(?!\w)", re.IGNORECASE)


def descriptions(position: str) -> set[str]:
    """How an article may refer to the holder of ``position`` without naming them, lower-cased.

    "Russian Foreign Minister" gives "russian foreign minister", "foreign minister", "minister"
    and "russian minister"; "US Secretary of State" gives "secretary of state" and "secretary"
    too. Used after "the": "the Russian foreign minister said", "the Armenian minister added".
    """
    phrases: set[str] = set()
    for part in re.split(r"[,;()]", position):
        words = part.split()
        while words and words[0].lower() in _ARTICLES:  # "the Élysée's spokeswoman"
            words.pop(0)
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
        if len(head) > 2 and head[0][:1].isupper():  # whose office, and the office's noun
            phrases.add(f"{head[0]} {head[-1]}".lower())
        phrases.update(word.lower() for word in head if word.lower() in _DEPUTIES)  # "read out by her deputy"
        if _FOREIGN_MINISTER.search(part):  # news style's other names for a foreign minister
            owner = head[0] if len(head) > 1 and not _FOREIGN_MINISTER.match(" ".join(head)) else ""
            for phrase in ("top diplomat", "chief diplomat", "head of diplomacy"):
                phrases.add(phrase)
                if owner:  # "the Russian top diplomat", "the head of Russian diplomacy"
                    owned = phrase.replace("diplomacy", f"{owner} diplomacy") if "of" in phrase else f"{owner} {phrase}"
                    phrases.update({owned.lower(), f"top {owner} diplomat".lower()})  # "the top U.S. diplomat"
    return {phrase for phrase in phrases if phrase.split()[0] not in _FUNCTION_WORDS}


@functools.cache
def _country_names() -> dict[str, tuple[str, ...]]:
    """Each country's names, by ISO code, those an article may write a possessive of ("Jordan's")."""
    names: dict[str, list[str]] = {}
    for name, code in countries.country_names().items():
        if re.fullmatch(r"[\w.]+(?: [\w.]+){0,2}", name):
            names.setdefault(code, []).append(name)
    return {code: tuple(found) for code, found in names.items()}


@functools.cache
def _possessive_descriptions(position: str) -> frozenset[str]:
    """How an article may name the holder of a country's office by the country: "Jordanian Foreign Minister"
    gives "jordan's foreign minister" and "jordan's top diplomat", lower-cased."""
    words = re.split(r"[,;(]", position)[0].split()
    if len(words) < 2:
        return frozenset()
    code = countries.country_of(words[0].removesuffix("'s"))
    office = " ".join(words[1:]).lower()
    if not code or office.split()[0] in _FUNCTION_WORDS:
        return frozenset()
    offices = {office, "top diplomat"} if _FOREIGN_MINISTER.search(office) else {office}
    return frozenset(f"{name}'s {each}".lower() for name in _country_names().get(code, ()) for each in offices)


# The nouns that make an institution's name a body an article may call "the ministry", "the palace".
_BODY_NOUNS = word_set(
    "ministry department office palace commission council embassy government presidency agency committee "
    "secretariat mission chancellery cabinet court parliament administration"
)


def _institution_descriptions(name: str) -> set[str]:
    """How an article may refer to an institution after "the", lower-cased: "Chilean Foreign Ministry"
    gives "foreign ministry", "ministry" and "chilean ministry"; "Ministry of Water and Energy" gives
    "ministry" and "ministry of water and energy"."""
    words = name.split()
    body = next((i for i, word in enumerate(words) if word.lower() in _BODY_NOUNS), None)
    if body is None:
        return set()
    phrases = {" ".join(words[i : body + 1]).lower() for i in range(1, body + 1)}
    phrases.add(" ".join(words[body:]).lower())
    if body > 1 and words[0][:1].isupper():
        phrases.add(f"{words[0]} {words[body]}".lower())
    return {phrase for phrase in phrases if phrase.split()[0] not in _FUNCTION_WORDS}


def _surnames(words: list[str]) -> list[str]:
    """The words a text may name a person by alone: the last, and the first of a name written family
    name first when the other word says so ("Xi Jinping", "Wang Yi", "Moon Jae-in": Xi, Wang, Moon)."""
    if len(words) < 2:
        return []
    found = [words[-1]] if len(words[-1]) > 2 else []
    if len(words) == 2 and (len(words[0]) <= 2 or len(words[1]) <= 2 or re.fullmatch(r"\w+-[a-z]+", words[1])):
        found.append(words[0])
    return found


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
        self._possessives: dict[str, set[str]] = {}  # "jordan's foreign minister"
        for speaker in self.speakers.values():
            for full in speaker.full_names:
                folded = fold_whitespace(normalise(full))
                if full.strip():
                    self._names.setdefault(folded, set()).add(speaker.key)
                if speaker.is_person:
                    for surname in _surnames(folded.split()):
                        self._surnames.setdefault(surname, set()).add(speaker.key)
            described = descriptions(speaker.position)
            if not speaker.is_person:
                described.update(*(_institution_descriptions(normalise(name)) for name in speaker.full_names))
            for description in described:
                self._descriptions.setdefault(description, set()).add(speaker.key)
            for possessive in _possessive_descriptions(speaker.position) if speaker.is_person else ():
                self._possessives.setdefault(possessive, set()).add(speaker.key)
        # A surname that is someone's full name (an institution's acronym, say) is that name.
        for name in self._names:
            self._surnames.pop(name, None)
        names = [*self._names, *self._surnames]
        self._name_re = re.compile(rf"(?<!\w)(?:{alternation(names)})(?!\w)") if names else None
        self._description_re = (
            re.compile(
                rf"(?<!\w)(?:(?:the|his|her|its|their)\s+(?:{alternation(self._descriptions)})"
                rf"|(?P<possessive>{alternation(self._possessives) or '(?!)'}))(?!\w)",
                re.IGNORECASE,
            )
            if self._descriptions
            else None
        )

    def described_one(self, phrase: str | None) -> str | None:
        """The one speaker a description fits ("foreign ministry", as in "the foreign ministry"), if only one does."""
        keys = self._descriptions.get(fold_whitespace(phrase).lower(), set()) if phrase else set()
        return next(iter(keys)) if len(keys) == 1 else None

    def is_person(self, key: str | None) -> bool:
        return key is not None and self.speakers[key].is_person

    def find(self, norm: str) -> list[Mention]:
        """Names, surnames, descriptions after "the" or a possessive pronoun ("her deputy"), and pronouns.
        ("Ana's deputy" is no description: the possessor names whose office it is, often someone the
        finder does not know; a country is one: "Peru's foreign minister" is the Peruvian one.)"""
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
                if match["possessive"]:
                    keys = self._possessives[fold_whitespace(match.group()).lower()]
                else:
                    keys = self._descriptions[" ".join(match.group().lower().split()[1:])]
                found.append(Mention(match.start(), match.end(), frozenset(keys), "description"))
        found += [Mention(m.start(), m.end(), frozenset(), "pronoun") for m in _PRONOUNS.finditer(norm)]
        # Where forms overlap ("the Russian Foreign Minister Sergey Lavrov"), the longest wins.
        found.sort(key=lambda mention: (mention.start, mention.start - mention.end))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept
