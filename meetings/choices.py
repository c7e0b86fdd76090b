"""The controlled vocabularies of the domain, shared by models, filters, admin and API."""

from django.db import models


class SourceKind(models.TextChoices):
    NEWS_REPORT = "news_report", "News report"
    OPINION = "opinion", "Opinion"
    ANALYSIS = "analysis", "Analysis"
    PRESS_RELEASE = "press_release", "Press release"


class ParticipantKind(models.TextChoices):
    PERSON = "person", "Person"
    INSTITUTION = "institution", "Institution"


class MeetingKind(models.TextChoices):
    TALKS = "talks", "Talks"
    MEETING = "meeting", "Meeting"
    PHONE_CALL = "phone_call", "Phone call"
    SUMMIT = "summit", "Summit"
    VISIT = "visit", "Visit"
    PRESS_CONFERENCE = "press_conference", "Press conference"
    WORKING_GROUP = "working_group", "Working group"


class MeetingStatus(models.TextChoices):
    HELD = "held", "Held"
    PLANNED = "planned", "Planned"
    PROPOSED = "proposed", "Proposed"
    CANCELLED = "cancelled", "Cancelled"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class DateBasis(models.TextChoices):
    """Where a date comes from: an article states it, or it is general knowledge."""

    NONE = "", "No date"
    SOURCE = "source", "Stated in a source"
    GENERAL_KNOWLEDGE = "general_knowledge", "General knowledge, not stated in a source"


class ParticipantRole(models.TextChoices):
    HOST = "host", "Host"
    GUEST = "guest", "Guest"
    ATTENDEE = "attendee", "Attendee"
    CALLER = "caller", "Caller"
    RECIPIENT = "recipient", "Recipient of a call"


class StatementKind(models.TextChoices):
    DIRECT_QUOTE = "direct_quote", "Direct quote"
    PARAPHRASE = "paraphrase", "Paraphrase"


class StatementChannel(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", "Press conference"
    BRIEFING = "briefing", "Briefing"
    INTERVIEW = "interview", "Interview"
    SOCIAL_MEDIA = "social_media", "Social media"
    OP_ED = "op_ed", "Op-ed"
    STATEMENT = "statement", "Official statement"
    MEETING = "meeting", "In the meeting"
    UNKNOWN = "unknown", "Unknown"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    VERIFIED = "verified", "Verified"


class SuggestionKind(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    MEETING = "meeting", "Meeting"
    STATEMENT = "statement", "Statement"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


# A proposal's status when the database has it already (a known participant, a curated statement or
# meeting): it needs no decision, so it is no SuggestionStatus a curator sets.
PRESENT = "present"
