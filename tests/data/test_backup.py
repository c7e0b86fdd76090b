"""Backups restore every record, into an empty database, exactly as it was.

Three kinds, as the README describes them:
- `export_fixtures --output DIR`, restored with `load_curated --input DIR`: the curated data as
  reviewable text, without ids, timestamps, history or accounts;
- `dumpdata --natural-foreign` (contenttypes, permissions and sessions excluded), restored with
  `loaddata`: every record with its id, accounts, tokens and history included;
- on PostgreSQL, `pg_dump -Fc` restored with `pg_restore`: the whole database.
"""

import io
import json
import os
import subprocess

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone
from rest_framework.authtoken.models import Token

from meetings.models import Meeting, Statement
from tests.data.curated_records import curate, curated_records, empty_curated_tables

pytestmark = pytest.mark.django_db

# What dumpdata leaves out: rows that `migrate` creates in every database (with ids of its own,
# so the dump refers to them by natural key) and login sessions.
DUMPDATA_EXCLUDES = ["contenttypes", "auth.permission", "sessions"]


@pytest.fixture
def activity(curated, curator_client, curator):
    """A database that has been used: edits, deletions, drafts, accounts, tokens, the admin's log."""
    curate(curator)
    talks = "/api/v1/meetings/lavrov-tillerson-talks-moscow-2017-04-12/"
    assert curator_client.patch(talks, {"summary": "Edited."}, format="json").status_code == 200
    # A deleted meeting with participants: its history refers to records that no longer exist.
    session = Meeting.objects.get(slug="aaa-working-lunch-moscow-2017-04-12")
    Statement.objects.filter(meeting=session).delete()
    assert curator_client.delete(f"/api/v1/meetings/{session.slug}/").status_code == 204
    editor = User.objects.create_user("editor", "editor@example.org", "correct horse battery staple", is_staff=True)
    editor.groups.add(Group.objects.get(name="curators"))
    reviewers = Group.objects.create(name="reviewers")
    reviewers.permissions.set(
        Permission.objects.filter(codename__startswith="view_", content_type__app_label="meetings")
    )
    Token.objects.create(user=editor)
    LogEntry.objects.log_actions(editor.pk, Meeting.objects.filter(slug__startswith="lavrov"), CHANGE, "Checked.")


# ---------------------------------------------------------------- the database as a whole

MIGRATE_CREATES = (ContentType, Permission)


def _everything() -> dict[str, list]:
    """Every row of every table, every column; the rows of many-to-many tables without their own ids.

    Content types and permissions are left out: `migrate` creates them, and a dump refers to them
    by natural key. Many-to-many rows get new ids when they are loaded, and mean nothing else.
    """
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model in MIGRATE_CREATES or model is Session:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if not (model._meta.auto_created and f.primary_key)]
        rows = model._base_manager.values_list(*fields)
        tables[model._meta.label] = sorted(map(repr, rows))
    return tables


def _as_after_migrate() -> None:
    """Empty the database the way `migrate` leaves a new one: content types, permissions, the curators group."""
    curators = Group.objects.get(name="curators")
    kept = {*MIGRATE_CREATES, Group, Group.permissions.through}
    with connection.cursor() as cursor:
        # Raw: nothing is protected, cascades or makes history; constraints are checked at the end.
        for model in apps.get_models(include_auto_created=True):
            if model not in kept and not model._meta.proxy:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    Group.permissions.through.objects.exclude(group=curators).delete()
    Group.objects.exclude(pk=curators.pk).delete()


def _dumpdata(path) -> None:
    call_command(
        "dumpdata",
        "--natural-foreign",
        *[f"--exclude={label}" for label in DUMPDATA_EXCLUDES],
        indent=1,
        output=str(path),
        verbosity=0,
    )


def test_dumpdata_restores_every_record_accounts_tokens_and_history(activity, tmp_path):
    before = _everything()
    assert before["meetings.DataVersion"] and before["authtoken.Token"] and before["admin.LogEntry"]
    _dumpdata(tmp_path / "everything.json")

    _as_after_migrate()
    assert _everything()["meetings.Meeting"] == []
    call_command("loaddata", str(tmp_path / "everything.json"), verbosity=0)

    after = _everything()
    assert after.keys() == before.keys()
    for table, rows in before.items():
        assert after[table] == rows, table


def test_a_dump_holds_the_history_of_deleted_records(activity, tmp_path):
    _dumpdata(tmp_path / "everything.json")
    entries = json.loads((tmp_path / "everything.json").read_text(encoding="utf-8"))
    deleted = [
        entry
        for entry in entries
        if entry["model"] == "meetings.historicalmeetingparticipant" and entry["fields"]["history_type"] == "-"
    ]
    # The meeting is gone, so it is referred to by its id; a meeting that exists, by its slug.
    assert deleted and all(isinstance(entry["fields"]["meeting"], int) for entry in deleted)
    talks = next(e for e in entries if e["model"] == "meetings.meetingparticipant")
    assert isinstance(talks["fields"]["meeting"], list)


def test_loading_fixtures_or_a_backup_adds_no_history(db):
    call_command("load_curated", verbosity=0)
    models = [m for m in apps.get_app_config("meetings").get_models() if m.__name__.startswith("Historical")]
    assert {m.__name__: m.objects.count() for m in models} == dict.fromkeys((m.__name__ for m in models), 0)


# ---------------------------------------------------------------- the curated data as text


def test_an_export_restores_every_curated_record_with_load_curated(activity, tmp_path):
    before = curated_records()
    call_command("export_fixtures", output=tmp_path, verbosity=0)
    empty_curated_tables()
    assert all(rows == {} for rows in curated_records().values())

    stderr = io.StringIO()
    call_command("load_curated", directory=tmp_path, verbosity=0, stderr=stderr)
    assert stderr.getvalue() == ""
    after = curated_records()
    assert after == before
    assert after["Meeting"][("lavrov-tillerson-talks-moscow-2017-04-12",)]["verified_by"] == ("curator",)


def test_an_export_loads_where_its_verifier_has_no_account_and_says_so(curated, curator, tmp_path):
    talks = Meeting.objects.get(slug="lavrov-tillerson-talks-moscow-2017-04-12")
    talks.verified_by, talks.verified_at = curator, timezone.now()
    talks.save()
    before = curated_records()
    call_command("export_fixtures", output=tmp_path, verbosity=0)

    empty_curated_tables()
    curator.delete()
    stderr = io.StringIO()
    call_command("load_curated", directory=tmp_path, verbosity=0, stderr=stderr)

    assert stderr.getvalue() == (
        "Warning: meetings.meeting “lavrov-tillerson-talks-moscow-2017-04-12” was verified by “curator”, who "
        "has no account in this database; it is loaded as verified, with its verification time, and no verifier.\n"
    )
    after = curated_records()
    expected = before["Meeting"][("lavrov-tillerson-talks-moscow-2017-04-12",)] | {"verified_by": None}
    assert after["Meeting"].pop(("lavrov-tillerson-talks-moscow-2017-04-12",)) == expected
    before["Meeting"].pop(("lavrov-tillerson-talks-moscow-2017-04-12",))
    assert after == before
    # The export itself still names the verifier, for a database that has the account.
    assert '"curator"' in (tmp_path / "meetings.json").read_text(encoding="utf-8")


def test_load_curated_says_where_it_found_nothing(db, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("load_curated", directory=tmp_path, verbosity=0)
    assert str(error.value) == f"No curated fixtures found in {tmp_path}."


# ---------------------------------------------------------------- PostgreSQL: pg_dump and pg_restore


def _pg(command: list[str], settings: dict, **kwargs) -> subprocess.CompletedProcess:
    options = ["--host", settings["HOST"] or "localhost", "--port", str(settings["PORT"] or 5432)]
    options += ["--username", settings["USER"]] if settings["USER"] else []
    env = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
    return subprocess.run([*command, *options], env=env, check=True, capture_output=True, text=True, **kwargs)


def _tables(cursor) -> dict[str, list]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        tables[table] = sorted(map(repr, cursor.fetchall()))
    return tables


def _structure(cursor) -> dict[str, list]:
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    sequences = sorted(cursor.fetchall())
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
    indexes = sorted(cursor.fetchall())
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
    )
    return {"sequences": sequences, "indexes": indexes, "constraints": sorted(cursor.fetchall())}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore back up PostgreSQL only")
# Committed data, so that pg_dump's own connection sees it; the rows that migrations create are
# restored afterwards (serialized_rollback), for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pg_dump_and_pg_restore_bring_back_every_row(activity, tmp_path):
    settings = connection.settings_dict
    scratch = f"{settings['NAME']}_restore"
    dump = tmp_path / "database.dump"
    _pg(["pg_dump", "--format=custom", "--file", str(dump), "--dbname", settings["NAME"]], settings)

    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(scratch)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(scratch)} TEMPLATE template0")
    restored = type(connections[DEFAULT_DB_ALIAS])({**settings, "NAME": scratch}, alias="restored")
    try:
        _pg(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", scratch, str(dump)], settings)
        with connection.cursor() as original, restored.cursor() as copy:
            before, after = _tables(original), _tables(copy)
            assert after.keys() == before.keys()
            for table, rows in before.items():
                assert after[table] == rows, table
            assert _structure(copy) == _structure(original)
        assert before["meetings_meeting"] and before["meetings_historicalmeeting"] and before["authtoken_token"]
    finally:
        try:
            restored.close()
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(scratch)} WITH (FORCE)")
