from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from meetings.choices import SourceKind
from meetings.importing import ImportRefused, import_article
from meetings.importing.files import read_file
from meetings.suggest import review


def article_paths(paths: list[str]) -> list[Path]:
    """The files named, a folder standing for every file in it, in name order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(child for child in path.iterdir() if child.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"No file or folder “{name}”.")
    return found


class Command(BaseCommand):
    help = (
        "Import articles (saved web pages or plain-text files) as new sources: a page's main text and "
        "metadata are extracted, a plain text is kept as it is with the title, dateline and byline it "
        "states. Each file is imported on its own; the new slugs are printed one a line, refused files "
        "are reported with the reason, and the exit status is non-zero if any was refused. What the "
        "suggester proposes from each new source is listed on its Suggestions page in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A file, or a folder: every file in it.")
        for option, help_text in (
            ("--slug", "The new source's slug (one file only); else from its title."),
            ("--url", "Where the article was published, instead of what it states."),
            ("--publisher", "Who published it, instead of what it states."),
        ):
            parser.add_argument(option, default="", help=help_text)
        parser.add_argument("--kind", default=SourceKind.NEWS_REPORT, choices=SourceKind.values, help="Kind of source.")

    def handle(self, *args, paths: list[str], slug: str, url: str, publisher: str, kind: str, **options):
        files = article_paths(paths)
        if slug and len(files) != 1:
            raise CommandError(f"--slug names one source, but {len(files)} files were given.")
        # The bar writes to the stream under Django's wrapper, which would end each redraw with a newline.
        stream = self.stderr._out
        refused = 0
        with tqdm(files, desc="Importing", unit=" file", file=stream, leave=False) as bar:
            for path in bar:
                try:
                    source = import_article(
                        read_file(path), name=path.name, slug=slug, url=url, publisher=publisher, kind=kind
                    )
                except ImportRefused as error:
                    refused += 1
                    bar.write(f"{path}: refused: {' '.join(error.messages)}", file=stream)
                    continue
                # Its proposals wait for a curator: the admin's index lists the sources that have open ones.
                review(source)
                self.stdout.write(source.slug)
        if refused:
            raise CommandError(f"{refused} of {len(files)} file(s) refused.")
