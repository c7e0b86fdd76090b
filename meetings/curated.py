"""Where the curated data set lives and in which order its fixtures load."""

from django.conf import settings

FIXTURES_DIR = settings.BASE_DIR / "fixtures"

# One file per kind of record, in dependency order, so natural keys always resolve.
FIXTURE_FILES = [
    "sources.json",
    "participants.json",
    "topics.json",
    "meetings.json",
    "statements.json",
]


def fixture_paths() -> list[str]:
    return [str(FIXTURES_DIR / name) for name in FIXTURE_FILES if (FIXTURES_DIR / name).exists()]
