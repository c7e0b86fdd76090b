"""The meetings of a synthetic data set: when, where, who, about what, and as which story.

Each source tells one story: a pair of countries, a subject, a few weeks of meetings around its
day. Visits get sessions, summits attendees from further afield; most meetings are dated to the
day, some only to the month or year, a few not at all; planned ones lie ahead of the story's day.
"""

import datetime
from dataclasses import dataclass, field
from random import Random

from django.utils.text import slugify

from ..choices import DateBasis, DatePrecision, MeetingKind, MeetingStatus, ParticipantRole
from ..models import Meeting, MeetingParticipant, Source
from .cast import Cast, Person
from .draws import allocate, weighted_picker
from .tables import Progress, Tables, curated_at, stamps, verified
from .topics import TopicNode, TopicTree
from .vocabulary import COUNTRIES, COUNTRY, HELD_PHRASES, KIND_PHRASES, PAST_VERBS, ascii_fold, when

# The generated world: stories between these days.
FIRST_DAY = datetime.date(2005, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
KIND_WEIGHTS = {
    MeetingKind.TALKS: 30,
    MeetingKind.MEETING: 24,
    MeetingKind.PHONE_CALL: 20,
    MeetingKind.VISIT: 9,
    MeetingKind.SUMMIT: 5,
    MeetingKind.PRESS_CONFERENCE: 7,
    MeetingKind.WORKING_GROUP: 5,
}
SESSION_KINDS = [MeetingKind.TALKS, MeetingKind.MEETING, MeetingKind.PRESS_CONFERENCE]
# Hosts (and callers) first, then guests (and recipients), then everyone else.
ROLE_ORDER = {"host": 0, "caller": 0, "guest": 1, "recipient": 1, "attendee": 2}
MEETINGS_PER_BATCH = 5_000


@dataclass
class PlannedMeeting:
    id: int
    slug: str
    kind: str
    status: str
    date: datetime.date | None
    precision: str
    city: str
    country: str
    title: str
    participants: list[tuple[Person, str]]  # with their roles
    topics: list[TopicNode]
    parent_id: int | None
    end_date: datetime.date | None
    sources: list[int] = field(default_factory=list)  # ids of the sources that cite it


@dataclass
class Story:
    """What one source reports: two countries, a subject (a topic root) and meetings around a day."""

    day: datetime.date
    host: str
    guest: str
    root: int
    meetings: list[PlannedMeeting] = field(default_factory=list)  # its own: they cite this source first
    covered: list[PlannedMeeting] = field(default_factory=list)  # those and the previous story's cited here too


class Calendar:
    """Plans the meetings story by story (``plan``), then writes them with their participants and topics."""

    def __init__(self, rng: Random, cast: Cast, topics: TopicTree, tables: Tables):
        self.rng, self.cast, self.topics, self.tables = rng, cast, topics, tables
        self.stories: list[Story] = []
        self.meetings: list[PlannedMeeting] = []

    def plan(self, meetings: int, sources: int, progress: Progress) -> None:
        """Plan ``meetings`` meetings over ``sources`` stories, each story a share of them."""
        rng = self.rng
        days = (LAST_DAY - FIRST_DAY).days
        story_days = sorted(FIRST_DAY + datetime.timedelta(days=rng.randrange(days)) for _ in range(sources))
        block_sizes = allocate(meetings, [rng.lognormvariate(0, 0.6) for _ in range(sources)])
        kinds = weighted_picker(rng, list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))
        codes = [c.code for c in COUNTRIES]
        pick_country = weighted_picker(rng, codes, [c.weight for c in COUNTRIES])
        bar = progress("meetings (planning)", meetings)
        for day, remaining in zip(story_days, block_sizes, strict=True):
            host = pick_country()
            guest = pick_country()
            while guest == host and len(codes) > 1:
                guest = pick_country()
            story = Story(day, host, guest, self.topics.pick_root())
            self.stories.append(story)
            while remaining > 0:
                kind = kinds()
                if rng.random() < 0.3:  # another pair in the same story
                    guest2 = pick_country()
                    pair = (host, guest2) if guest2 != host else (host, guest)
                else:
                    pair = (host, guest) if rng.random() < 0.6 else (guest, host)
                meeting = self._plan_meeting(kind, pair, story, None)
                story.meetings.append(meeting)
                remaining -= 1
                bar.update(1)
                if kind == MeetingKind.VISIT and remaining > 0 and rng.random() < 0.6:
                    for _ in range(min(remaining, rng.randint(1, 3))):
                        session = self._plan_meeting(rng.choice(SESSION_KINDS), pair, story, meeting)
                        story.meetings.append(session)
                        remaining -= 1
                        bar.update(1)
        bar.close()
        # Every meeting cites the source whose story it belongs to; some also a later report.
        first_source = self.tables.ids[Source]
        for s, story in enumerate(self.stories):
            for meeting in story.meetings:
                meeting.sources.append(first_source + s)
                if s + 1 < sources and rng.random() < 0.3:
                    meeting.sources.append(first_source + s + 1)
        for story in self.stories:
            story.covered = list(story.meetings)
        for s, story in enumerate(self.stories):
            for meeting in story.meetings:
                if len(meeting.sources) > 1:
                    self.stories[s + 1].covered.append(meeting)

    def _plan_meeting(
        self, kind: str, pair: tuple[str, str], story: Story, parent: PlannedMeeting | None
    ) -> PlannedMeeting:
        rng = self.rng
        host_country, guest_country = pair
        people_for = self.cast.people_for
        taken: set[int] = set()
        if parent is not None:
            pool = [p for p, _ in parent.participants]
            people = rng.sample(pool, min(len(pool), max(2, rng.randint(2, 4)))) if pool else []
            participants = [(p, role) for p, role in parent.participants if p in people]
        elif kind == MeetingKind.SUMMIT:
            participants = []
            for country in dict.fromkeys([host_country, guest_country]):
                for person in people_for(country, 1, taken):
                    role = ParticipantRole.HOST if country == host_country else ParticipantRole.ATTENDEE
                    participants.append((person, role))
            for _ in range(rng.randint(1, 5)):
                for person in people_for(rng.choice(COUNTRIES).code, 1, taken):
                    participants.append((person, ParticipantRole.ATTENDEE))
        else:
            hosts = people_for(host_country, 1, taken)
            guests = people_for(guest_country, 1, taken)
            if kind == MeetingKind.PHONE_CALL:
                participants = [(p, ParticipantRole.CALLER) for p in hosts] + [
                    (p, ParticipantRole.RECIPIENT) for p in guests
                ]
            else:
                participants = [(p, ParticipantRole.HOST) for p in hosts] + [(p, ParticipantRole.GUEST) for p in guests]
                extra = rng.choice([0, 0, 1, 1, 2, 3])
                for person in people_for(rng.choice(pair), extra, taken):
                    participants.append((person, ParticipantRole.ATTENDEE))
        participants.sort(key=lambda pr: ROLE_ORDER[pr[1]])

        # When: on a day, or only the month or year, or not known; planned ones lie ahead.
        roll = rng.random()
        status = MeetingStatus.HELD
        if parent is not None:
            status = parent.status
        elif roll < 0.05:
            status = MeetingStatus.PLANNED
        elif roll < 0.07:
            status = MeetingStatus.PROPOSED
        elif roll < 0.10:
            status = MeetingStatus.CANCELLED
        if parent is not None:
            precision = parent.precision
            date = parent.date
            if date and precision == DatePrecision.DAY and parent.end_date:
                date = date + datetime.timedelta(days=rng.randint(0, (parent.end_date - parent.date).days))
        else:
            roll = rng.random()
            precision = (
                DatePrecision.DAY
                if roll < 0.85
                else DatePrecision.MONTH
                if roll < 0.92
                else DatePrecision.YEAR
                if roll < 0.95
                else DatePrecision.UNKNOWN
            )
            offset = (
                rng.randint(3, 120)
                if status in {MeetingStatus.PLANNED, MeetingStatus.PROPOSED}
                else -rng.randint(0, 45)
            )
            day = story.day + datetime.timedelta(days=offset)
            date = {
                DatePrecision.DAY: day,
                DatePrecision.MONTH: day.replace(day=1),
                DatePrecision.YEAR: day.replace(month=1, day=1),
                DatePrecision.UNKNOWN: None,
            }[precision]
        end_date = None
        if (
            parent is None
            and date is not None
            and precision == DatePrecision.DAY
            and kind in {MeetingKind.VISIT, MeetingKind.SUMMIT}
            and rng.random() < 0.6
        ):
            end_date = date + datetime.timedelta(days=rng.randint(1, 3))

        if kind == MeetingKind.PHONE_CALL:
            city, country = "", ""
        elif parent is not None:
            city, country = parent.city, parent.country
        elif rng.random() < 0.04:
            city, country = "", ""
        else:
            # Most meetings are in a capital; a visit is to the host's country.
            country = host_country
            cities = COUNTRY[country].cities
            city = rng.choice(cities) if rng.random() < 0.4 else cities[0]

        root_topics = self.topics.by_root.get(story.root) or self.topics.topics
        topics = rng.sample(root_topics, min(len(root_topics), rng.randint(1, 3)))
        if rng.random() < 0.15:
            other = rng.choice(self.topics.topics)
            if other not in topics:
                topics.append(other)

        title = _title(kind, participants, city, country, topics[0] if topics else None, parent)
        slug_base = slugify(ascii_fold(f"{title} {date.isoformat() if date else ''}".replace("–", " ")))
        meeting = PlannedMeeting(
            id=self.tables.ids[Meeting] + len(self.meetings),
            slug=self.tables.slugs[Meeting](slug_base),
            kind=kind,
            status=status,
            date=date,
            precision=precision,
            city=city,
            country=country,
            title=title[:300],
            participants=participants,
            topics=topics,
            parent_id=parent.id if parent else None,
            end_date=end_date,
        )
        self.meetings.append(meeting)
        return meeting

    def write(self, reviewer: int, progress: Progress) -> None:
        """Write the planned meetings, verified, with their participants and topics, in batches."""
        rng, tables = self.rng, self.tables
        bar = progress("meetings", len(self.meetings))
        meetings, participations, meeting_topics = [], [], []
        n_sources = max(1, len(self.stories))
        topics = self.topics.topics
        for index, m in enumerate(self.meetings):
            s = m.sources[0] - tables.ids[Source]
            created = curated_at(s / n_sources, jitter_seconds=600 + index % 3_000)
            row_stamps = stamps(rng, created)
            topic = m.topics[0].phrase if m.topics else "bilateral relations"
            names = [p.name for p, _ in m.participants]
            summary = (
                f"{' and '.join(names[:2]) or 'Officials'} {HELD_PHRASES[m.kind]}"
                f"{' in ' + m.city if m.city else ''}{when(m.date, m.precision)}, focusing on {topic}."
            )
            if len(names) > 2:
                summary += f" Also taking part: {', '.join(names[2:])}."
            summary += f" The sides {rng.choice(PAST_VERBS)} {rng.choice(topics).phrase if topics else topic}."
            meetings.append(
                {
                    "id": m.id,
                    "slug": m.slug,
                    "title": m.title,
                    "kind": m.kind,
                    "status": m.status,
                    "date": m.date,
                    "date_precision": m.precision,
                    "date_basis": ""
                    if m.date is None
                    else (DateBasis.SOURCE if rng.random() < 0.92 else DateBasis.GENERAL_KNOWLEDGE),
                    "end_date": m.end_date,
                    "city": m.city,
                    "country": m.country,
                    "summary": summary,
                    "parent_id": m.parent_id,
                    **row_stamps,
                    **verified(row_stamps["updated_at"], reviewer),
                }
            )
            for position, (person, role) in enumerate(m.participants):
                participations.append(
                    {
                        "id": tables.ids[MeetingParticipant] + len(participations),
                        "meeting_id": m.id,
                        "participant_id": person.id,
                        "role": role,
                        "position": position,
                        **row_stamps,
                    }
                )
            through = Meeting.topics.through
            for topic_node in m.topics:
                meeting_topics.append(
                    {"id": tables.ids[through] + len(meeting_topics), "meeting_id": m.id, "topic_id": topic_node.id}
                )
            if len(meetings) >= MEETINGS_PER_BATCH:
                self._flush(meetings, participations, meeting_topics)
            bar.update(1)
        self._flush(meetings, participations, meeting_topics)
        bar.close()

    def _flush(self, meetings: list[dict], participations: list[dict], meeting_topics: list[dict]) -> None:
        tables = self.tables
        tables.write(Meeting, meetings)
        tables.write(MeetingParticipant, participations)
        tables.write(Meeting.topics.through, meeting_topics)
        # The id counters move on by what was written.
        tables.ids[MeetingParticipant] += len(participations)
        tables.ids[Meeting.topics.through] += len(meeting_topics)
        meetings.clear()
        participations.clear()
        meeting_topics.clear()


def _title(
    kind: str,
    participants: list[tuple[Person, str]],
    city: str,
    country: str,
    topic: TopicNode | None,
    parent: PlannedMeeting | None,
) -> str:
    names = [p.surname for p, _ in participants[:2]] or ["Officials"]
    pair = "–".join(names) if len(names) > 1 else names[0]
    where = f" in {city}" if city else ""
    if parent is not None:
        return f"{KIND_PHRASES[kind].capitalize()} during {parent.title}"
    if kind == MeetingKind.TALKS:
        return f"{pair} talks{where}"
    if kind == MeetingKind.MEETING:
        return f"Meeting of {' and '.join(names)}{where}"
    if kind == MeetingKind.PHONE_CALL:
        return f"Phone call between {' and '.join(names)}"
    if kind == MeetingKind.VISIT:
        visitor = names[-1]
        place = COUNTRY[country].name if country else "abroad"
        return f"{visitor}'s visit to {place}"
    if kind == MeetingKind.SUMMIT:
        return f"Summit on {topic.name if topic else 'regional security'}{where}"
    if kind == MeetingKind.PRESS_CONFERENCE:
        return f"Joint press conference of {' and '.join(names)}{where}"
    return f"Working group on {topic.name if topic else 'bilateral issues'}{where}"
