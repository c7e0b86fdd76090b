"""The held-out evaluation of the suggester: every article of the set through it, and its figures.

Each article becomes a Source in a database of its own run, with the participants its annotation
says the curator already has (``existing: true``); the suggester runs on it as a curator would run
it, as a dry run (it writes nothing), and everything else is rolled back before the next article.
The database is a temporary SQLite file, migrated here and deleted at the end, unless
DATABASE_URL names another one; that one must hold no participants or sources, so that the
development database is never used and its data cannot change the figures.

HTML articles are skipped, each with a line that says so: their annotations stand in the saved
page, and scoring them means reading each page through the importer (``meetings.importing``) and
finding the expected passages again in the text it extracts.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup_django(database_url: str | None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "suggest-eval")  # nothing is served
    if database_url is not None:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def _refuse_development_database() -> None:
    """The development database is never used, not even migrated."""
    from django.conf import settings

    name = str(settings.DATABASES["default"]["NAME"])
    if Path(name).resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("suggest_eval: DATABASE_URL names the development database; unset it or name another.")


def _refuse_curated_data() -> None:
    """A database that already holds participants or sources would change what the suggester sees."""
    from django.conf import settings

    from meetings.models import Participant, Source

    if Participant.objects.exists() or Source.objects.exists():
        name = settings.DATABASES["default"]["NAME"]
        sys.exit(f"suggest_eval: the database {name} already holds participants or sources; it must be empty.")


def _evaluate(article, slugs: dict[str, str]):
    """Run the suggester on ``article`` as a new Source, and score what it proposes; leaves nothing behind."""
    from django.db import transaction
    from django.utils.text import slugify
    from scoring import Proposal, score_article

    from meetings.models import Participant, Source
    from meetings.suggest import suggest_statements

    with transaction.atomic():
        for participant in article.participants:
            if participant.existing:
                slug = slugify(participant.name)
                slugs[slug] = participant.name
                Participant.objects.create(
                    slug=slug,
                    name=participant.name,
                    other_names=list(participant.other_names),
                    kind=participant.kind,
                    country=participant.country or "",
                    position=participant.position,
                )
        source = Source.objects.create(
            slug=article.name,
            title=article.title,
            kind=article.kind,
            published_on=article.published_on,
            publisher=article.publisher,
            author=article.author,
            text=article.text,
        )
        report = suggest_statements(source, dry_run=True)
        proposals = [
            Proposal(
                kind=statement.kind,
                text=statement.text,
                start=statement.span_start,
                end=statement.span_end,
                speaker=slugs[statement.speaker.slug],
                via=None if statement.via is None else slugs[statement.via.slug],
            )
            for statement in report.created
        ]
        transaction.set_rollback(True)
    return score_article(article, proposals)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _line(label: str, figure: dict) -> str:
    if figure.get("not_proposed"):
        return f"{label:<34} not proposed ({figure['expected']} expected): recall 0.0%, precision n/a"
    proposed = "" if figure["proposed"] is None else f", {figure['proposed']} proposed"
    precision = "" if figure["proposed"] is None else f", precision {_percent(figure['precision'])}"
    return (
        f"{label:<34} {figure['correct']} right of {figure['expected']} expected{proposed}: "
        f"recall {_percent(figure['recall'])}{precision}"
    )


def _print_report(results: dict, scores, seconds: float) -> None:
    skipped = results["skipped_html"]
    for name in skipped:
        print(f"skipped {name}: HTML pages are not scored yet")
    for score in scores:
        if not (score.misses or score.false_positives):
            continue
        print(f"\n{score.article.name}")
        for miss in score.misses:
            print(f"  miss  {miss}")
        for false_positive in score.false_positives:
            print(f"  false {false_positive}")
    print(f"\nHeld-out set: {results['articles']} articles scored, {len(skipped)} skipped, in {seconds} s")
    print(_line("direct quotes (right speaker)", results["direct_quotes"]))
    print(_line("reported speech (right speaker)", results["reported_speech"]))
    print(_line("relayed speech (right via)", results["relayed_via"]))
    print(_line("participants", results["participants"]))
    print(_line("meetings (participants and date)", results["meetings"]))
    print(_line("dates", results["dates"]))
    print(f"{'proposals from page furniture':<34} {results['furniture_proposals']}")
    more_precise = results["dates_more_precise_than_text"]
    print(f"{'dates more precise than the text':<34} {'not proposed' if more_precise is None else more_precise}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="Print the figures as one JSON document.")
    options = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="suggest-eval-") as scratch:
        scratch_url = None if os.environ.get("DATABASE_URL") else f"sqlite:///{Path(scratch) / 'eval.sqlite3'}"
        _setup_django(scratch_url)
        from annotations import AnnotationError, load_all
        from django.core.management import call_command
        from scoring import figures

        try:
            articles = load_all()
        except AnnotationError as error:
            sys.exit(f"suggest_eval: annotations that do not fit their articles:\n{error}")
        _refuse_development_database()
        call_command("migrate", verbosity=0)
        _refuse_curated_data()
        slugs: dict[str, str] = {}
        scores = [_evaluate(article, slugs) for article in articles if not article.is_html]
        skipped = [article.path.name for article in articles if article.is_html]
        from django.db import connections

        connections.close_all()
    results = {**figures(scores), "skipped_html": skipped}
    if options.json:  # no timing in it: the same set and suggester always print the same document
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        _print_report(results, scores, round(time.perf_counter() - started, 1))


if __name__ == "__main__":
    main()
