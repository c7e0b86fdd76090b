"""The participants of a synthetic data set: people with positions, and institutions.

People get common names of their country's naming convention, with the other spellings sources
use (transliterations, the spelling without diacritics). A few people and institutions are in
most of the news and most appear now and then, so the pickers here are weighted.
"""

from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from django.utils.text import slugify

from ..choices import ParticipantKind
from ..models import Participant
from .draws import weighted_picker
from .tables import Progress, Tables, curated_at, stamps
from .vocabulary import (
    COUNTRIES,
    COUNTRY,
    NAMES,
    ORGANISATIONS,
    PERSON_POSITIONS,
    REGIONS,
    SURNAME_FIRST,
    TOPIC_ROOTS,
    VARIANTS,
    ascii_fold,
)

# One participant in eight or so is an institution: a ministry, an embassy, an organisation.
INSTITUTION_SHARE = 0.12


@dataclass
class Person:
    """A participant as meetings and articles need it (an institution too, despite the name)."""

    id: int
    name: str
    surname: str  # how an article names it after the first mention
    kind: str
    country: str
    weight: float  # how often it is in the news, relatively
    spokesperson: bool = False


class Cast:
    """Everyone written in this run, and who tends to speak for each country."""

    def __init__(self, rng: Random, people: list[Person]):
        self.rng = rng
        self.people = people
        persons = [p for p in people if p.kind == ParticipantKind.PERSON] or people
        self.pick_anyone = weighted_picker(rng, persons, [p.weight for p in persons]) if people else None
        by_country: dict[str, list[Person]] = {}
        for person in people:
            if person.kind == ParticipantKind.PERSON:
                by_country.setdefault(person.country, []).append(person)
        self.country_pickers = {
            code: weighted_picker(rng, pool, [p.weight for p in pool]) for code, pool in by_country.items()
        }
        # The ministry that speaks for each country, when a statement comes through one.
        self.ministry = {p.country: p for p in people if p.kind == ParticipantKind.INSTITUTION and p.spokesperson}

    def people_for(self, country: str, count: int, exclude: set[int]) -> list[Person]:
        """Up to ``count`` people of ``country`` (anyone, if it has none) not in ``exclude``, which grows."""
        picker = self.country_pickers.get(country) or self.pick_anyone
        chosen = []
        for _ in range(count * 4):
            if len(chosen) == count or picker is None:
                break
            person = picker()
            if person.id not in exclude:
                exclude.add(person.id)
                chosen.append(person)
        return chosen


def write_cast(rng: Random, count: int, tables: Tables, progress: Progress) -> Cast:
    """Write ``count`` participants (institutions first, interleaved) and return them as a cast."""
    codes = [c.code for c in COUNTRIES]
    pick_country = weighted_picker(rng, codes, [c.weight for c in COUNTRIES])
    pick_position = weighted_picker(rng, [p[0] for p in PERSON_POSITIONS], [p[1] for p in PERSON_POSITIONS])
    n_institutions = round(count * INSTITUTION_SHARE) if count >= 10 else 0
    people: list[Person] = []
    records = []
    bar = progress("participants", count)
    institutions = _institutions(rng, n_institutions, pick_country)
    for index in range(count):
        pid = tables.ids[Participant] + index
        created = curated_at(0.0, -rng.randint(0, 30 * 86_400))
        if index < len(institutions):
            name, country, position, other_names = institutions[index]
            kind, surname = ParticipantKind.INSTITUTION, name
            spokesperson = name.startswith("Ministry of Foreign Affairs")
        else:
            country = pick_country()
            style = COUNTRY[country].naming
            given_pool, surname_pool = (s.split() for s in NAMES[style])
            given, surname = rng.choice(given_pool), rng.choice(surname_pool)
            female = given.endswith("*")
            given = given.rstrip("*")
            if female and style in {"slavic", "caucasus"} and surname.endswith(("ov", "ev", "in", "yov")):
                surname += "a"
            if female and style == "polish" and surname.endswith("ski"):
                surname = surname[:-1] + "a"
            # Two people may share a name, as in life; their slugs tell them apart.
            name = f"{surname} {given}" if style in SURNAME_FIRST else f"{given} {surname}"
            other_names = _other_names(rng, given, surname, style)
            template = pick_position()
            other = rng.choice([code for code in codes if code != country])
            position = template.format(
                country=COUNTRY[country].name,
                other=COUNTRY[other].name,
                topic=TOPIC_ROOTS[rng.randrange(len(TOPIC_ROOTS))][0],
                region=rng.choice(REGIONS),
            )
            kind = ParticipantKind.PERSON
            spokesperson = template.startswith("Spokesperson")
        slug = tables.slugs[Participant](slugify(ascii_fold(name)))
        weight = 1.0 / (1 + rng.random() * 40) ** 1.2 + (0.2 if spokesperson else 0)
        people.append(Person(pid, name, surname, kind, country, weight, spokesperson))
        records.append(
            {
                "id": pid,
                "slug": slug,
                "name": name,
                "other_names": other_names,
                "kind": kind,
                "country": country,
                "position": position[:300],
                "wikidata_id": "",
                **stamps(rng, created),
            }
        )
        bar.update(1)
    tables.write(Participant, records)
    bar.close()
    return Cast(rng, people)


def _institutions(rng: Random, count: int, pick_country: Callable[[], str]) -> list[tuple[str, str, str, list[str]]]:
    """Name, country, position and other names of ``count`` institutions, in a random order."""
    result, seen = [], set()
    for code, name, *_ in COUNTRIES:
        result.append((f"Ministry of Foreign Affairs of {name.removeprefix('the ')}", code, "", []))
    for full, short in ORGANISATIONS:
        result.append((full, "", "International organisation", [short]))
    while len(result) < count:
        host, guest = pick_country(), pick_country()
        if host != guest:
            embassy = f"Embassy of {COUNTRY[host].name.removeprefix('the ')} in {COUNTRY[guest].name}"
            result.append((embassy, host, "", []))
    unique = []
    for item in result:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    # Interleave so that a small data set still gets ministries and organisations.
    rng.shuffle(unique)
    return unique[:count]


def _other_names(rng: Random, given: str, surname: str, style: str) -> list[str]:
    """The spellings sources also use: transliteration variants, without diacritics, Western order."""
    variants = []
    swapped = (
        f"{VARIANTS.get(surname, surname)} {VARIANTS.get(given, given)}"
        if style in SURNAME_FIRST
        else f"{VARIANTS.get(given, given)} {VARIANTS.get(surname, surname)}"
    )
    original = f"{surname} {given}" if style in SURNAME_FIRST else f"{given} {surname}"
    if swapped != original:
        variants.append(swapped)
    folded = ascii_fold(original)
    if folded != original:
        variants.append(folded)
    if style in SURNAME_FIRST and rng.random() < 0.5:
        variants.append(f"{given} {surname}")
    return variants
