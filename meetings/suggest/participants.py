"""Proposing participants from an article's text: the people and institutions that meet or speak in it.

``propose_participants`` is a pure function of the text and the participants already known. A
person is a capitalised full name next to an office ("Peruvian Foreign Minister Ana Quispe",
"Ana Quispe, Peru's foreign minister,") or to a speech or meeting verb ("said Ana Quispe"); an
institution is a seat of power or a ministry that speaks or meets ("the Kremlin said", "an Élysée
spokesperson"). The country is only the one the words give. Each proposal is matched to a known
participant only when the match is certain (the same name once transliterated); a near match is
left for the curator.
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from anyascii import anyascii
from rapidfuzz import fuzz

from ..choices import ParticipantKind
from ..provenance import fold_whitespace
from .countries import INSTITUTIONS, capitals, country_names, country_of, demonyms
from .mentions import Speaker, alternation
from .speech import TO_VERB, word_set
from .text import furniture_lines, line_spans, normalise


@dataclass(frozen=True)
class ProposedParticipant:
    """A participant the article names, with the words that show it and the known participant it is."""

    name: str
    kind: str  # ParticipantKind value
    country: str  # ISO 3166-1 alpha-2, or "" when the words do not say
    position: str  # the office as the article states it, or ""
    existing: str | None  # Speaker.key of the known participant it certainly is
    start: int  # the first full mention, in the text
    end: int


# --- Names ---------------------------------------------------------------------------------------

_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-ſ", "a-zß-öø-ÿĀ-ſ"
# A capitalised word of a name: Ana, Jean-Luc, O'Malley.
_WORD = rf"[{_UPPER}](?:[{_LOWER}]+(?:[-'][{_UPPER}{_LOWER}][{_LOWER}]+)*|'[{_UPPER}][{_LOWER}]+)"
_PARTICLES = r"(?:(?:de|da|del|della|dos|du|di|la|le|van|von|der|den|ter|bin|ibn|y)\s+|(?:al|el)-)"
_NAME_RUN = re.compile(rf"(?<![\w'-]){_WORD}(?:\s+(?:[{_UPPER}]\.\s+)?{_PARTICLES}*{_WORD})+(?![\w-])")
# Capitalised words that open a run but are no part of a name: "On Tuesday Ana Quispe", "Ms Quispe".
_NOT_NAME_WORDS = word_set(
    "The A An On In At After Before During When While But And As If Speaking Meanwhile Later Earlier Asked "
    "Mr Mrs Ms Dr Prof Sir Dame Madam Monday Tuesday Wednesday Thursday Friday Saturday Sunday January "
    "February March April May June July August September October November December Foreign Deputy Vice Prime "
    "Defence Defense Trade Finance Interior Economy Justice Health Chief Senior First Acting State Presidential "
    "Former Special Minister President Chancellor Secretary Spokesman Spokeswoman Spokesperson Ambassador "
    "Envoy Premier King Queen Prince Princess Emir Sheikh Governor Mayor Senator Chairman Chairwoman Chair "
    "Director Commissioner Adviser Advisor Representative Negotiator Leader Head General Affairs Ministry "
    "Secretary-General Director-General Under-Secretary Vice-President Vice-Chancellor Lt Col Maj Capt "
    "Mme Mlle Mmes Monsieur Madame Herr Frau Señor Señora Senhor Senhora Signor Signora "
    # Words that open a sentence before a name: "Even Lithuanian President Rasa Vaitkutė said".
    "Even Also Only Then Now Still Yet Both Neither Nor Instead However Indeed Today Yesterday Separately "
    "External International Home Relations Cooperation Europe European "
    "Sultan Pope"
)
# Titles that name a monarch with a single name: "King Hamdan", "Emir Tamim".
_ROYAL_TITLE = re.compile(r"(?<!\w)(?:King|Queen|Emir|Sultan|Sheikh|Prince|Princess|Pope)\s+$")
# Words that make a capitalised run an organisation or a place rather than a person.
_NOT_PERSON_WORDS = word_set(
    "Ministry Department Office Street House Palace Council Union Nations Committee Agency News Press Times "
    "Post Republic Kingdom Federation Organization Organisation Bank Fund Party Parliament Congress Summit "
    "Forum Conference University Institute Airport Square Hall Avenue Session Round "
    # The portfolios in an office's title: "Minister of Foreign Affairs, African Cooperation and Moroccan Expatriates".
    "Affairs Relations Cooperation Co-operation Expatriates Integration Development Security Defence Defense "
    "Commission Council Assembly Association League Alliance Court Agreement Treaty Accord Declaration Group "
    # Places and things named after people: "the King Hussein Bridge", "the Nelson Mandela Foundation".
    "Bridge Road Port Canal Dam Park Tower Centre Center Station River Lake Island Islands Strait Gulf Sea Bay "
    "Crossing Gate Mosque Cathedral Church Stadium Museum Prize Award Foundation Doctrine Plan Highway"
)

# --- Offices -------------------------------------------------------------------------------------

_MODIFIER = (
    r"(?:foreign(?:\s+affairs|\s+policy)?|external\s+affairs|international\s+relations|european\s+affairs|home|deputy|"
    r"vice|prime|defen[cs]e|trade|finance|interior|economy|justice|health|cabinet|chief|senior|first|acting|state|"
    r"presidential|press|former|special|top|national\s+security|foreign\s+ministry)"
)
_HEAD = (
    r"(?:minister|president|chancellor|secretary(?:[-\s]general)?|spokes(?:man|woman|person)|ambassador|envoy|premier|"
    r"king|queen|prince|princess|emir|governor|mayor|senator|chair(?:man|woman|person)?|director(?:[-\s]general)?|"
    r"commissioner|adviser|advisor|counterpart|(?:high\s+)?representative|negotiator|diplomat|leader|deputy|chief)"
)
_PORTFOLIO = (
    r"(?:foreign\s+affairs|external\s+affairs|international\s+relations(?:\s+and\s+cooperation)?|state|"
    r"defen[cs]e|the\s+interior|trade|finance|the\s+economy|justice|health)"
)
_LEAD = r"(?:(?:the|an?|his|her|its|their)\s+)"


@functools.cache
def _office_pattern() -> str:
    owners = alternation([*country_names(), *INSTITUTIONS])
    adjectives = alternation([*demonyms(), *INSTITUTIONS])
    return (
        rf"(?<![\w'])(?P<office>{_LEAD}?(?:(?:the\s+)?(?P<owner>{owners})(?:'s?)?\s+|(?P<adj>{adjectives})\s+)?"
        rf"(?:{_MODIFIER}\s+){{0,3}}{_HEAD}(?:\s+(?:of|for)\s+{_PORTFOLIO}){{0,2}}"
        rf"(?:\s+of\s+(?:the\s+)?(?P<of>{owners}))?(?:\s+to\s+(?:the\s+)?(?:{owners}))?)"
    )


# --- Speech and meetings -------------------------------------------------------------------------

_BEFORE_VERB = re.compile(
    r"(?<!\w)(?:said|says|told|added|stressed|noted|replied|insisted|warned|according\s+to|met(?:\s+with)?|meets|"
    r"meeting\s+with|received|hosted|welcomed|thanked|talks\s+with|spoke\s+(?:with|to)|call\s+with|"
    r"conversation\s+with)\s+$",
    re.IGNORECASE,
)
_MEETING_VERB = re.compile(
    r"(?:\s*,[^,.;:\"“”]{1,80},)?(?:\s+and\s+[^,.;:\"“”]{1,60}?)?(?:\s+(?:has|have|had|also|will|is|was|are))*"
    r"\s+(?:met|meet|meets|received|receives|hosted|hosts|welcomed|visited|visits|held|hold|holds|spoke|"
    r"expected|travel(?:l?ed|s)?|arrived|agreed|discussed|signed)(?!\w)",
    re.IGNORECASE,
)
_APPOSED_VERB = re.compile(
    r"^\s*,(?:\s+(?:has|had|also|then|later))*\s+(?:said|added|told|noted|stressed|replied|explained|warned|insisted|"
    r"met|hosted|received|welcomed)(?!\w)",
    re.IGNORECASE,
)
_INSTITUTION_SPEAKS = re.compile(
    r"^(?:'s)?\s*(?:(?:has|had|have|also|on\s+\w+|in\s+a\s+statement|in\s+(?-i:[A-Z])\w+|later)\s+){0,3}"
    r"(?:said|says|stated|announced|confirmed|denied|warned|added|insisted|noted|replied|told|met|hosted|received|"
    r"agreed|proposed|rejected|protested|urged|"
    r"welcomed|spokes(?:man|woman|person)|officials?|statement|readout|press\s+service|source)(?!\w)",
    re.IGNORECASE,
)
# A spokesperson or official of the institution who is then named: the person is the participant.
_NAMED_REPRESENTATIVE = re.compile(
    rf"^(?:'s)?\s*(?:{_MODIFIER}\s+)?(?:spokes(?:man|woman|person)|officials?|{_HEAD})\s*,?\s*(?-i:{_WORD}\s+{_WORD})",
    re.IGNORECASE,
)
_INSTITUTION_SPOKEN_TO = re.compile(
    r"(?<!\w)(?:according\s+to|statement\s+(?:from|by|issued\s+by)|met(?:\s+with)?|talks\s+with|"
    r"received\s+by|hosted\s+by)\s+(?:(?:the|an?)\s+)?$",
    re.IGNORECASE,
)

# "…,” said the Kremlin.": the institution closes the sentence (not "Quispe said the Kremlin would …").
_SAID_BEFORE = re.compile(r"(?<!\w)(?:said|says|added|wrote)\s+(?:the\s+)?$", re.IGNORECASE)
_SENTENCE_GOES_ON = re.compile(r"^(?:\s*[.,;:!?]|\s*$|\s+(?:in\s+a\s+statement|on\s+\w+day)\b)", re.IGNORECASE)

# Bodies an article names only with their country: "the Chilean Embassy", "Peru's government".
_OWNED_BODIES = r"(?:Embassy|[Gg]overnment|Presidency)"

# --- Bylines -------------------------------------------------------------------------------------

# A line that names the article's writers: "By Tomás Ruiz", "Reporting by …; Editing by …".
_BYLINE_LINE = re.compile(
    r"^\s*\(?\s*(?:by|(?:additional\s+)?reporting\s+by|writing\s+by|written\s+by|editing\s+by|edited\s+by)\s+"
    rf"(?-i:{_WORD})",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"\((?:[^()]*\b(?:reporting|writing|editing)\s+by\b[^()]*)\)", re.IGNORECASE)


def propose_participants(text: str, existing: Sequence[Speaker]) -> list[ProposedParticipant]:
    """Every person and institution the article shows meeting or speaking, once each, in order of first mention.

    Page furniture and the writers' bylines propose nothing.
    """
    norm = normalise(text)
    lines = line_spans(norm)
    furniture = furniture_lines(norm, lines)
    found: list[ProposedParticipant] = []
    for index, (line_start, line_end) in enumerate(lines):
        line = norm[line_start:line_end]
        if index in furniture or (_BYLINE_LINE.match(line) and len(line) <= 120 and not line.rstrip().endswith(".")):
            continue
        credits = [match.span() for match in _CREDIT.finditer(line)]
        found += _people(line, text[line_start:line_end], line_start, credits)
        found += _institutions(line, text[line_start:line_end], line_start)
    return _matched(_counterparts(_once_each(found)), existing)


# "his Polish counterpart": whose counterpart, and the office they share.
_COUNTERPART = re.compile(
    r"(?:(?:his|her|their|the)\s+)?(?P<whose>[\w'’.-]+(?:\s+[\w'’.-]+)?)\s+counterpart", re.IGNORECASE
)
# Whose office it is: "Germany's", "German".
_OWNER = re.compile(
    r"^(?:the\s+)?(?:(?P<owner>[\w.-]+(?:\s+[\w.-]+)?)['’]s?\s+|(?P<adjective>[\w.-]+)\s+)", re.IGNORECASE
)


def _counterparts(proposals: list[ProposedParticipant]) -> list[ProposedParticipant]:
    """A counterpart's office in full: "her Polish counterpart" of "German Foreign Minister Katrin Albrecht" holds
    the office she holds, in Poland: "Polish Foreign Minister". Only when the person named just before holds an
    office the words give with its country ("German Foreign Minister", "Germany's Foreign Minister")."""
    kept = list(proposals)
    for index, proposal in enumerate(kept):
        match = _COUNTERPART.fullmatch(proposal.position)
        if proposal.kind != ParticipantKind.PERSON or not match or not country_of(match.group("whose")):
            continue
        before = [p for p in kept[:index] if p.kind == ParticipantKind.PERSON and p.position]
        if not before or _COUNTERPART.search(before[-1].position):
            continue
        owner = _OWNER.match(before[-1].position)
        country = owner and country_of(owner.group("owner") or owner.group("adjective") or "")
        office = before[-1].position[owner.end() :] if owner and country else ""
        if office and office[:1].isupper():
            kept[index] = replace(proposal, position=f"{match.group('whose')} {office}")
    return kept


@functools.cache
def _not_name_words() -> frozenset[str]:
    return frozenset(demonyms().keys() | country_names().keys())


# Honorifics between an office and the name: "the Minister …, Hon. Kwame Mensah", "…, H.E. Adjoua Kouassi".
_HONORIFIC = r"(?:(?:H\.\s?E\.|Hon\.|Rt\.?\s+Hon\.|Dr\.?|Prof\.?|Mr\.?|Mrs\.?|Ms\.?|Mme|Sheikh|Dame|Sir)\s+)"


@functools.cache
def _office_before() -> re.Pattern[str]:
    """An office that stands before a name: "Peruvian Foreign Minister Ana Quispe", "the Élysée's spokeswoman, …"."""
    return re.compile(_office_pattern() + rf"(?:\s*,)?\s+{_HONORIFIC}?$", re.IGNORECASE)


@functools.cache
def _office_after() -> re.Pattern[str]:
    """An office in apposition after a name: "Ana Quispe, Peru's foreign minister, said"."""
    return re.compile(r"^\s*,\s*" + _office_pattern() + r"(?=\s*[,.;)]|\s*$|\s+(?:said|who|and)\b)", re.IGNORECASE)


def _people(line: str, original: str, offset: int, credits: list[tuple[int, int]]) -> list[ProposedParticipant]:
    """The people the line names next to an office or a speech or meeting verb (not in the writers' credits).

    ``line`` is normalised, ``original`` the same line as the article writes it, for the names and offices.
    """
    people: list[ProposedParticipant] = []
    for run in _NAME_RUN.finditer(line):
        if any(start <= run.start() < end for start, end in credits):
            continue
        words = list(re.finditer(r"\S+", run.group()))
        # A country or nationality opens an office ("French Foreign Minister …") unless it is a first name ("Jordan …").
        while words:
            if len(words) > 3 and f"{words[0].group()} {words[1].group()}" in _not_name_words():
                del words[:2]  # "South Korean Foreign Minister Kim Min-jun": a nationality of two words
            elif words[0].group().rstrip(".") in _NOT_NAME_WORDS or (
                len(words) > 2 and words[0].group() in _not_name_words()
            ):
                words.pop(0)
            else:
                break
        royal = len(words) == 1 and _ROYAL_TITLE.search(run.group()[: words[0].start()])
        if len(words) < 2 and not royal:
            continue
        # A monarch is named by title and name ("King Hamdan"): the title stays in the name.
        start, end = run.start() + (royal.start() if royal else words[0].start()), run.end()
        name = fold_whitespace(original[start:end])
        if name in capitals() or name in country_names() or _NOT_PERSON_WORDS & set(name.split()):
            continue
        before, after = line[:start], line[end:]
        offices = [
            _office(match, shift, original)
            for match, shift in ((_office_before().search(before), 0), (_office_after().match(after), end))
            if match
        ]
        apposed = before.rstrip().endswith(",") and _APPOSED_VERB.match(after)  # "Her deputy, Luis Ortega, added"
        if not (
            offices or apposed or _BEFORE_VERB.search(before) or TO_VERB.match(after) or _MEETING_VERB.match(after)
        ):
            continue
        # The office that gives a country, else the first: "Sheikh …, Qatar's foreign minister".
        position, country = next((office for office in offices if office[1]), offices[0] if offices else ("", ""))
        if offices and not country and (of := _of_country().match(after)):
            country = country_of(_canonical(of.group(1)))  # "President Elena Suárez of Ecuador"
        people.append(
            ProposedParticipant(name, ParticipantKind.PERSON, country, position, None, offset + start, offset + end)
        )
    return people


@functools.cache
def _of_country() -> re.Pattern[str]:
    return re.compile(rf"^\s+of\s+(?:the\s+)?({alternation(country_names())})(?![\w-])")


def _office(match: re.Match[str], shift: int, original: str) -> tuple[str, str]:
    """The office as stated (without a leading article, unless it belongs to a possessor) and its country."""
    position = fold_whitespace(original[shift + match.start("office") : shift + match.end("office")])
    if not re.match(r"(?:the|an?|his|her|its|their)\s+\S+['’]s\s", position, re.IGNORECASE):
        position = re.sub(r"^(?:the|an?|his|her|its|their)\s+", "", position, flags=re.IGNORECASE)
    elif position.startswith("The "):
        position = "the" + position.removeprefix("The")
    owner = match.group("owner") or match.group("adj") or match.group("of") or ""
    return position, country_of(_canonical(owner))


def _canonical(words: str) -> str:
    """The table's own spelling of a name matched case-insensitively ("kremlin" → "Kremlin")."""
    folded = fold_whitespace(words).lower()
    for table in (country_names(), demonyms(), INSTITUTIONS):
        for name in table:
            if name.lower() == folded:
                return name
    return fold_whitespace(words)


@functools.cache
def _institution_pattern() -> re.Pattern[str]:
    countries = alternation(country_names())
    return re.compile(
        rf"(?<![\w'])(?:(?P<owner>{countries})'s\s+|(?P<adj>{alternation(demonyms())})\s+)?"
        rf"(?P<body>{alternation(INSTITUTIONS)}|(?:(?!(?:The|An?)\s)[A-Z][a-z]+\s+){{1,2}}Ministry|"
        rf"Ministry\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){{0,2}}|Department\s+of\s+State|"
        rf"{_OWNED_BODIES})"
        rf"(?:\s+of\s+(?:the\s+)?(?P<of>{countries}))?(?![\w-])"
    )


def _institutions(line: str, original: str, offset: int) -> list[ProposedParticipant]:
    """The institutions the line shows speaking or meeting, or whose unnamed representative does."""
    institutions: list[ProposedParticipant] = []
    for match in _institution_pattern().finditer(line):
        after, before = line[match.end() :], line[: match.start()]
        if _NAMED_REPRESENTATIVE.match(after) or not (
            _INSTITUTION_SPEAKS.match(after)
            or _INSTITUTION_SPOKEN_TO.search(before)
            or (_SAID_BEFORE.search(before) and _SENTENCE_GOES_ON.match(after))
        ):
            continue
        body = fold_whitespace(match.group("body"))
        owner = match.group("owner") or match.group("adj") or match.group("of") or ""
        if not owner and re.fullmatch(_OWNED_BODIES, body):
            continue  # "the government said": whose, the words do not say
        country = INSTITUTIONS.get(body) or country_of(owner)
        name = fold_whitespace(original[match.start() : match.end()]) if owner else body
        institutions.append(
            ProposedParticipant(
                name, ParticipantKind.INSTITUTION, country, "", None, offset + match.start(), offset + match.end()
            )
        )
    return institutions


# --- One proposal each, and the known participant it is ------------------------------------------

_TRANSLITERATIONS = (("ks", "x"), ("kh", "h"), ("ou", "u"), ("ph", "f"), ("w", "v"), ("y", "i"), ("j", "i"))


def _key(name: str) -> str:
    """A name as its transliterations share it: "Sergey Lavrov" and "Sergei Lavrov", "Wałęsa" and "Walesa"."""
    folded = re.sub(r"\b[a-z]\.\s*", "", anyascii(name).lower())  # without initials
    folded = re.sub(r"^the\s+", "", folded.replace("'s ", " "))
    for spelling, common in _TRANSLITERATIONS:
        folded = folded.replace(spelling, common)
    return " ".join(re.sub(r"(\w)\1", r"\1", folded).split())


def _institution_key(name: str) -> tuple[str, str] | None:
    """What an institution's name says: its country and its body ("Foreign Ministry of Chile": CL, foreign ministry)."""
    match = _institution_pattern().fullmatch(fold_whitespace(normalise(name)).removeprefix("the "))
    if match is None:
        return None
    body = fold_whitespace(match.group("body"))
    owner = match.group("owner") or match.group("adj") or match.group("of") or ""
    portfolio = re.fullmatch(r"Ministry of (?:the )?(\w+)(?: Affairs)?", body)  # "Ministry of Foreign Affairs"
    return INSTITUTIONS.get(body) or country_of(owner), _key(f"{portfolio.group(1)} Ministry" if portfolio else body)


def same_institution(name: str, other: str) -> bool:
    """Whether two names name one institution of one country ("Kenya's Ministry of Foreign Affairs", "… of Kenya")."""
    key = _institution_key(name)
    return key is not None and key[0] != "" and key == _institution_key(other)


def _same_person(name: str, other: str) -> bool:
    """Certainly one person: the same name once transliterated, or a surname and a near-identical given name."""
    return _same_person_keys(_key(name), _key(other))


def _same_person_keys(key: str, other_key: str) -> bool:
    if key == other_key:
        return True
    words, other_words = key.split(), other_key.split()
    return (
        len(words) > 1
        and len(other_words) > 1
        and words[-1] == other_words[-1]
        and fuzz.ratio(" ".join(words[:-1]), " ".join(other_words[:-1])) >= 90
    )


def _same(proposal: ProposedParticipant, name: str) -> bool:
    if proposal.kind == ParticipantKind.PERSON:
        return _same_person(proposal.name, name)
    return _key(proposal.name) == _key(name) or (
        (key := _institution_key(proposal.name)) is not None and key == _institution_key(name)
    )


def _once_each(found: list[ProposedParticipant]) -> list[ProposedParticipant]:
    """The first full mention of each participant; an institution named without its country joins one with it."""
    kept: list[ProposedParticipant] = []
    for proposal in sorted(found, key=lambda proposal: (proposal.start, proposal.end)):
        same = next((k for k in kept if k.kind == proposal.kind and _same(k, proposal.name)), None)
        if same is None and proposal.kind == ParticipantKind.PERSON:
            # "El Idrissi" after "Youssef El Idrissi": the surname of someone named in full before.
            same = next(
                (k for k in kept if k.kind == proposal.kind and _key(k.name).endswith(f" {_key(proposal.name)}")), None
            )
        if same is None and proposal.kind == ParticipantKind.INSTITUTION and not proposal.country:
            same = next(
                (k for k in kept if k.kind == proposal.kind and _key(k.name).endswith(_key(proposal.name))), None
            )
        if same is None:
            kept.append(proposal)
        elif not same.position and proposal.position:
            kept[kept.index(same)] = replace(same, position=proposal.position, country=same.country or proposal.country)
    return kept


def _matched(proposals: list[ProposedParticipant], existing: Sequence[Speaker]) -> list[ProposedParticipant]:
    """Each proposal with the known participant it certainly is; none when none is, or several could be.

    The known people's names are folded once and looked up by surname, so that matching stays quick
    with thousands of known participants; institutions, few, are compared one by one.
    """
    by_surname: dict[str, list[tuple[str, str]]] = {}  # the folded surname → (speaker key, folded name)
    institutions = [speaker for speaker in existing if not speaker.is_person]
    for speaker in existing:
        if speaker.is_person:
            for name in speaker.full_names:
                if key := _key(name):
                    by_surname.setdefault(key.split()[-1], []).append((speaker.key, key))
    matched = []
    for proposal in proposals:
        if proposal.kind == ParticipantKind.PERSON:
            key = _key(proposal.name)
            candidates = by_surname.get(key.split()[-1], []) if key else []
            keys = {speaker for speaker, name in candidates if _same_person_keys(key, name)}
        else:
            keys = {
                speaker.key for speaker in institutions if any(_same(proposal, name) for name in speaker.full_names)
            }
        matched.append(replace(proposal, existing=keys.pop()) if len(keys) == 1 else proposal)
    return matched
