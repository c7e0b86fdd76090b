"""The held-out evaluation of the suggester: every article of the set through it, and its figures.

Each article becomes a Source, with the participants its annotation says the curator already has
(``existing: true``); the suggester runs on it as a curator would run it, as a dry run
(``suggest(source, dry_run=True)``, which writes nothing), and its document (``as_json()``, the
product's contract) is scored by ``scoring``. Each article runs in a transaction rolled back
before the next, so the database is left as it was found, and it must hold no participants or
sources to begin with: their data would change the figures.

A saved page (``.html``) enters as a curator's would: through the importer
(``meetings.importing.import_article``), and it is scored in the text the importer extracted,
where its statements and furniture are found again (``annotations.imported``).

``run_evaluation()`` does all this in the current database (a test calls it in its test
database). Run as a script, it uses a temporary SQLite file, migrated here and deleted at the
end, unless DATABASE_URL names another database, which must be empty; the development database
is never used.

``--speed`` measures instead how long the suggester takes on a 30,000-character article (the
set's plain-text articles one after another, blank lines between, with no participant known):
``meetings.suggest.proposals.propose``, the median of 5 runs, target under 1 s; and how long the
importer takes to extract the same article saved as a news site's page (navigation, a "most read"
aside, a cookie banner and a footer around it), the median of 5 runs, target under 2 s. The first
run is printed apart: it also compiles the finders' patterns and loads the date parser, once a process.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # annotations and scoring, when this module is imported rather than run
    sys.path.insert(0, str(HERE))

SPEED_CHARACTERS = 30_000
SPEED_RUNS = 5
SPEED_TARGETS = {"suggest": 1.0, "import": 2.0}  # seconds


class DatabaseNotEmpty(Exception):
    """The database already holds participants or sources."""


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
        raise DatabaseNotEmpty(f"the database {name} already holds participants or sources; it must be empty.")


# --- The evaluation -----------------------------------------------------------------------------


def _source(article):
    """The article as a new Source, and the article as scored (a page: as the importer read it)."""
    from annotations import imported

    from meetings.importing import import_article
    from meetings.models import Source

    if article.is_html:
        source = import_article(article.path.read_bytes(), name=article.path.name, slug=article.name, kind=article.kind)
        return source, imported(article, source.text)
    source = Source.objects.create(
        slug=article.name,
        title=article.title,
        kind=article.kind,
        published_on=article.published_on,
        publisher=article.publisher,
        author=article.author,
        text=article.text,
    )
    return source, article


def evaluate_article(article):
    """Run the suggester on ``article`` as a new Source, and score its document; leaves nothing behind."""
    from django.db import transaction
    from scoring import score_article

    from meetings.models import Participant, unique_slug
    from meetings.suggest import suggest

    with transaction.atomic():
        for participant in article.participants:
            if participant.existing:
                Participant.objects.create(
                    slug=unique_slug(Participant.objects.all(), participant.name, "participant"),
                    name=participant.name,
                    other_names=list(participant.other_names),
                    kind=participant.kind,
                    country=participant.country or "",
                    position=participant.position,
                )
        source, scored = _source(article)
        document = suggest(source, dry_run=True).as_json()
        transaction.set_rollback(True)
    return score_article(scored, document)


def evaluate_all(articles) -> tuple[list, list[float]]:
    """Every article's score, and the seconds each took; the database must hold no participants or sources."""
    _refuse_curated_data()
    scores, seconds = [], []
    for article in articles:
        started = time.perf_counter()
        scores.append(evaluate_article(article))
        seconds.append(time.perf_counter() - started)
    return scores, seconds


def run_evaluation(folder: Path | None = None) -> dict:
    """A set's figures (``scoring.figures``), computed in the current database, which must be empty.

    ``folder`` is the set's folder: ``articles/`` unless another is named (``articles-second/``).
    """
    from annotations import ARTICLES, load_all
    from scoring import figures

    scores, _ = evaluate_all(load_all(folder or ARTICLES))
    return figures(scores)


# --- Speed --------------------------------------------------------------------------------------


def _timed(run) -> dict:
    """The median seconds of SPEED_RUNS runs, and the first run's apart (it compiles patterns and loads libraries)."""
    timings = []
    for _ in range(SPEED_RUNS):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return {"seconds": round(statistics.median(timings), 3), "first_run": round(timings[0], 3)}


def long_article(articles) -> tuple[str, datetime.date | None]:
    """The set's plain-text articles one after another, blank lines between, until 30,000 characters; its date."""
    plain = [article for article in articles if not article.is_html]
    parts, length = [], 0
    while length < SPEED_CHARACTERS:
        article = plain[len(parts) % len(plain)]
        parts.append(article.text.strip())
        length += len(parts[-1]) + 2
    return "\n\n".join(parts), plain[0].published_on


def speed() -> dict:
    """The median seconds of suggesting on a 30,000-character article, and of extracting the largest page."""
    from annotations import load_all

    from meetings.importing.files import decode
    from meetings.importing.html import extract_html
    from meetings.suggest.proposals import propose

    articles = load_all()
    text, published_on = long_article(articles)
    content = long_page(text).encode("utf-8")
    known = known_participants(KNOWN_PARTICIPANTS)
    return {
        "suggest": {
            "characters": len(text),
            **_timed(lambda: propose(text, published_on, [], ())),
            "target": SPEED_TARGETS["suggest"],
        },
        "suggest_known": {
            "characters": len(text),
            "known": len(known),
            **_timed(lambda: propose(text, published_on, known, ())),
            "target": SPEED_TARGETS["suggest"],
        },
        "import": {
            "page": "the same article as a saved page",
            "bytes": len(content),
            **_timed(lambda: extract_html(decode(content))),
            "target": SPEED_TARGETS["import"],
        },
    }


KNOWN_PARTICIPANTS = 2_000


def known_participants(count: int):
    """``count`` known participants with made-up names, as a grown database holds (the synthetic set has 2,000)."""
    from meetings.suggest.mentions import Speaker

    given = ("Ana", "Luis", "Marta", "Jan", "Oleg", "Sara", "Ivan", "Lena", "Paolo", "Rosa", "Omar", "Yuki")
    family = ("Quispe", "Novak", "Rossi", "Petrov", "Haddad", "Tanaka", "Kowalski", "Silva", "Dubois", "Larsen")
    return [
        Speaker(f"known-{n}", f"{given[n % len(given)]} {family[n % len(family)]}{n}", (), "Foreign Minister")
        for n in range(count)
    ]


def long_page(text: str) -> str:
    """``text`` as a news site's saved page: its paragraphs in the article, with navigation, a "most
    read" aside, a cookie banner and a footer around it, as the importer meets them."""
    paragraphs = [escape(paragraph) for paragraph in text.split("\n\n") if paragraph.strip()]
    links = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(40))
    most_read = "".join(f'<li><a href="/story/{n}">Another story number {n}</a></li>' for n in range(20))
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs[1:])
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{paragraphs[0]}</title>'
        '<meta property="og:site_name" content="Example News"></head><body>'
        f'<div class="cookie-banner">We use cookies. <button>Accept</button></div><nav><ul>{links}</ul></nav>'
        f"<main><article><h1>{paragraphs[0]}</h1>{body}</article>"
        f"<aside><h2>Most read</h2><ol>{most_read}</ol></aside></main><footer>© Example News</footer></body></html>"
    )


def _print_speed(figures: dict) -> None:
    suggest, page = figures["suggest"], figures["import"]
    print(f"Speed, the median of {SPEED_RUNS} runs:")
    print(f"{'suggesting (propose)':<34} {_speed(suggest)} on a {suggest['characters']:,}-character article")
    known = figures["suggest_known"]
    print(f"{'… with known participants':<34} {_speed(known)} with {known['known']:,} participants in the database")
    print(f"{'importing (extraction)':<34} {_speed(page)} for {page['page']} ({page['bytes']:,} bytes)")


def _speed(figure: dict) -> str:
    missed = "" if figure["seconds"] < figure["target"] else ": MISSED"
    return f"{figure['seconds']:.3f} s (target < {figure['target']:g} s{missed}; first run {figure['first_run']:.3f} s)"


# --- The report ---------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _line(label: str, figure: dict) -> str:
    return (
        f"{label:<34} {figure['correct']} right of {figure['expected']} expected, {figure['proposed']} proposed: "
        f"recall {_percent(figure['recall'])}, precision {_percent(figure['precision'])}"
    )


def _share_line(label: str, figure: dict, of: str) -> str:
    return f"  {label:<32} {figure['correct']} of {figure['of']} {of} ({_percent(figure['share'])})"


def _count_line(label: str, count: int) -> str:
    return f"{label:<34} {count}"


def _print_report(results: dict, scores, seconds: list[float]) -> None:
    for score in scores:
        lines = [
            *(f"  miss  {line}" for line in score.misses),
            *(f"  false {line}" for line in score.false_positives),
            *(f"  part  {line}" for line in score.partly),
            *(f"  furn  {line}" for line in score.furniture),
        ]
        if lines:
            print(f"\n{score.article.name}", *lines, sep="\n")
    slowest = max(range(len(seconds)), key=seconds.__getitem__)
    warm = max(seconds[1:], default=0.0)  # the first article also compiles the finders' patterns
    print(
        f"\nHeld-out set: {results['articles']} articles ({results['html_articles']} HTML pages read through the "
        f"importer) in {sum(seconds):.1f} s, at most {seconds[slowest]:.2f} s an article "
        f"({scores[slowest].article.name}), {warm:.2f} s after the first"
    )
    print(_line("direct quotes (right speaker)", results["direct_quotes"]))
    print(_line("reported speech (right speaker)", results["reported_speech"]))
    print(_line("relayed speech (right via)", results["relayed_via"]))
    print(_count_line("statements lost by the importer", results["statements_lost_by_importer"]))
    print(_line("participants (name and kind)", results["participants"]))
    print(_share_line("right country", results["participants_right_country"], "right"))
    print(_share_line("right position", results["participants_right_position"], "right"))
    print(_line("meetings (participants and date)", results["meetings"]))
    print(f"  {'matched, wrong date':<32} {results['meetings_matched_wrong_date']} of {results['meetings_matched']}")
    for what in ("kind", "status", "place", "parent"):
        print(_share_line(f"right {what}", results[f"meetings_right_{what}"], "matched"))
    print(_line("dates (date and precision)", results["dates"]))
    print(_count_line("dates more precise than the text", results["dates_more_precise_than_text"]))
    print(_count_line("proposals from page furniture", results["furniture_proposals"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="Print the figures as one JSON document.")
    parser.add_argument("--speed", action="store_true", help="Measure the suggester's and the importer's speed.")
    parser.add_argument(
        "--articles",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="The set to score: articles/ unless another folder is named (articles-second/, written apart).",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="suggest-eval-") as scratch:
        scratch_url = None if os.environ.get("DATABASE_URL") else f"sqlite:///{Path(scratch) / 'eval.sqlite3'}"
        _setup_django(scratch_url)
        from annotations import AnnotationError, load_all
        from django.core.management import call_command
        from django.db import connections
        from scoring import details, figures

        try:
            articles = load_all(options.articles) if options.articles else load_all()
        except AnnotationError as error:
            sys.exit(f"suggest_eval: annotations that do not fit their articles:\n{error}")
        if options.speed:
            measured = speed()
            if options.json:
                print(json.dumps(measured, indent=2, sort_keys=True))
            else:
                _print_speed(measured)
            return
        _refuse_development_database()
        call_command("migrate", verbosity=0)
        try:
            scores, seconds = evaluate_all(articles)
        except DatabaseNotEmpty as error:
            sys.exit(f"suggest_eval: {error}")
        connections.close_all()
    results = figures(scores)
    if options.json:  # no timing in it: the same set and suggester always print the same document
        print(json.dumps({**results, "by_article": details(scores)}, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        _print_report(results, scores, seconds)


if __name__ == "__main__":
    main()
