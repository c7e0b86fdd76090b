"""``load_curated --prune``: after loading, the curated records the fixtures no longer hold are removed, each
named; without ``--prune`` they stay, as before."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting, MeetingParticipant, Participant, Source, Statement, Topic

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Source, Participant, Topic, Meeting, MeetingParticipant, Statement)
    }


def stale_records() -> None:
    """What a curator deleted from the fixtures, still in a database loaded from an older checkout."""
    source = Source.objects.get(slug="tillerson-visits-moscow-turbulent-period")
    envoy = Participant.objects.create(slug="former-envoy", name="Former Envoy", kind="person")
    meeting = Meeting.objects.create(slug="dropped-meeting", title="A dropped meeting", kind="meeting")
    meeting.sources.add(source)
    child = Meeting.objects.create(slug="dropped-session", title="A dropped session", kind="talks", parent=meeting)
    child.sources.add(source)
    MeetingParticipant.objects.create(meeting=meeting, participant=envoy)
    Topic.objects.create(slug="dropped-topic", name="A dropped topic")
    Statement.objects.create(source=source, speaker=envoy, kind="paraphrase", text="a dropped paraphrase")


def test_without_prune_the_records_the_fixtures_no_longer_hold_stay(curated):
    expected = counts()
    stale_records()
    call_command("load_curated", verbosity=0, stdout=StringIO())
    assert counts() == {
        **expected,
        "Participant": expected["Participant"] + 1,
        "Meeting": expected["Meeting"] + 2,
        "MeetingParticipant": expected["MeetingParticipant"] + 1,
        "Topic": expected["Topic"] + 1,
        "Statement": expected["Statement"] + 1,
    }


def test_prune_removes_them_naming_each_and_keeps_the_curated_set_whole(curated):
    expected = counts()
    stale_records()
    out = StringIO()
    call_command("load_curated", prune=True, verbosity=0, stdout=out)
    assert out.getvalue().splitlines() == [
        "Removed statement “Former Envoy: a dropped paraphrase”.",
        "Removed meeting participant “Former Envoy (Attendee) at A dropped meeting”.",
        "Removed meeting “A dropped session”.",
        "Removed meeting “A dropped meeting”.",
        "Removed topic “A dropped topic”.",
        "Removed participant “Former Envoy”.",
        "Pruned 6 record(s) the fixtures no longer hold.",
    ]
    assert counts() == expected
    call_command("verify_provenance", verbosity=0)
    again = StringIO()
    call_command("load_curated", prune=True, verbosity=0, stdout=again)
    assert again.getvalue() == "Pruned 0 record(s) the fixtures no longer hold.\n"


def test_prune_refuses_to_remove_a_record_that_a_kept_one_still_refers_to_and_changes_nothing(curated, tmp_path):
    call_command("export_fixtures", output=tmp_path, verbosity=0, stdout=StringIO())
    participants = tmp_path / "participants.json"
    entries = json.loads(participants.read_text(encoding="utf-8"))
    participants.write_text(
        json.dumps([e for e in entries if e["fields"]["slug"] != "victor-ozerov"], ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    Topic.objects.filter(slug="syria").update(description="Changed since the export.")
    before = counts()
    with pytest.raises(CommandError) as refused:
        call_command("load_curated", directory=tmp_path, prune=True, verbosity=0, stdout=StringIO())
    # His two statements, named by their labels (the article's no-break spaces included).
    referrers = sorted(f"statement “{s}”" for s in Statement.objects.filter(speaker__slug="victor-ozerov"))
    assert [name[:44] for name in referrers] == [
        "statement “Victor Ozerov: the Lavrov-Tillers",
        "statement “Victor Ozerov: the Russia-US memo",
    ]
    assert str(refused.value) == (
        "Cannot remove participant “Victor Ozerov”, which the fixtures no longer hold: "
        f"{', '.join(referrers)} still refer(s) to it. Nothing was loaded or removed."
    )
    # The load ran in the same transaction as the refused prune: it is undone too.
    assert counts() == before
    assert Topic.objects.get(slug="syria").description == "Changed since the export."
