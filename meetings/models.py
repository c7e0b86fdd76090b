import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator, RegexValidator
from django.db import connections, models, router, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from . import provenance, text_rules
from .choices import (
    DateBasis,
    DatePrecision,
    MeetingKind,
    MeetingStatus,
    ParticipantKind,
    ParticipantRole,
    ReviewStatus,
    SourceKind,
    StatementChannel,
    StatementKind,
    SuggestionKind,
    SuggestionStatus,
)

country_code_validator = RegexValidator(
    r"^[A-Z]{2}$", "Enter an ISO 3166-1 alpha-2 country code in capitals, such as RU or US."
)
wikidata_id_validator = RegexValidator(r"^Q[1-9][0-9]*$", "Enter a Wikidata item id such as Q22686.")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Stores “Russia’s” as written rather than as \\u2019 escapes, so that text search finds it.

    Half of a UTF-16 pair, which JSON can spell but no text can hold, stays escaped: a form that
    shows such a value back (to say it is refused) must still be a page that can be sent.
    """

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)

    def encode(self, o) -> str:
        return text_rules.escape_surrogates(super().encode(o))

    def iterencode(self, o, _one_shot=False):
        return map(text_rules.escape_surrogates, super().iterencode(o, _one_shot))


def unique_slug(taken: models.QuerySet, words: str, fallback: str) -> str:
    """A slug made from ``words`` that no record of ``taken`` has: the words' own, or it with -2, -3, …"""
    base = slugify(words)[:100].strip("-") or fallback
    slug, counter = base, 2
    while taken.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


class SlugNaturalKeyManager(models.Manager):
    """Fixtures refer to records by slug, so they read well in a diff and load twice safely."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class TimeStampedModel(models.Model):
    """Creation and last-change times, for change tracking."""

    created_at = models.DateTimeField("created at", auto_now_add=True, help_text="When the record was created.")
    updated_at = models.DateTimeField("updated at", auto_now=True, help_text="When the record last changed.")

    class Meta:
        abstract = True


class TopicTaggedQuerySet(models.QuerySet):
    def tagged(self, topic_ids):
        """Records tagged with any of these topics (ids).

        Reads the ids from the link table's (topic, record) index, without joining the records
        themselves into the subquery.
        """
        link = self.model._meta.get_field("topics").remote_field.through
        column = link._meta.get_field(self.model._meta.model_name).attname
        return self.filter(pk__in=link.objects.filter(topic_id__in=topic_ids).values(column))

    def on_topic(self, *topics: "Topic"):
        """Records on these topics or on any topic below them."""
        return self.tagged(subtree_ids(Topic, *topics))


class ReviewedModel(models.Model):
    """A curated record is a draft until a curator verifies it against its sources."""

    review_status = models.CharField(
        "review status",
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
        help_text="Draft until a curator has checked it against its sources; only verified records are public.",
    )
    # SET_NULL: removing an account must not remove, or un-verify, what it verified.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="verified by",
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="The curator who verified it; empty for records verified before accounts existed.",
    )
    verified_at = models.DateTimeField(
        "verified at", null=True, blank=True, help_text="When it was verified; empty while it is a draft."
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever path a verification takes, it has a time; a draft keeps none.
        if self.review_status == ReviewStatus.VERIFIED and self.verified_at is None:
            self.verified_at = timezone.now()
        elif self.review_status == ReviewStatus.DRAFT:
            self.verified_at = self.verified_by = None
        super().save(*args, **kwargs)

    @classmethod
    def review_constraints(cls, prefix: str) -> list[models.CheckConstraint]:
        return [
            models.CheckConstraint(
                condition=(Q(review_status=ReviewStatus.VERIFIED) & Q(verified_at__isnull=False))
                | (Q(review_status=ReviewStatus.DRAFT) & Q(verified_at__isnull=True, verified_by__isnull=True)),
                name=f"{prefix}_verification_goes_with_status",
                violation_error_message="A verified record has a verification time; a draft has none.",
            )
        ]


class DatedModel(models.Model):
    """A date that may be known only to the month or year, or not at all.

    A month-precision date is stored as the first of that month and a year-precision date
    as the first of January, so that date ranges still filter them.
    """

    date = models.DateField(
        "date",
        null=True,
        blank=True,
        help_text="The date, or its first day when only the month or year is known. Empty when unknown.",
    )
    date_precision = models.CharField(
        "date precision",
        max_length=16,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
        help_text="How much of the date is known: day, month, year, or unknown (no date).",
    )
    date_basis = models.CharField(
        "date basis",
        max_length=32,
        choices=DateBasis.choices,
        default=DateBasis.NONE,
        blank=True,
        help_text=(
            "Where the date comes from: stated in a source, or general knowledge that the sources "
            "do not state. Empty when there is no date."
        ),
    )

    class Meta:
        abstract = True

    @classmethod
    def date_constraints(cls, prefix: str) -> list[models.CheckConstraint]:
        return [
            models.CheckConstraint(
                condition=(Q(date__isnull=True) & Q(date_precision=DatePrecision.UNKNOWN))
                | (Q(date__isnull=False) & ~Q(date_precision=DatePrecision.UNKNOWN)),
                name=f"{prefix}_date_precision_goes_with_date",
                violation_error_message="A date needs a precision of day, month or year; no date means 'unknown'.",
            ),
            models.CheckConstraint(
                condition=(Q(date__isnull=True) & Q(date_basis=DateBasis.NONE))
                | (Q(date__isnull=False) & ~Q(date_basis=DateBasis.NONE)),
                name=f"{prefix}_date_basis_goes_with_date",
                violation_error_message="A date needs a basis (a source or general knowledge); no date has none.",
            ),
        ]


class Source(TimeStampedModel):
    """One article, stored exactly as received, that the rest of the data cites."""

    slug = models.SlugField("slug", max_length=120, unique=True, help_text="Stable identifier used in URLs.")
    title = models.CharField("title", max_length=300, help_text="The article's headline.")
    publisher = models.CharField(
        "publisher", max_length=200, blank=True, help_text="Who published the article, where the text shows it."
    )
    author = models.CharField(
        "author", max_length=200, blank=True, help_text="Who wrote the article, where the text shows it."
    )
    kind = models.CharField(
        "kind", max_length=32, choices=SourceKind.choices, help_text="News report, opinion, analysis or press release."
    )
    published_on = models.DateField(
        "published on", null=True, blank=True, help_text="Publication date, only where the article states one."
    )
    url = models.URLField("URL", max_length=500, blank=True, help_text="Where the article was published, if known.")
    language = models.CharField(
        "language", max_length=16, default="en", help_text="Language of the text as an IETF tag, such as en or ru."
    )
    text = models.TextField("text", help_text="The full text of the article, exactly as received.")
    redistributable = models.BooleanField(
        "redistributable",
        default=False,
        help_text=(
            "Whether the article's licence lets anyone republish its full text. When it does not, the "
            "public API and the exports give the source's title, publisher, URL and content hash, and each "
            "statement's span, context and selectors, but not the text; curators and backups keep it."
        ),
    )
    content_hash = models.CharField(
        "content hash",
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the text in UTF-8, computed on save; the same text cannot be added twice.",
    )
    original_hash = models.CharField(
        "original hash",
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="SHA-256 of the file the article was imported from; empty for pasted text.",
    )

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    # What a curator gives (the admin's form and the API's write form); the rest the system sets.
    CURATED_FIELDS = (
        "slug",
        "title",
        "publisher",
        "author",
        "kind",
        "published_on",
        "url",
        "language",
        "redistributable",
        "text",
    )

    class Meta:
        ordering = ["title"]
        indexes = [
            models.Index(fields=["published_on"], name="source_published_on_idx"),
            models.Index(fields=["kind"], name="source_kind_idx"),
            models.Index(fields=["publisher"], name="source_publisher_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, with the hash of the text; a new text re-locates every statement in the same transaction.

        Refused (``ValidationError`` on ``text``, nothing saved) when a direct quote, or a paraphrase
        that stood in the old text, no longer stands in the new one.
        """
        self.content_hash = content_hash(self.text)
        with transaction.atomic(using=router.db_for_write(Source, instance=self)):
            changed = self._text_changed()
            super().save(*args, **kwargs)
            if changed:
                statements, problems = self.relocated_statements()
                if problems:
                    raise ValidationError({"text": problems})
                now = timezone.now()  # a statement whose span moved is a new version of it (its ETag changes)
                for statement in statements:
                    statement.updated_at = now
                located = ["span_start", "span_end", "context_before", "context_after", "updated_at"]
                Statement.objects.bulk_update(statements, located)
        self._stored_hash = self.content_hash

    def get_absolute_url(self):
        return reverse("api:source-detail", kwargs={"slug": self.slug})

    def clean(self):
        self.content_hash = content_hash(self.text)
        existing = Source.objects.filter(content_hash=self.content_hash).exclude(pk=self.pk).first()
        if existing is not None:
            raise ValidationError({"text": f"This text is already stored as source “{existing.slug}”."})
        if self._text_changed() and (problems := self.relocated_statements()[1]):
            raise ValidationError({"text": problems})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        source = super().from_db(db, field_names, values, **kwargs)
        source._stored_hash = source.__dict__.get("content_hash")  # what the database holds, to tell an edit
        return source

    def _text_changed(self) -> bool:
        """Whether the stored text differs from this one (a new source has none)."""
        if self.pk is None:
            return False
        stored = getattr(self, "_stored_hash", None)
        if stored is None:  # not read from the database, or without its hash
            stored = Source.objects.filter(pk=self.pk).values_list("content_hash", flat=True).first()
        return stored is not None and stored != content_hash(self.text)

    def relocated_statements(self) -> tuple[list["Statement"], list[str]]:
        """This source's statements located again in ``text`` (unsaved), each at its occurrence, through
        ``Statement.locate``, and a line for each one whose words no longer stand in it: a direct quote,
        or a paraphrase that stood in the stored text."""
        statements = list(self.statements.select_related("speaker")) if self.pk is not None else []
        problems = []
        for statement in statements:
            was_located = statement.span_start is not None
            statement.source = self
            try:
                statement.locate()
            except provenance.QuoteNotInSourceError as error:
                problems += error.messages
                continue
            if was_located and statement.span_start is None:
                where = provenance.mismatch_message(self.text, statement.text)
                problems.append(f"Statement {statement.label}: the paraphrase {where}")
        return statements, problems

    def natural_key(self):
        return (self.slug,)


class Participant(TimeStampedModel):
    """A person or an institution that meets or speaks (a ministry can 'say' things)."""

    slug = models.SlugField("slug", max_length=120, unique=True, help_text="Stable identifier used in URLs.")
    name = models.CharField("name", max_length=200, help_text="The name most commonly used in English.")
    other_names = models.JSONField(
        "other names",
        default=list,
        encoder=UnicodeJSONEncoder,
        blank=True,
        help_text="Other spellings and forms of the name the sources use, such as 'Sergei Lavrov'.",
    )
    kind = models.CharField("kind", max_length=32, choices=ParticipantKind.choices, help_text="Person or institution.")
    country = models.CharField(
        "country",
        max_length=2,
        blank=True,
        validators=[country_code_validator],
        help_text="ISO 3166-1 alpha-2 code of the country the participant represents; empty if none.",
    )
    position = models.CharField(
        "position",
        max_length=300,
        blank=True,
        help_text="The position held at the time of the meetings reported, such as 'Foreign Minister of Russia'.",
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text="The Wikidata item id, such as Q22686, if known.",
    )

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["country"], name="participant_country_idx"),
            models.Index(fields=["kind"], name="participant_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                name="participant_country_is_iso_alpha2",
                violation_error_message="Country must be an ISO 3166-1 alpha-2 code in capitals, or empty.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("api:participant-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if not isinstance(self.other_names, list) or not all(isinstance(n, str) for n in self.other_names):
            raise ValidationError({"other_names": "Other names must be a list of strings."})
        # JSON can spell characters no text column takes: NUL (PostgreSQL refuses it), half a UTF-16 pair.
        for name in self.other_names:
            if problem := text_rules.problem(name):
                raise ValidationError({"other_names": problem})


def subtree_ids(model: type[models.Model], *roots: models.Model) -> set[int]:
    """The roots' primary keys and those of every record below them through ``parent``.

    One recursive query, however deep the tree (UNION, not UNION ALL, so that even a cycle
    written past the constraints ends).
    """
    if not roots:
        return set()
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    parent = quote(model._meta.get_field("parent").column)
    placeholders = ", ".join(["%s"] * len(roots))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE tree(id) AS (SELECT {pk} FROM {table} WHERE {pk} IN ({placeholders}) "
            f"UNION SELECT child.{pk} FROM {table} child JOIN tree ON child.{parent} = tree.id) SELECT id FROM tree",
            [root.pk for root in roots],
        )
        return {row[0] for row in cursor.fetchall()}


class TreeNodeMixin:
    """A record in a tree through ``parent``: it may not sit below itself.

    ``clean()`` refuses the cycle, so the admin, the API and fixture loading (through the raw-save
    signal) refuse it alike, with the model's ``cycle_message`` on ``parent``. The walk reads
    parent ids, so it works on records whose parents are not loaded, or not saved yet.
    """

    cycle_message: str

    def clean(self):
        super().clean()
        self.refuse_cycle()

    def refuse_cycle(self) -> None:
        if self.pk is None or self.parent_id is None:
            return
        parents = type(self)._default_manager.values_list("parent_id", flat=True)
        seen, current = {self.pk}, self.parent_id
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.filter(pk=current).first()
        if current == self.pk:
            raise ValidationError({"parent": self.cycle_message})


class TopicQuerySet(models.QuerySet):
    def with_descendants(self, *topics: "Topic") -> "TopicQuerySet":
        """The given topics and every topic below them, however deep."""
        return self.filter(pk__in=subtree_ids(Topic, *topics))


class Topic(TreeNodeMixin, TimeStampedModel):
    """A matter discussed, in a tree: Syria → the chemical-weapons incident in Idlib."""

    slug = models.SlugField("slug", max_length=120, unique=True, help_text="Stable identifier used in URLs.")
    name = models.CharField("name", max_length=200, help_text="Short name of the topic.")
    description = models.TextField("description", blank=True, help_text="What the topic covers.")
    # PROTECT: removing a parent must not silently take its subtree with it.
    parent = models.ForeignKey(
        "self",
        verbose_name="parent",
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="The broader topic this one belongs to; filtering by a topic includes its descendants.",
    )

    objects = SlugNaturalKeyManager.from_queryset(TopicQuerySet)()
    history = HistoricalRecords()
    cycle_message = "A topic cannot be its own ancestor."

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="topic_not_its_own_parent",
                violation_error_message="A topic cannot be its own parent.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("api:topic-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Meeting(TreeNodeMixin, TimeStampedModel, DatedModel, ReviewedModel):
    """A diplomatic meeting, call, visit or summit, as the cited sources report it."""

    slug = models.SlugField("slug", max_length=120, unique=True, help_text="Stable identifier used in URLs.")
    title = models.CharField("title", max_length=300, help_text="A short descriptive title.")
    kind = models.CharField(
        "kind", max_length=32, choices=MeetingKind.choices, help_text="Talks, phone call, summit, visit, ..."
    )
    status = models.CharField(
        "status",
        max_length=16,
        choices=MeetingStatus.choices,
        default=MeetingStatus.HELD,
        help_text="Whether the meeting was held, is planned or proposed, or was cancelled.",
    )
    end_date = models.DateField(
        "end date", null=True, blank=True, help_text="Last day of a meeting that spans several days."
    )
    city = models.CharField("city", max_length=120, blank=True, help_text="City where it took place, if known.")
    country = models.CharField(
        "country",
        max_length=2,
        blank=True,
        validators=[country_code_validator],
        help_text="ISO 3166-1 alpha-2 code of the country where it took place, if known.",
    )
    summary = models.TextField("summary", blank=True, help_text="What happened, in the curator's words.")
    # PROTECT: a visit's sessions must be moved or deleted on purpose before the visit goes.
    parent = models.ForeignKey(
        "self",
        verbose_name="parent meeting",
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="The larger meeting this is part of, such as the visit a session belongs to.",
    )
    participants = models.ManyToManyField(
        Participant,
        through="MeetingParticipant",
        related_name="meetings",
        blank=True,
        verbose_name="participants",
        help_text="Who took part, each with a role.",
    )
    topics = models.ManyToManyField(
        Topic, related_name="meetings", blank=True, verbose_name="topics", help_text="What was discussed."
    )
    sources = models.ManyToManyField(
        Source,
        related_name="meetings",
        verbose_name="sources",
        help_text="The articles that report the meeting; at least one.",
    )

    objects = SlugNaturalKeyManager.from_queryset(TopicTaggedQuerySet)()
    history = HistoricalRecords(m2m_fields=[topics, sources])
    cycle_message = "A meeting cannot be part of itself."
    # A meeting's own fields, in the order its forms (the API's read and write forms) give them.
    OWN_FIELDS = (
        "slug",
        "title",
        "kind",
        "status",
        "date",
        "date_precision",
        "date_basis",
        "end_date",
        "city",
        "country",
        "summary",
        "parent",
    )

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "title"]
        indexes = [
            # Drafts are few and verified records most: index only the drafts, for curators' lists.
            models.Index(
                fields=["review_status"], name="meeting_drafts_idx", condition=Q(review_status=ReviewStatus.DRAFT)
            ),
            models.Index(fields=["date"], name="meeting_date_idx"),
            # On PostgreSQL, migration 0006 adds meeting_list_order_idx, in the list's order.
            models.Index(fields=["kind"], name="meeting_kind_idx"),
            models.Index(fields=["status"], name="meeting_status_idx"),
            models.Index(fields=["country"], name="meeting_country_idx"),
        ]
        constraints = [
            *DatedModel.date_constraints("meeting"),
            *ReviewedModel.review_constraints("meeting"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(date__isnull=False, end_date__gte=models.F("date")),
                name="meeting_ends_after_it_starts",
                violation_error_message="A meeting cannot end before it starts, nor have an end without a start.",
            ),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                name="meeting_country_is_iso_alpha2",
                violation_error_message="Country must be an ISO 3166-1 alpha-2 code in capitals, or empty.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="meeting_not_its_own_parent",
                violation_error_message="A meeting cannot be its own parent.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("api:meeting-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class MeetingParticipantManager(models.Manager):
    def get_by_natural_key(self, meeting_slug, participant_slug):
        return self.get(meeting__slug=meeting_slug, participant__slug=participant_slug)


class MeetingParticipant(TimeStampedModel):
    """A participant's part in one meeting: host, guest, attendee, ..."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="meeting", related_name="participations", on_delete=models.CASCADE
    )
    # PROTECT: a participant who took part in meetings is history and is not deleted by accident.
    participant = models.ForeignKey(
        Participant, verbose_name="participant", related_name="participations", on_delete=models.PROTECT
    )
    role = models.CharField(
        "role",
        max_length=16,
        choices=ParticipantRole.choices,
        default=ParticipantRole.ATTENDEE,
        help_text="The participant's role in this meeting.",
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Display order among the meeting's participants."
    )

    objects = MeetingParticipantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = "meeting participant"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="meeting_participant_unique"),
        ]

    def __str__(self):
        return f"{self.participant} ({self.get_role_display()}) at {self.meeting}"

    def natural_key(self):
        return (self.meeting.slug, self.participant.slug)

    natural_key.dependencies = ["meetings.meeting", "meetings.participant"]


class OutcomeManager(models.Manager):
    def get_by_natural_key(self, meeting_slug, position):
        return self.get(meeting__slug=meeting_slug, position=position)


class Outcome(TimeStampedModel):
    """Something a meeting produced or agreed, with the source that reports it."""

    meeting = models.ForeignKey(Meeting, verbose_name="meeting", related_name="outcomes", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField("position", default=0, help_text="Order among the meeting's outcomes.")
    description = models.TextField("description", help_text="What was agreed or decided.")
    # PROTECT: an outcome is only as good as its citation; the source cannot vanish under it.
    source = models.ForeignKey(
        Source,
        verbose_name="source",
        related_name="outcomes",
        on_delete=models.PROTECT,
        help_text="The article that reports this outcome.",
    )

    objects = OutcomeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="outcome_position_unique"),
        ]

    def __str__(self):
        return self.description[:80]

    def natural_key(self):
        return (self.meeting.slug, self.position)

    natural_key.dependencies = ["meetings.meeting", "meetings.source"]


class Statement(TimeStampedModel, ReviewedModel):
    """What someone said, verbatim or paraphrased, tied to the passage of the source that reports it."""

    slug = models.SlugField(
        "slug",
        max_length=120,
        unique=True,
        blank=True,
        help_text="Stable identifier used by fixtures; made from the speaker and the text when left empty.",
    )
    # PROTECT on speaker, via, meeting and source: statements are the record; deleting what
    # they point at must be a deliberate, separate step.
    speaker = models.ForeignKey(
        Participant,
        verbose_name="speaker",
        related_name="statements",
        on_delete=models.PROTECT,
        help_text="Who said it.",
    )
    via = models.ForeignKey(
        Participant,
        verbose_name="reported via",
        related_name="relayed_statements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Who relayed it, when the source quotes the speaker through someone else.",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="meeting",
        related_name="statements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="The meeting it was said at or about.",
    )
    source = models.ForeignKey(
        Source,
        verbose_name="source",
        related_name="statements",
        on_delete=models.PROTECT,
        help_text="The article that reports it.",
    )
    kind = models.CharField(
        "kind",
        max_length=16,
        choices=StatementKind.choices,
        help_text="A direct quote (verbatim, must occur in the source) or a paraphrase.",
    )
    text = models.TextField(
        "text",
        help_text=(
            "The words said: for a direct quote, exactly as the source gives them; for a paraphrase, "
            "preferably the source's own wording, so that it gets a span."
        ),
    )
    occurrence = models.PositiveSmallIntegerField(
        "occurrence",
        default=1,
        validators=[MinValueValidator(1)],
        help_text=(
            "Which appearance of the text in the source this statement is, counting from 1; "
            "only needed when the same words stand in the source more than once."
        ),
    )
    span_start = models.PositiveIntegerField(
        "span start",
        null=True,
        blank=True,
        editable=False,
        help_text="Offset in the source's text where the statement starts; found by the system.",
    )
    span_end = models.PositiveIntegerField(
        "span end",
        null=True,
        blank=True,
        editable=False,
        help_text="Offset in the source's text just after the statement ends; found by the system.",
    )
    # Cut from the source's text with the span, so that listing statements never reads the texts.
    context_before = models.TextField(
        "context before",
        blank=True,
        default="",
        editable=False,
        help_text="Up to 120 characters of the source's text before the span; set with the span.",
    )
    context_after = models.TextField(
        "context after",
        blank=True,
        default="",
        editable=False,
        help_text="Up to 120 characters of the source's text after the span; set with the span.",
    )
    topics = models.ManyToManyField(
        Topic, related_name="statements", blank=True, verbose_name="topics", help_text="What the statement is about."
    )
    said_on = models.DateField(
        "said on", null=True, blank=True, help_text="When it was said, where the source tells; empty when unknown."
    )
    said_on_precision = models.CharField(
        "said-on precision",
        max_length=16,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
        help_text="How much of the date is known: day, month, year, or unknown (no date).",
    )
    channel = models.CharField(
        "channel",
        max_length=32,
        choices=StatementChannel.choices,
        default=StatementChannel.UNKNOWN,
        help_text="Where it was said: press conference, interview, social media, op-ed, ...",
    )

    objects = SlugNaturalKeyManager.from_queryset(TopicTaggedQuerySet)()
    history = HistoricalRecords(m2m_fields=[topics])
    # What a curator gives of a statement, in the order the admin's and the API's write forms take it.
    CURATED_FIELDS = (
        "slug",
        "speaker",
        "via",
        "meeting",
        "source",
        "kind",
        "text",
        "occurrence",
        "topics",
        "said_on",
        "said_on_precision",
        "channel",
    )

    class Meta:
        ordering = ["source_id", models.F("span_start").asc(nulls_last=True), "pk"]
        indexes = [
            # Drafts are few and verified records most: index only the drafts, for curators' lists.
            models.Index(
                fields=["review_status"], name="statement_drafts_idx", condition=Q(review_status=ReviewStatus.DRAFT)
            ),
            models.Index(fields=["kind"], name="statement_kind_idx"),
            models.Index(fields=["said_on"], name="statement_said_on_idx"),
            # On PostgreSQL, migration 0006 adds statement_list_order_idx, in the list's order.
            models.Index(fields=["source", "span_start"], name="statement_source_span_idx"),
        ]
        constraints = [
            *ReviewedModel.review_constraints("statement"),
            models.CheckConstraint(
                condition=Q(span_start__isnull=True, span_end__isnull=True)
                | Q(span_start__isnull=False, span_end__gt=models.F("span_start")),
                name="statement_span_is_ordered",
                violation_error_message="A span has both ends, and ends after it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(kind=StatementKind.DIRECT_QUOTE) | Q(span_start__isnull=False),
                name="statement_direct_quote_has_span",
                violation_error_message="A direct quote must be located in its source's text.",
            ),
            models.CheckConstraint(
                condition=(Q(said_on__isnull=True) & Q(said_on_precision=DatePrecision.UNKNOWN))
                | (Q(said_on__isnull=False) & ~Q(said_on_precision=DatePrecision.UNKNOWN)),
                name="statement_date_precision_goes_with_date",
                violation_error_message="A date needs a precision of day, month or year; no date means 'unknown'.",
            ),
            models.CheckConstraint(
                condition=Q(occurrence__gte=1),
                name="statement_occurrence_counts_from_one",
                violation_error_message="Occurrences are counted from 1.",
            ),
            models.CheckConstraint(
                condition=Q(via__isnull=True) | ~Q(via=models.F("speaker")),
                name="statement_not_relayed_by_its_speaker",
                violation_error_message="A statement cannot be relayed by its own speaker.",
            ),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.locate()
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("api:statement-detail", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.participant", "meetings.meeting", "meetings.source"]

    @property
    def label(self) -> str:
        return f"“{self.slug}”" if self.slug else f"by {self.speaker}" if self.speaker_id else "(new)"

    def locate(self) -> None:
        """Set the span from the source's text; a direct quote not in the source is refused."""
        span = provenance.locate_statement(
            label=self.label, source_text=self.source.text, kind=self.kind, text=self.text, occurrence=self.occurrence
        )
        self.span_start, self.span_end = (span.start, span.end) if span else (None, None)
        self.context_before, self.context_after = provenance.context(self.source.text, span) if span else ("", "")

    def clean(self):
        if self.source_id is not None and self.kind and self.text:
            self.locate()
        if self.said_on is None:
            self.said_on_precision = DatePrecision.UNKNOWN
        elif self.said_on_precision == DatePrecision.UNKNOWN:
            raise ValidationError({"said_on_precision": "Give the precision of the date: day, month or year."})

    def validate_constraints(self, exclude=None):
        # A quote that could not be located has no span: the error on its text says why,
        # and the span constraints would only repeat it less clearly.
        if self.span_start is None:
            exclude = {*(exclude or ()), "span_start", "span_end"}
        super().validate_constraints(exclude=exclude)

    def _unique_slug(self) -> str:
        words = f"{self.speaker.name} {' '.join(self.text.split()[:8])}"
        return unique_slug(Statement.objects.exclude(pk=self.pk), words, "statement")


class Suggestion(TimeStampedModel):
    """A proposal the suggester made from a source, and what a curator decided about it.

    The proposals themselves are computed afresh from the text each time (``meetings.suggest``);
    a row remembers one by its ``key`` so that a rejected proposal is not offered again, an
    accepted one is not created twice, and the admin can count what still awaits a curator.
    """

    source = models.ForeignKey(Source, verbose_name="source", related_name="suggestions", on_delete=models.CASCADE)
    kind = models.CharField("kind", max_length=16, choices=SuggestionKind.choices)
    key = models.CharField("key", max_length=64, help_text="What identifies the proposal among the source's.")
    label = models.CharField("label", max_length=500, help_text="The proposal in words, as the curator saw it.")
    status = models.CharField("status", max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    record_id = models.PositiveBigIntegerField(
        "record", null=True, blank=True, help_text="The id of the draft record an accepted proposal created."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="decided by",
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField("decided at", null=True, blank=True)

    class Meta:
        ordering = ["source", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="suggestion_unique_key"),
        ]
        indexes = [
            models.Index(fields=["status"], name="suggestion_open_idx", condition=Q(status=SuggestionStatus.OPEN)),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"


class DataVersion(models.Model):
    """One row that every change to the curated data bumps: the validator behind ETags and Last-Modified.

    Reading it is one indexed lookup, so a client's conditional request is answered without
    touching, let alone serializing, the data it asks about.
    """

    version = models.PositiveBigIntegerField("version", default=0, help_text="Bumped by every change.")
    changed_at = models.DateTimeField("changed at", help_text="When the curated data last changed.")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="data_version_single_row"),
        ]

    def __str__(self):
        return f"version {self.version} of {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @property
    def stamp(self) -> str:
        """``<version>@<time of the change>``: what names this state of the data (ETags, kept counts, the export).

        The counter and the time of the change it counts: a database restored from a backup goes
        on counting from the backup's number, but never at the same times as the original did.
        """
        return f"{self.version}@{self.changed_at.isoformat() if self.changed_at else ''}"

    @classmethod
    def current(cls) -> "DataVersion":
        return cls.objects.filter(pk=1).first() or cls(pk=1, version=0, changed_at=None)

    @classmethod
    def bump(cls) -> None:
        now = timezone.now()
        if not cls.objects.filter(pk=1).update(version=models.F("version") + 1, changed_at=now):
            cls.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": now})


CURATED_MODELS = (Source, Participant, Topic, Meeting, MeetingParticipant, Outcome, Statement)
