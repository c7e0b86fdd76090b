"""Article texts for synthetic sources, and the statements that are passages of them.

An article reports its story: a title, a lede on the main meeting, background on the others, and
quotes and paraphrases woven into paragraphs. Each statement is placed as its sentence is
written, so its span in the finished text is known; its occurrence is numbered as
``meetings.provenance`` numbers it, so ``find_span`` finds that very span again.
"""

import datetime
import itertools
from dataclasses import dataclass
from random import Random

from ..choices import DatePrecision, MeetingStatus, ParticipantKind, StatementChannel, StatementKind
from ..provenance import Occurrences, Span
from .calendar import PlannedMeeting, Story
from .cast import Cast, Person
from .draws import weighted_picker
from .topics import TopicNode, TopicTree
from .vocabulary import (
    COUNTRY,
    FIRST_PERSON_SUBJECTS,
    HELD_PHRASES,
    KIND_PHRASES,
    MONTHS,
    PAST_VERBS,
    SECOND_SENTENCES,
    SUBJECTS,
    TAILS,
    TALK_ADJECTIVES,
    TOPIC_ROOTS,
    VERBS,
    people_list,
    when,
)

# Paragraphs are joined by a blank line.
PARAGRAPH_BREAK = "\n\n"
# Participants whose statements an article most often reports: the two sides of a meeting.
LEADING_ROLES = {"host", "guest", "caller", "recipient"}


@dataclass
class PlacedStatement:
    """A statement as its article places it; ``span`` and ``occurrence`` are set once the text is finished."""

    text: str
    kind: str
    speaker: Person
    via: Person | None
    meeting: PlannedMeeting | None
    topics: list[TopicNode]
    channel: str
    said_on: datetime.date | None
    said_on_precision: str
    paragraph: int = 0
    offset: int = 0  # where the passage starts in its paragraph
    span: Span | None = None
    occurrence: int = 0


@dataclass
class Article:
    title: str
    text: str
    statements: list[PlacedStatement]


class _Draft:
    """The paragraphs of an article being written, and the statements in the paragraph not yet closed."""

    def __init__(self, paragraphs: list[str]):
        self.paragraphs = paragraphs
        self.sentences: list[str] = []
        self.length = 0  # of the open paragraph so far
        self.pending: list[PlacedStatement] = []
        self.placed: list[PlacedStatement] = []

    def add_sentence(self, sentence: str, passage_at: int, statement: PlacedStatement) -> None:
        """Add a sentence to the open paragraph; the statement's passage starts ``passage_at`` into it."""
        if self.sentences:
            self.length += 1  # the joining space
        statement.offset = self.length + passage_at
        self.pending.append(statement)
        self.sentences.append(sentence)
        self.length += len(sentence)

    def close_paragraph(self) -> None:
        if self.sentences:
            self.paragraphs.append(" ".join(self.sentences))
            for statement in self.pending:
                statement.paragraph = len(self.paragraphs) - 1
                self.placed.append(statement)
            self.pending.clear()
            self.sentences, self.length = [], 0

    def finish(self) -> tuple[str, list[PlacedStatement]]:
        """The text, and the statements in it with their spans and occurrences."""
        self.close_paragraph()
        text = PARAGRAPH_BREAK.join(self.paragraphs)
        starts = list(itertools.accumulate([0, *(len(p) + len(PARAGRAPH_BREAK) for p in self.paragraphs[:-1])]))
        occurrences = Occurrences(text)
        for statement in self.placed:
            start = starts[statement.paragraph] + statement.offset
            end = start + len(statement.text)
            assert text[start:end] == statement.text, (text[start:end], statement.text)
            statement.span = Span(start, end)
            statement.occurrence = occurrences.number(statement.text, start)
        return text, self.placed


class Newsroom:
    """Writes the article of each story, with the statements of the people in it."""

    def __init__(self, rng: Random, cast: Cast, topics: TopicTree):
        self.rng, self.cast, self.topics = rng, cast, topics

    def article(self, story: Story, count: int) -> Article:
        """The source's article on ``story``, with ``count`` statements placed in it."""
        rng, covered = self.rng, story.covered
        main = covered[0] if covered else None
        root_name, root_phrase, _ = TOPIC_ROOTS[story.root]
        host_name, guest_name = COUNTRY[story.host].name, COUNTRY[story.guest].name
        if main and len(main.participants) >= 2:
            a, b = main.participants[0][0], main.participants[1][0]
            title = rng.choice(
                [
                    f"{a.name} and {b.name} discuss {root_phrase}",
                    f"{a.surname} and {b.surname} meet{' in ' + main.city if main.city else ''} amid tensions over "
                    f"{root_name}",
                    f"Analysis: what the {KIND_PHRASES[main.kind]} between {a.surname} and {b.surname} means for "
                    f"{root_phrase}",
                    f"{COUNTRY[a.country or story.host].adjective} and "
                    f"{COUNTRY[b.country or story.guest].adjective} diplomats search for common ground on {root_name}",
                ]
            )
        else:
            title = f"{host_name.removeprefix('the ').capitalize()} and {guest_name} on {root_phrase}"
        if main and main.participants:
            names = [p.name for p, _ in main.participants[:2]]
            where = f" in {main.city}" if main.city else ""
            lede = (
                f"{people_list(names)} {HELD_PHRASES[main.kind]}{where}{when(main.date, main.precision)}, "
                f"with {root_phrase} high on the agenda."
            )
            if main.status != MeetingStatus.HELD:
                lede = f"A {KIND_PHRASES[main.kind]} of {people_list(names)}{where} was {main.status}."
        else:
            lede = f"Diplomats from {host_name} and {guest_name} continued to differ on {root_phrase}."
        draft = _Draft([title, lede])
        for index in range(count):
            if index and index % rng.randint(3, 6) == 0:
                draft.close_paragraph()
                if covered and rng.random() < 0.5:
                    background = self._background(rng.choice(covered))
                    if background:
                        draft.paragraphs.append(background)
            self._report(story, draft)
            if rng.random() < 0.6:
                draft.close_paragraph()
        text, statements = draft.finish()
        return Article(title, text, statements)

    def _background(self, m: PlannedMeeting) -> str:
        """A sentence recalling another meeting of the story, or nothing when nobody is known to be in it."""
        if not m.participants:
            return ""
        where = f" in {m.city}" if m.city else ""
        dated = when(m.date, m.precision)
        people = people_list([p.name for p, _ in m.participants[:3]])
        if m.status == MeetingStatus.HELD:
            return f"The {KIND_PHRASES[m.kind]}{where}{dated} brought together {people}."
        return f"The {KIND_PHRASES[m.kind]} of {people}{where}{dated} was {m.status}."

    def _report(self, story: Story, draft: _Draft) -> None:
        """Add one statement to the article: who said it, about what, in which words and where."""
        rng, covered, host, guest = self.rng, story.covered, story.host, story.guest
        meeting = rng.choice(covered) if covered and rng.random() < 0.9 else None
        if meeting and meeting.participants:
            weights = [3 if role in LEADING_ROLES else 1 for _, role in meeting.participants]
            speaker = weighted_picker(rng, [p for p, _ in meeting.participants], weights)()
        else:
            found = self.cast.people_for(rng.choice([host, guest]), 1, set())
            speaker = found[0] if found else (self.cast.people[0] if self.cast.people else None)
        if speaker is None:
            raise ValueError("Statements need at least one participant.")
        other = guest if speaker.country == host else host
        city = (meeting.city if meeting and meeting.city else None) or COUNTRY[other].cities[0]
        topic_pool = (
            (meeting.topics if meeting and meeting.topics else None)
            or self.topics.by_root.get(story.root)
            or self.topics.topics
        )
        topic = rng.choice(topic_pool) if topic_pool else None
        topics = [topic] if topic else []
        if topic and rng.random() < 0.3:
            extra = rng.choice(topic_pool)
            if extra is not topic:
                topics.append(extra)
        via = None
        if rng.random() < 0.04:
            candidate = self.cast.ministry.get(speaker.country)
            if candidate is not None and candidate.id != speaker.id:
                via = candidate
        first_mention = rng.random() < 0.3
        reference = speaker.name if first_mention or speaker.kind != ParticipantKind.PERSON else speaker.surname
        if rng.random() < 0.65:
            kind = StatementKind.DIRECT_QUOTE
            quote = self._quote(topic, other, city)
            form = rng.random()
            if via is not None:
                sentence, at, channel = f'"{quote}," {reference} said, according to the {via.name}.', 1, "statement"
            elif form < 0.45:
                sentence, at, channel = (
                    f'"{quote}," {reference} said.',
                    1,
                    rng.choice([StatementChannel.PRESS_CONFERENCE, StatementChannel.MEETING, StatementChannel.UNKNOWN]),
                )
            elif form < 0.7:
                prefix = f'{reference} told reporters: "'
                sentence, at, channel = f'{prefix}{quote}."', len(prefix), StatementChannel.PRESS_CONFERENCE
            elif form < 0.85:
                prefix = f"In an interview, {reference} said: \u201c"
                sentence, at, channel = f"{prefix}{quote}.\u201d", len(prefix), StatementChannel.INTERVIEW
            else:
                sentence, at, channel = (
                    f'"{quote}," {reference} wrote on social media.',
                    1,
                    StatementChannel.SOCIAL_MEDIA,
                )
            text = quote
        else:
            kind = StatementKind.PARAPHRASE
            text = self._paraphrase(speaker, topic, other, city)
            if via is not None:
                prefix = f"According to the {via.name}, "
                sentence, at = f"{prefix}{text}.", len(prefix)
            else:
                sentence, at = f"{text}.", 0
            channel = rng.choice([StatementChannel.BRIEFING, StatementChannel.STATEMENT, StatementChannel.UNKNOWN])
        said_on, said_precision = None, DatePrecision.UNKNOWN
        if meeting and meeting.date and meeting.precision == DatePrecision.DAY and meeting.status == MeetingStatus.HELD:
            if rng.random() < 0.75:
                said_on, said_precision = meeting.end_date or meeting.date, DatePrecision.DAY
        elif rng.random() < 0.3:
            said_on, said_precision = story.day, DatePrecision.DAY
        statement = PlacedStatement(text, kind, speaker, via, meeting, topics, channel, said_on, said_precision)
        draft.add_sentence(sentence, at, statement)

    def _fill(self, template: str, other_country: str, city: str) -> str:
        rng = self.rng
        return template.format(
            adjective=COUNTRY[other_country].adjective,
            other=COUNTRY[other_country].name,
            city=city,
            month=MONTHS[rng.randrange(12)],
            number=rng.randint(2, 90),
        )

    def _quote(self, topic: TopicNode | None, other_country: str, city: str) -> str:
        """What a speaker says, in the first person: a subject, a verb, the topic, perhaps a second sentence."""
        rng = self.rng
        obj = topic.phrase if topic else "our bilateral relations"
        subject = self._fill(rng.choice(SUBJECTS), other_country, city)
        sentence = f"{subject} {rng.choice(VERBS)} {obj}{self._fill(rng.choice(TAILS), other_country, city)}"
        if subject not in FIRST_PERSON_SUBJECTS and not subject.endswith(" and we"):
            sentence = sentence.replace("our commitment", "their commitment")
        if rng.random() < 0.35:
            sentence += ". " + self._fill(rng.choice(SECOND_SENTENCES), other_country, city)
        return sentence

    def _paraphrase(self, speaker: Person, topic: TopicNode | None, other_country: str, city: str) -> str:
        """What a speaker said, in the article's words."""
        rng = self.rng
        obj = topic.phrase if topic else "bilateral relations"
        if rng.random() < 0.3:
            return f"{speaker.surname} described the talks on {obj} as {rng.choice(TALK_ADJECTIVES)}"
        own = COUNTRY[speaker.country].name if speaker.country else "the organisation"
        subject = rng.choice(["the sides", "both delegations", f"{own} and {COUNTRY[other_country].name}"])
        tail = self._fill(rng.choice(TAILS), other_country, city).replace(" our ", " their ")
        return f"{speaker.surname} said that {subject} {rng.choice(PAST_VERBS)} {obj}{tail}"
