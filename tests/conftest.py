import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; pages rendered in tests only need URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """Throttling off, with empty counters: many tests make hundreds of requests.

    The counters live in this process's memory even when DJANGO_CACHE_URL names a Redis, which
    the tests then never clear. tests/api/test_throttling.py switches throttling on with small rates.
    """
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
        "responses": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-responses"},
    }
    settings.API_THROTTLE_ANON_RATE = None
    settings.API_THROTTLE_USER_RATE = None
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The production hasher is slow on purpose (about a second a password here); tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _export_dir(settings, tmp_path):
    """The export's files go to each test's own directory, never the project's."""
    settings.EXPORT_DIR = tmp_path / "exports"


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


def _user_with_permissions(username: str, codenames: list[str]) -> User:
    user = User.objects.create_user(username=username, password="correct horse battery staple")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="meetings", codename__in=codenames))
    return user


@pytest.fixture
def curator(db) -> User:
    """A user with every permission on the curated models."""
    codenames = [
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("meeting", "participant", "topic", "statement", "source", "meetingparticipant", "outcome")
    ]
    return _user_with_permissions("curator", codenames)


@pytest.fixture
def reader(db) -> User:
    """An authenticated user with no write permission."""
    return _user_with_permissions("reader", [])


@pytest.fixture
def curator_client(curator) -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=curator)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def reader_client(reader) -> APIClient:
    client = APIClient()
    client.force_authenticate(reader)
    return client


@pytest.fixture
def curated(db):
    """The curated data set, as `load_curated` loads it from the fixtures."""
    call_command("load_curated", verbosity=0)


@pytest.fixture
def world(db):
    """A small, realistic slice of the data: one visit with its talks, three speakers, two topics deep."""
    import datetime

    from meetings.choices import DateBasis, DatePrecision, MeetingKind, ParticipantRole, StatementKind

    from . import factories

    source = factories.SourceFactory(
        slug="tillerson-visits-moscow", title="Tillerson Visits Moscow", publisher="Sputnik"
    )
    lavrov = factories.ParticipantFactory(
        slug="sergey-lavrov",
        name="Sergey Lavrov",
        other_names=["Sergei Lavrov"],
        country="RU",
        position="Foreign Minister of Russia",
    )
    tillerson = factories.ParticipantFactory(
        slug="rex-tillerson", name="Rex Tillerson", country="US", position="US Secretary of State"
    )
    putin = factories.ParticipantFactory(
        slug="vladimir-putin", name="Vladimir Putin", country="RU", position="President of Russia"
    )
    syria = factories.TopicFactory(slug="syria", name="Syria")
    idlib = factories.TopicFactory(
        slug="idlib-chemical-incident", name="Chemical-weapons incident in Idlib", parent=syria
    )
    ukraine = factories.TopicFactory(slug="ukraine", name="Ukraine")
    april_12 = {"date": datetime.date(2017, 4, 12), "date_precision": DatePrecision.DAY, "date_basis": DateBasis.SOURCE}
    visit = factories.MeetingFactory(
        slug="tillerson-visit-moscow-2017",
        title="Tillerson's visit to Moscow",
        kind=MeetingKind.VISIT,
        city="Moscow",
        country="RU",
        sources=[source],
        topics=[syria],
        **april_12,
    )
    talks = factories.MeetingFactory(
        slug="lavrov-tillerson-talks-2017",
        title="Lavrov–Tillerson talks",
        kind=MeetingKind.TALKS,
        parent=visit,
        city="Moscow",
        country="RU",
        summary="Talks in Moscow.",
        sources=[source],
        topics=[idlib],
        **april_12,
    )
    planned = factories.MeetingFactory(
        slug="minsk-follow-up",
        title="Follow-up on the Minsk agreements",
        status="planned",
        topics=[ukraine],
        sources=[source],
    )
    factories.MeetingParticipantFactory(meeting=visit, participant=tillerson, role=ParticipantRole.GUEST, position=0)
    factories.MeetingParticipantFactory(meeting=talks, participant=lavrov, role=ParticipantRole.HOST, position=0)
    factories.MeetingParticipantFactory(meeting=talks, participant=tillerson, role=ParticipantRole.GUEST, position=1)
    factories.MeetingParticipantFactory(meeting=planned, participant=putin, role=ParticipantRole.HOST, position=0)
    factories.OutcomeFactory(meeting=talks, description="Special envoys to be appointed.", source=source, position=0)
    frank = factories.StatementFactory(
        slug="lavrov-frank-and-comprehensive",
        speaker=lavrov,
        meeting=talks,
        source=source,
        text="frank and comprehensive",
        topics=[syria],
        said_on=datetime.date(2017, 4, 12),
        said_on_precision=DatePrecision.DAY,
        channel="press_conference",
    )
    dialogue = factories.StatementFactory(
        slug="lavrov-intra-syrian-dialogue",
        speaker=lavrov,
        meeting=talks,
        source=source,
        text="There must be an inclusive intra-Syrian dialogue,",
        topics=[idlib],
    )
    productive = factories.StatementFactory(
        slug="tillerson-productive",
        speaker=tillerson,
        meeting=talks,
        source=source,
        kind=StatementKind.PARAPHRASE,
        text="Tillerson called them productive",
        via=None,
    )
    return {
        "source": source,
        "lavrov": lavrov,
        "tillerson": tillerson,
        "putin": putin,
        "syria": syria,
        "idlib": idlib,
        "ukraine": ukraine,
        "visit": visit,
        "talks": talks,
        "planned": planned,
        "frank": frank,
        "dialogue": dialogue,
        "productive": productive,
    }
