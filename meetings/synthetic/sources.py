"""Sources and their statements as rows: an article per story, the meetings that cite it, the
outcomes it reports, and the statements cut from its text with their spans and contexts.

A statement's span is where its article placed it; its context is cut the way
``meetings.provenance`` cuts it for a statement saved through the model, from the final text.
"""

import datetime
from random import Random

from django.db import models
from django.utils.text import slugify

from ..choices import MeetingKind, MeetingStatus, SourceKind
from ..models import Meeting, Outcome, Source, Statement, content_hash
from ..provenance import context
from .articles import Article, Newsroom
from .calendar import Story
from .draws import allocate, weighted_picker
from .tables import Progress, Tables, curated_at, stamps, verified
from .vocabulary import MONTHS, NAMES, OUTCOMES, PUBLISHERS, ascii_fold

URL_DOMAIN_SUFFIX = ".example"  # RFC 2606: never a real site
# Appended to an article whose text another source already has, until it is new.
UPDATE_NOTE = "\n\nThis article has been updated."


class SourceWriter:
    """Writes each story's source with its citations, outcomes and statements, ``batch_sources`` at a time."""

    def __init__(self, rng: Random, tables: Tables, newsroom: Newsroom, reviewer: int, batch_sources: int):
        self.rng, self.tables, self.newsroom, self.reviewer = rng, tables, newsroom, reviewer
        self.batch_sources = batch_sources
        self.hashes = set(Source.objects.values_list("content_hash", flat=True))
        # Statement slugs end in their number in this run, so they only need checking against
        # slugs already stored (a 1,000,000-entry set of new ones would cost memory for nothing).
        self.existing_statement_slugs = set(Statement.objects.values_list("slug", flat=True))
        self.rows: dict[type[models.Model], list[dict]] = {
            model: [] for model in (Source, Meeting.sources.through, Outcome, Statement, Statement.topics.through)
        }
        self.statement_number = 0
        self.pick_kind = weighted_picker(
            rng, [SourceKind.NEWS_REPORT, SourceKind.ANALYSIS, SourceKind.OPINION], [70, 20, 10]
        )

    def write(self, stories: list[Story], statements: int, progress: Progress) -> None:
        """Write a source for every story and ``statements`` statements shared among them."""
        rng = self.rng
        per_source = allocate(statements, [rng.lognormvariate(0, 0.5) for _ in stories])
        if not stories and statements:
            raise ValueError("Statements need at least one source.")
        bar = progress("sources and statements", statements)
        for s, story in enumerate(stories):
            article = self.newsroom.article(story, per_source[s])
            source_id = self.tables.ids[Source] + s
            created = curated_at(s / len(stories))
            source_stamps = self._source(source_id, story, article, created)
            self._citations(source_id, story, source_stamps)
            self._statements(source_id, article, created)
            bar.update(len(article.statements))
            if (s + 1) % self.batch_sources == 0:
                self._flush()
        self._flush()
        bar.close()

    def _source(self, source_id: int, story: Story, article: Article, created: datetime.datetime) -> dict:
        """Add the source's row (its text made unique if need be); return its created and updated stamps."""
        rng = self.rng
        while content_hash(article.text) in self.hashes:
            article.text += UPDATE_NOTE
        digest = content_hash(article.text)
        self.hashes.add(digest)
        publisher, domain = rng.choice(PUBLISHERS)
        day = story.day
        published_on = day + datetime.timedelta(days=rng.randint(0, 2)) if rng.random() < 0.95 else None
        slug = self.tables.slugs[Source](slugify(ascii_fold(article.title)))
        row_stamps = stamps(rng, created)
        given_names, surnames = (names.split() for names in NAMES["anglo"])
        author = f"{rng.choice(given_names).rstrip('*')} {rng.choice(surnames)}" if rng.random() < 0.85 else ""
        self.rows[Source].append(
            {
                "id": source_id,
                "slug": slug,
                "title": article.title[:300],
                "publisher": publisher,
                "author": author,
                "kind": self.pick_kind(),
                "published_on": published_on,
                "url": f"https://www.{domain}{URL_DOMAIN_SUFFIX}/{day:%Y/%m}/{slug}/",
                "language": "en",
                "text": article.text,
                "content_hash": digest,
                **row_stamps,
            }
        )
        return row_stamps

    def _citations(self, source_id: int, story: Story, source_stamps: dict) -> None:
        """The sources the story's own meetings cite, and the outcomes this source reports for a fifth of them."""
        rng, ids = self.rng, self.tables.ids
        through = Meeting.sources.through
        for m in story.meetings:
            for cited in m.sources:
                self.rows[through].append({"id": ids[through], "meeting_id": m.id, "source_id": cited})
                ids[through] += 1
            if m.status == MeetingStatus.HELD and m.kind != MeetingKind.PHONE_CALL and rng.random() < 0.2:
                for position in range(rng.randint(1, 2)):
                    topic = rng.choice(m.topics).phrase if m.topics else "bilateral relations"
                    self.rows[Outcome].append(
                        {
                            "id": ids[Outcome],
                            "meeting_id": m.id,
                            "position": position,
                            "description": rng.choice(OUTCOMES).format(
                                topic=topic,
                                city=m.city or "Geneva",
                                month=f"{MONTHS[rng.randrange(12)]} {(m.date or story.day).year + 1}",
                            ),
                            "source_id": source_id,
                            **source_stamps,
                        }
                    )
                    ids[Outcome] += 1

    def _statements(self, source_id: int, article: Article, created: datetime.datetime) -> None:
        ids, text = self.tables.ids, article.text
        through = Statement.topics.through
        for placed in article.statements:
            self.statement_number += 1
            number = self.statement_number
            statement_id = ids[Statement]
            ids[Statement] += 1
            speaker = placed.speaker
            words = " ".join(placed.text.split()[:8])
            base = slugify(ascii_fold(f"{speaker.name} {words}"))[:100].strip("-") or "statement"
            slug = f"{base}-{number}"
            while slug in self.existing_statement_slugs:
                slug += "-s"
            row_stamps = stamps(self.rng, created + datetime.timedelta(seconds=60 + number % 5_000))
            context_before, context_after = context(text, placed.span)
            self.rows[Statement].append(
                {
                    "id": statement_id,
                    "slug": slug,
                    "speaker_id": speaker.id,
                    "via_id": placed.via.id if placed.via else None,
                    "meeting_id": placed.meeting.id if placed.meeting else None,
                    "source_id": source_id,
                    "kind": placed.kind,
                    "text": placed.text,
                    "occurrence": placed.occurrence,
                    "span_start": placed.span.start,
                    "span_end": placed.span.end,
                    "context_before": context_before,
                    "context_after": context_after,
                    "said_on": placed.said_on,
                    "said_on_precision": placed.said_on_precision,
                    "channel": placed.channel,
                    **row_stamps,
                    **verified(row_stamps["updated_at"], self.reviewer),
                }
            )
            for topic in placed.topics:
                self.rows[through].append({"id": ids[through], "statement_id": statement_id, "topic_id": topic.id})
                ids[through] += 1

    def _flush(self) -> None:
        for model, rows in self.rows.items():
            self.tables.write(model, rows)
            rows.clear()
