"""export_fixtures: the committed fixtures are its output, and its output loads back exactly."""

import difflib
import json

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from meetings.curated import FIXTURE_FILES, FIXTURES_DIR
from meetings.dumps.fixtures import COMPUTED_FIELDS, FILE_MODELS
from meetings.models import (
    CURATED_MODELS,
    Participant,
    Statement,
    Topic,
)
from tests.data.curated_records import curate, curated_records, empty_curated_tables

pytestmark = pytest.mark.django_db


def _export(directory, **options) -> dict[str, bytes]:
    call_command("export_fixtures", output=directory, verbosity=0, **options)
    return {name: (directory / name).read_bytes() for name in FIXTURE_FILES}


def _committed() -> dict[str, bytes]:
    return {name: (FIXTURES_DIR / name).read_bytes() for name in FIXTURE_FILES}


def test_every_curated_model_is_exported_in_the_file_load_curated_expects():
    assert list(FILE_MODELS) == FIXTURE_FILES
    assert sorted(model.__name__ for models in FILE_MODELS.values() for model in models) == sorted(
        model.__name__ for model in CURATED_MODELS
    )


def test_exporting_right_after_loading_reproduces_the_committed_fixtures_byte_for_byte(curated, tmp_path):
    assert _export(tmp_path) == _committed()
    # Nothing else is left behind (no temporary files).
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(FIXTURE_FILES)


def test_the_committed_fixtures_follow_the_format_rules():
    for name in FIXTURE_FILES:
        text = (FIXTURES_DIR / name).read_text(encoding="utf-8")
        records = json.loads(text)
        assert text == json.dumps(records, indent=2, ensure_ascii=False) + "\n", name
        assert [record["model"] for record in records] == sorted(
            (record["model"] for record in records),
            key=[model._meta.label_lower for model in FILE_MODELS[name]].index,
        ), name
        for record in records:
            assert set(record) == {"model", "fields"}, name
            assert not COMPUTED_FIELDS & set(record["fields"]), name
    topics = json.loads((FIXTURES_DIR / "topics.json").read_text(encoding="utf-8"))
    parent_of = {t["fields"]["slug"]: (t["fields"]["parent"] or [None])[0] for t in topics}

    def depth(slug):
        return 0 if parent_of[slug] is None else 1 + depth(parent_of[slug])

    slugs = [t["fields"]["slug"] for t in topics]
    assert slugs == sorted(slugs, key=lambda slug: (depth(slug), slug))


def test_an_export_made_from_different_primary_keys_is_the_same(curated, tmp_path):
    """Order never depends on insertion order or on the database's collation."""
    first = _export(tmp_path / "first")
    empty_curated_tables()
    # Load in reverse order within each file, so every primary key comes out differently.
    for name in FIXTURE_FILES:
        reversed_file = tmp_path / "reversed" / name
        reversed_file.parent.mkdir(exist_ok=True)
        records = json.loads(first[name])
        by_model = [[r for r in records if r["model"] == m._meta.label_lower][::-1] for m in FILE_MODELS[name]]
        reversed_file.write_text(json.dumps([r for group in by_model for r in group]), encoding="utf-8")
    call_command("loaddata", *[str(tmp_path / "reversed" / name) for name in FIXTURE_FILES], verbosity=0)
    assert _export(tmp_path / "second") == first


@pytest.mark.parametrize("edited", [False, True], ids=["as-committed", "after-curation"])
def test_loading_an_export_into_an_empty_database_reproduces_the_data_exactly(curated, curator, tmp_path, edited):
    if edited:
        curate(curator)
    before = curated_records()
    exported = _export(tmp_path)
    if edited:
        assert '"verified_at": "2026-12-01T09:30:15.123456Z"' in exported["meetings.json"].decode()
        assert '"verified_by": [\n        "curator"\n      ]' in exported["meetings.json"].decode()

    empty_curated_tables()
    assert all(rows == {} for rows in curated_records().values())
    call_command("loaddata", *[str(tmp_path / name) for name in FIXTURE_FILES], verbosity=0)

    after = curated_records()
    assert {model: len(rows) for model, rows in after.items()} == {model: len(rows) for model, rows in before.items()}
    for model, rows in before.items():
        for key, values in rows.items():
            assert after[model][key] == values, (model, key)
    # And what was loaded exports to the same bytes again.
    assert _export(tmp_path / "again") == exported


def test_the_curated_order_puts_parents_first_then_sorts_by_slug(curated, curator, tmp_path):
    curate(curator)
    exported = _export(tmp_path)
    topics = [r["fields"]["slug"] for r in json.loads(exported["topics.json"])]
    assert topics[-2:] == ["aaa-minsk-ceasefire", "aaa-minsk-ceasefire-monitoring"]
    meetings = json.loads(exported["meetings.json"])
    slugs = [r["fields"]["slug"] for r in meetings if r["model"] == "meetings.meeting"]
    assert slugs.index("aaa-working-lunch-moscow-2017-04-12") == slugs.index("bolton-lavrov-talks-moscow") - 1
    lunch = next(r["fields"] for r in meetings if r["fields"].get("slug") == "aaa-working-lunch-moscow-2017-04-12")
    assert lunch["topics"] == [["aaa-minsk-ceasefire"], ["aaa-minsk-ceasefire-monitoring"], ["syria"]]
    assert lunch["sources"] == sorted(lunch["sources"])
    participations = [
        (r["fields"]["meeting"][0], r["fields"]["position"], r["fields"]["participant"][0])
        for r in meetings
        if r["model"] == "meetings.meetingparticipant"
    ]
    assert participations[:2] == [
        ("aaa-working-lunch-moscow-2017-04-12", 0, "sergey-lavrov"),
        ("aaa-working-lunch-moscow-2017-04-12", 1, "rex-tillerson"),
    ]
    assert participations == sorted(participations)
    statements = [r["fields"]["slug"] for r in json.loads(exported["statements.json"])]
    assert statements == sorted(statements)
    assert statements[0] == "aaa-lavrov-frank"


def _records_as_text(raw: bytes) -> list[str]:
    """The file's text cut into one block of lines per record (each block starts with its "  {")."""
    blocks: list[list[str]] = []
    for line in raw.decode().splitlines()[1:-1]:
        if line == "  {":
            blocks.append([])
        blocks[-1].append(line)
    return ["\n".join(block).removesuffix(",") for block in blocks]


def _changed_lines(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return sorted(line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))


def test_a_change_in_the_admin_shows_only_in_its_own_records(curated, tmp_path):
    syria = Topic.objects.get(slug="syria")
    topic = Topic.objects.create(
        slug="syria-deconfliction", name="Deconfliction", description="Avoiding incidents in the air.", parent=syria
    )
    statement = Statement.objects.get(slug="tillerson-2017-04-12-orderly")
    statement.channel = "press_conference"
    statement.save()
    statement.topics.add(topic)

    committed, exported = _committed(), _export(tmp_path)
    assert [name for name in FIXTURE_FILES if exported[name] != committed[name]] == ["topics.json", "statements.json"]

    # topics.json: one record inserted, among the topics two levels deep in slug order; the rest as it was.
    old, new = _records_as_text(committed["topics.json"]), _records_as_text(exported["topics.json"])
    inserted = new.index(next(block for block in new if '"slug": "syria-deconfliction"' in block))
    assert new[:inserted] + new[inserted + 1 :] == old
    assert '"slug": "syria-chemical-weapons-idlib"' in new[inserted - 1]
    assert new[inserted] == "\n".join(
        [
            "  {",
            '    "model": "meetings.topic",',
            '    "fields": {',
            '      "slug": "syria-deconfliction",',
            '      "name": "Deconfliction",',
            '      "description": "Avoiding incidents in the air.",',
            '      "parent": [',
            '        "syria"',
            "      ]",
            "    }",
            "  }",
        ]
    )

    # statements.json: one record changed, in its channel and its topics (kept in slug order).
    old, new = _records_as_text(committed["statements.json"]), _records_as_text(exported["statements.json"])
    assert len(new) == len(old)
    changed = [index for index, (before, after) in enumerate(zip(old, new, strict=True)) if before != after]
    assert len(changed) == 1
    assert '"slug": "tillerson-2017-04-12-orderly"' in new[changed[0]]
    assert _changed_lines(old[changed[0]], new[changed[0]]) == sorted(
        [
            '-      "channel": "unknown",',
            '+      "channel": "press_conference",',
            "+        [",
            '+          "syria-deconfliction"',
            "+        ],",
        ]
    )
    fields = json.loads(new[changed[0]])["fields"]
    assert fields["topics"] == [["syria-deconfliction"], ["syria-political-settlement"]]


def test_check_passes_right_after_loading_and_writes_nothing(curated, capsys):
    call_command("export_fixtures", check=True)
    assert capsys.readouterr().out == f"The fixtures in {FIXTURES_DIR} match the database.\n"


def test_check_fails_naming_the_files_that_would_change_and_writes_nothing(curated, tmp_path, capsys):
    committed = _committed()
    Statement.objects.filter(slug="tillerson-2017-04-12-orderly").update(channel="briefing")
    with pytest.raises(CommandError) as caught:
        call_command("export_fixtures", check=True)
    assert str(caught.value) == (
        "1 fixture file(s) differ from the database: statements.json. "
        "Run `python manage.py export_fixtures` and commit the result."
    )
    assert capsys.readouterr().err == f"Would change: {FIXTURES_DIR / 'statements.json'}\n"
    assert _committed() == committed

    # A missing file would change too; --check against another directory creates nothing.
    with pytest.raises(CommandError, match=r"^5 fixture file\(s\) differ"):
        call_command("export_fixtures", check=True, output=tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_check_exits_non_zero_from_the_command_line(curated, monkeypatch, capsys):
    # The command line closes connections when it ends; the test's transaction must stay open.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    execute_from_command_line(["manage.py", "export_fixtures", "--check"])  # returns: exit status 0
    Topic.objects.filter(slug="syria").update(name="Syrian Arab Republic")
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "export_fixtures", "--check"])
    assert exited.value.code == 1
    assert "topics.json" in capsys.readouterr().err


def test_export_rewrites_only_the_files_that_change(curated, tmp_path, capsys):
    _export(tmp_path)
    untouched = {name: (tmp_path / name).stat().st_ino for name in FIXTURE_FILES}
    Participant.objects.filter(slug="sergey-lavrov").update(wikidata_id="Q22686")
    call_command("export_fixtures", output=tmp_path)
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"Wrote {tmp_path / 'participants.json'}",
        "1 file(s) changed, 4 unchanged.",
    ]
    assert [name for name in FIXTURE_FILES if (tmp_path / name).stat().st_ino != untouched[name]] == [
        "participants.json"
    ]


def test_an_empty_database_is_not_exported_over_the_fixtures(db, tmp_path):
    with pytest.raises(CommandError, match="no curated data"):
        call_command("export_fixtures", output=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_cycle_of_parents_is_refused(curated, tmp_path):
    Topic.objects.filter(slug="regional-conflicts").update(parent=Topic.objects.get(slug="syria"))
    with pytest.raises(CommandError, match="Topic records form a cycle"):
        call_command("export_fixtures", output=tmp_path)
    assert list(tmp_path.iterdir()) == []
