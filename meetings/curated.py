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


def fixture_paths(directory=FIXTURES_DIR) -> list[str]:
    """The fixture files in ``directory`` (the project's own by default), in loading order."""
    return [str(directory / name) for name in FIXTURE_FILES if (directory / name).exists()]
