"""The curated data set: it loads, it is complete where we can count, it matches the articles."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.curated import FIXTURE_FILES, FIXTURES_DIR
from meetings.models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic, content_hash
from meetings.provenance import QuoteNotInSourceError, fold_whitespace

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MODELS = [Source, Participant, Topic, Meeting, MeetingParticipant, Outcome, Statement]

pytestmark = pytest.mark.django_db


def _snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def test_counts_per_model(curated):
    assert {model.__name__: model.objects.count() for model in MODELS} == {
        "Source": 5,
        "Participant": 18,
        "Topic": 25,
        "Meeting": 24,
        "MeetingParticipant": 40,
        "Outcome": 6,
        "Statement": 87,
    }
    assert Statement.objects.filter(kind="direct_quote").count() == 21


def test_loading_twice_changes_nothing(curated):
    before = _snapshot()
    call_command("load_curated", verbosity=0)
    assert _snapshot() == before


def test_every_source_text_is_its_seed_file_exactly(curated):
    stored = {source.text: source for source in Source.objects.all()}
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        assert text in stored, seed.name
        assert stored[text].content_hash == content_hash(text)


def test_every_statement_stands_where_its_span_says(curated):
    for statement in Statement.objects.select_related("source"):
        text = statement.source.text
        passage = text[statement.span_start : statement.span_end]
        assert " ".join(passage.split()) == " ".join(statement.text.split()), statement.slug
        before = text[max(0, statement.span_start - 120) : statement.span_start]
        after = text[statement.span_end : statement.span_end + 120]
        assert (statement.context_before, statement.context_after) == (before, after), statement.slug


def test_the_headline_talks_as_the_articles_report_them(curated, api_client):
    body = api_client.get("/api/v1/meetings/lavrov-tillerson-talks-moscow-2017-04-12/").json()
    assert (body["kind"], body["status"], body["date"], body["date_precision"], body["city"], body["country"]) == (
        "talks",
        "held",
        "2017-04-12",
        "day",
        "Moscow",
        "RU",
    )
    assert body["parent"] == "tillerson-visit-moscow-2017-04"
    assert [(p["slug"], p["role"]) for p in body["participants"]] == [
        ("sergey-lavrov", "host"),
        ("rex-tillerson", "guest"),
    ]
    assert (
        "Agreed to resume the arms-control negotiations that had been paused because of the change of US "
        "administration." in [o["description"] for o in body["outcomes"]]
    )
    # “frank and comprehensive,” in the Sputnik report: Lavrov described the talks as "frank and comprehensive,"
    quote = Statement.objects.get(slug="lavrov-2017-04-12-frank-and-comprehensive")
    text = quote.source.text
    assert (
        text[quote.span_start - 31 : quote.span_end + 1] == 'Lavrov described the talks as "frank and comprehensive,"'
    )


def test_a_statement_relayed_through_someone_else_names_both(curated):
    statement = Statement.objects.get(slug="putin-ready-to-return-to-air-safety-memorandum")
    assert (statement.speaker.slug, statement.via.slug) == ("vladimir-putin", "sergey-lavrov")
    assert "Putin said, as quoted by Lavrov, that Russia was ready to return" in fold_whitespace(statement.source.text)


def test_either_spelling_finds_lavrov(curated, api_client):
    for spelling in ("Sergei Lavrov", "Sergey Lavrov"):
        results = api_client.get("/api/v1/participants/", {"search": spelling}).json()["results"]
        assert [p["slug"] for p in results] == ["sergey-lavrov"]


def test_a_date_the_articles_do_not_give_stays_unknown(curated):
    bolton = Meeting.objects.get(slug="bolton-visit-moscow")
    assert (bolton.date, bolton.date_precision, bolton.date_basis) == (None, "unknown", "")
    assert not Meeting.objects.filter(date_basis="general_knowledge").exists()


def test_page_furniture_creates_no_records(curated):
    furniture = [
        "Sputnik International",
        "© REUTERS",
        "log in or register",
        "To participate in the discussion",
        "Home » Press",
        "All news",
    ]
    for statement in Statement.objects.all():
        assert not any(marker in statement.text for marker in furniture), statement.slug


def test_verify_provenance_passes_on_the_curated_data(curated, capsys):
    call_command("verify_provenance")
    assert capsys.readouterr().out == (
        "Checked 5 sources' content hashes.\n"
        "Checked 87 statements against their sources' text (21 direct quotes).\n"
        "Checked that 24 meetings each cite at least one source.\n"
        "Provenance verified: every record cites its source.\n"
    )


def test_verify_provenance_names_each_broken_record(curated, capsys):
    Statement.objects.filter(slug="lavrov-2017-04-12-not-in-vain").update(text="all in vain,")
    Statement.objects.filter(slug="tillerson-2017-04-12-orderly").update(span_start=0, span_end=3)
    Statement.objects.filter(slug="lavrov-2017-04-12-frank-and-comprehensive").update(context_after="(edited)")
    Meeting.objects.get(slug="putin-trump-summit").sources.clear()
    Source.objects.filter(slug="tillerson-visits-moscow-turbulent-period").update(content_hash="0" * 64)
    with pytest.raises(CommandError) as caught:
        call_command("verify_provenance")
    assert str(caught.value) == "Provenance check failed: 5 problem(s)."
    errors = capsys.readouterr().err.splitlines()
    orderly = Statement.objects.get(slug="tillerson-2017-04-12-orderly")
    expected = Statement.objects.get(slug="tillerson-2017-04-12-orderly")
    expected.locate()
    assert errors == [
        "Source “tillerson-visits-moscow-turbulent-period”: the content hash does not match the text.",
        "Statement “lavrov-2017-04-12-frank-and-comprehensive”: the stored context is not the text around its span.",
        "Statement “lavrov-2017-04-12-not-in-vain”: the direct quote “all in vain,” does not occur in the "
        "source's text.",
        f"Statement “tillerson-2017-04-12-orderly”: the stored span (0, 3) is not where the text stands "
        f"({expected.span_start}, {expected.span_end}).",
        "Meeting “putin-trump-summit”: cites no source.",
    ]
    assert orderly.span_start == 0


def test_a_broken_fixture_fails_naming_the_statement_and_loads_nothing(db, tmp_path, settings):
    for name in FIXTURE_FILES:
        shutil.copy(FIXTURES_DIR / name, tmp_path / name)
    statements = json.loads((tmp_path / "statements.json").read_text(encoding="utf-8"))
    broken = next(r for r in statements if r["fields"]["slug"] == "tillerson-2017-04-12-orderly")
    broken["fields"]["text"] = "chaotic."
    (tmp_path / "statements.json").write_text(json.dumps(statements), encoding="utf-8")
    with pytest.raises(QuoteNotInSourceError) as caught:
        call_command("loaddata", *[str(tmp_path / name) for name in FIXTURE_FILES], verbosity=0)
    assert caught.value.message_dict == {
        "text": [
            "Statement “tillerson-2017-04-12-orderly”: the direct quote “chaotic.” does not occur in the source's text."
        ]
    }
    assert {model.__name__: model.objects.count() for model in MODELS} == dict.fromkeys([m.__name__ for m in MODELS], 0)


def test_every_statement_context_is_cut_from_its_source_text(curated, api_client):
    body = api_client.get("/api/v1/statements/", {"page_size": 100}).json()
    located = {s.pk: s for s in Statement.objects.select_related("source")}
    for item in body["results"]:
        statement = located[item["id"]]
        text = statement.source.text
        assert item["context"] == {
            "before": text[max(0, statement.span_start - 120) : statement.span_start],
            "after": text[statement.span_end : statement.span_end + 120],
        }, statement.slug
