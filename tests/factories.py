import factory
from django.utils import timezone

from meetings import choices
from meetings.models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic

ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Rex Tillerson in Moscow.\n\n"
    'Lavrov described the talks as "frank and comprehensive," while Tillerson called them productive.\n\n'
    '"There must be an inclusive\u00a0intra-Syrian dialogue," Lavrov said.'
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Sputnik"
    kind = choices.SourceKind.NEWS_REPORT
    text = factory.Sequence(lambda n: f"{ARTICLE}\n\n(Article {n}.)")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    slug = factory.Sequence(lambda n: f"participant-{n}")
    name = factory.Sequence(lambda n: f"Participant {n}")
    kind = choices.ParticipantKind.PERSON
    country = "RU"
    position = "Diplomat"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = choices.MeetingKind.TALKS
    status = choices.MeetingStatus.HELD
    date = None
    date_precision = choices.DatePrecision.UNKNOWN
    date_basis = choices.DateBasis.NONE
    review_status = choices.ReviewStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create:
            self.sources.set(extracted if extracted is not None else [SourceFactory()])

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class MeetingParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingParticipant

    meeting = factory.SubFactory(MeetingFactory)
    participant = factory.SubFactory(ParticipantFactory)
    role = choices.ParticipantRole.ATTENDEE


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    meeting = factory.SubFactory(MeetingFactory)
    description = "Agreed to keep talking."
    source = factory.SubFactory(SourceFactory)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        skip_postgeneration_save = True

    speaker = factory.SubFactory(ParticipantFactory)
    source = factory.SubFactory(SourceFactory)
    kind = choices.StatementKind.DIRECT_QUOTE
    text = "frank and comprehensive"
    review_status = choices.ReviewStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
