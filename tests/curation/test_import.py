"""Importing an article as a source: from a saved page or a plain text, by the command or in the admin."""

import datetime
import hashlib
import io
import socket
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings.importing import ImportRefused, import_article
from meetings.models import Source

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).parent / "articles"
HARBOUR_TEXT = (
    "Ministers agree to reopen ferry talks in Montevideo\n"
    "The foreign ministers of Uruguay and Argentina agreed on Friday to reopen talks on a shared ferry timetable "
    "across the Río de la Plata, after a two-hour meeting at the Palacio Santos in Montevideo.\n"
    "Uruguay's foreign minister, Martín Echeverría Sosa, said the two governments had \"found more common ground "
    'in one morning than in the whole of last year" and that technical teams would meet again before the end of '
    "April.\n"
    "His Argentine counterpart, Valeria Quintana, told reporters that the timetable was only a first step. "
    '"Passengers on both banks want fewer delays and fairer fares, and that is what we came here to discuss," '
    "she said.\n"
    "The talks also touched on dredging of the river's main channel, a question both ministers described as long "
    "overdue. No date was set for a joint announcement."
)
SOURCE_FIELDS = ["slug", "title", "publisher", "author", "kind", "published_on", "url", "language", "text"]


def fields(source: Source) -> dict:
    source.refresh_from_db()
    return {name: getattr(source, name) for name in [*SOURCE_FIELDS, "original_hash"]}


def article(name: str) -> bytes:
    return (ARTICLES / name).read_bytes()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def no_network(monkeypatch):
    """Extraction must need nothing from outside: any connection attempt fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the import tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_page_keeps_its_article_and_its_metadata_without_the_furniture(no_network):
    data = article("harbour-talks.html")
    source = import_article(data, name="harbour-talks.html")
    assert fields(source) == {
        "slug": "ministers-agree-to-reopen-ferry-talks-in-montevideo",
        "title": "Ministers agree to reopen ferry talks in Montevideo",
        "publisher": "The Riverside Courier",
        "author": "Lucía Ferrándiz",
        "kind": "news_report",
        "published_on": datetime.date(2025, 3, 14),
        "url": "https://courier.example.org/world/2025/03/14/ferry-talks-montevideo",
        "language": "en",
        "text": HARBOUR_TEXT,
        "original_hash": sha256(data),
    }
    for furniture in ("cookies", "Most read", "Late goal", "Gaucho77", "Reader comments", "All rights", "Sport"):
        assert furniture not in source.text


def test_a_page_is_read_as_html_whatever_its_name():
    source = import_article(article("harbour-talks.html"), name="saved-page")
    assert source.text == HARBOUR_TEXT


def test_a_wire_story_keeps_its_bytes_and_states_its_date_author_and_publisher(no_network):
    data = article("wire-story.txt")
    source = import_article(data, name="wire-story.txt")
    assert fields(source) == {
        "slug": "peru-and-chile-agree-to-joint-survey-of-coastal-fisheries",
        "title": "Peru and Chile agree to joint survey of coastal fisheries",
        "publisher": "Andes Press",
        "author": "Tomás Ruiz",
        "kind": "news_report",
        "published_on": datetime.date(2016, 10, 7),
        "url": "",
        "language": "en",
        "text": data.decode("utf-8"),
        "original_hash": sha256(data),
    }


def test_plain_text_keeps_its_line_endings():
    data = article("wire-story.txt").replace(b"\n", b"\r\n")
    source = import_article(data, name="wire-story.txt")
    source.refresh_from_db()
    assert source.text.encode("utf-8") == data
    assert source.title == "Peru and Chile agree to joint survey of coastal fisheries"


def test_a_press_release_without_a_publisher_in_its_dateline_leaves_it_empty():
    data = article("press-release.txt")
    source = import_article(data, name="press-release.txt", kind="press_release")
    assert fields(source) == {
        "slug": "foreign-minister-aino-lehtonen-holds-telephone-call-with-estonian-counterpart",
        "title": "Foreign Minister Aino Lehtonen holds telephone call with Estonian counterpart",
        "publisher": "",
        "author": "",
        "kind": "press_release",
        "published_on": datetime.date(2025, 2, 12),
        "url": "",
        "language": "en",
        "text": data.decode("utf-8"),
        "original_hash": sha256(data),
    }


@pytest.mark.parametrize(
    ("opening", "published_on", "publisher"),
    [
        ("WASHINGTON — The talks", None, ""),  # no date stated
        ("LIMA, Oct. 7 (Andes Press) — The talks", None, "Andes Press"),  # no year: not guessed
        ("GENÈVE, 7 octobre 2016 — Les pourparlers", datetime.date(2016, 10, 7), ""),
        ("Lima, October 7, 2016 — the talks", None, ""),  # not a dateline: the place is not in capitals
    ],
)
def test_a_dateline_gives_only_what_it_states(opening, published_on, publisher):
    source = import_article(f"Talks resume\n\n{opening} went on.\n")
    assert (source.published_on, source.publisher, source.author) == (published_on, publisher, "")


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Ana de la Paz and Luis Ortega, Andes Press", "Ana de la Paz and Luis Ortega"),
        ("BY TOMÁS RUIZ", "TOMÁS RUIZ"),
        ("By the end of the day the ministers had agreed.", ""),  # a sentence, not a byline
    ],
)
def test_a_byline_gives_the_author_and_a_sentence_does_not(byline, author):
    assert import_article(f"Talks resume\n{byline}\nThe ministers met.\n").author == author


def test_what_the_curator_gives_takes_the_place_of_what_the_article_states():
    source = import_article(
        article("wire-story.txt"),
        slug="fisheries-survey",
        url="https://andes.example.org/fisheries",
        publisher="Andes Press Agency",
        kind="analysis",
    )
    assert (source.slug, source.url, source.publisher, source.kind) == (
        "fisheries-survey",
        "https://andes.example.org/fisheries",
        "Andes Press Agency",
        "analysis",
    )


def test_pasted_text_has_no_original_hash_and_a_repeated_title_gets_a_new_slug():
    first = import_article("Talks resume\n\nThe ministers met.\n")
    second = import_article("Talks resume\n\nThe ministers met again.\n")
    assert (first.slug, first.original_hash) == ("talks-resume", "")
    assert second.slug == "talks-resume-2"


def refused(content, **options) -> str:
    count = Source.objects.count()
    with pytest.raises(ImportRefused) as caught:
        import_article(content, **options)
    assert Source.objects.count() == count  # nothing saved
    return " ".join(caught.value.messages)


def test_the_same_file_twice_is_refused_naming_the_source():
    import_article(article("wire-story.txt"))
    assert refused(article("wire-story.txt")) == (
        "This file is already stored as source “peru-and-chile-agree-to-joint-survey-of-coastal-fisheries”."
    )


def test_the_same_text_twice_is_refused_naming_the_source():
    import_article(article("harbour-talks.html"))
    page_with_another_footer = article("harbour-talks.html").replace(b"All rights reserved.", b"Since 1921.")
    assert refused(page_with_another_footer) == (
        "This text is already stored as source “ministers-agree-to-reopen-ferry-talks-in-montevideo”."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b" \n\r\n\t", "The file is empty."),
        ("\ufeffLIMA".encode("utf-16"), "The file is not UTF-8 text or HTML: byte 0xff at offset 0 is not UTF-8."),
        ("Café".encode("latin-1"), "The file is not UTF-8 text or HTML: byte 0xe9 at offset 3 is not UTF-8."),
        (
            b"PK\x03\x04\x14\x00\x00\x00",
            "The file is not UTF-8 text or HTML: it holds binary data (control character U+0003 at character 2).",
        ),
        (article("no-article.html"), "No article text was found in the page."),
    ],
    ids=["empty", "blank", "utf-16", "latin-1", "binary", "no-article"],
)
def test_what_cannot_be_an_article_is_refused(content, message):
    assert refused(content) == message


def test_a_file_past_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    assert refused(b"x" * 101) == "The file is 101 bytes, past the limit of 100 bytes (IMPORT_MAX_BYTES)."
    assert refused("x" * 101) == "The file is 101 bytes, past the limit of 100 bytes (IMPORT_MAX_BYTES)."


def test_a_taken_slug_is_refused():
    import_article("Talks resume\n\nThe ministers met.\n")
    assert refused(article("wire-story.txt"), slug="talks-resume") == "slug: Source with this Slug already exists."


def run_command(*args) -> tuple[str, str, CommandError | None]:
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_article", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return stdout.getvalue(), stderr.getvalue(), error
    return stdout.getvalue(), stderr.getvalue(), None


def test_the_command_prints_the_new_slug():
    stdout, stderr, error = run_command(str(ARTICLES / "wire-story.txt"), "--slug", "fisheries-survey")
    assert (stdout, error) == ("fisheries-survey\n", None)
    assert "refused" not in stderr
    assert Source.objects.get().author == "Tomás Ruiz"


def test_a_folder_is_imported_file_by_file_and_a_refused_one_does_not_stop_the_others(tmp_path):
    for name in ("harbour-talks.html", "no-article.html", "press-release.txt", "wire-story.txt"):
        (tmp_path / name).write_bytes(article(name))
    stdout, stderr, error = run_command(str(tmp_path), "--kind", "news_report")
    assert stdout.splitlines() == [
        "ministers-agree-to-reopen-ferry-talks-in-montevideo",
        "foreign-minister-aino-lehtonen-holds-telephone-call-with-estonian-counterpart",
        "peru-and-chile-agree-to-joint-survey-of-coastal-fisheries",
    ]
    assert f"{tmp_path / 'no-article.html'}: refused: No article text was found in the page.\n" in stderr
    assert "Importing" in stderr  # the progress bar
    assert str(error) == "1 of 4 file(s) refused."
    assert Source.objects.count() == 3


def test_the_command_takes_a_slug_for_one_file_only():
    stdout, stderr, error = run_command(str(ARTICLES), "--slug", "one")
    assert (stdout, stderr, str(error)) == ("", "", "--slug names one source, but 4 files were given.")
    assert Source.objects.count() == 0


def test_the_command_refuses_a_path_that_does_not_exist(tmp_path):
    stdout, stderr, error = run_command(str(tmp_path / "missing.txt"))
    assert (stdout, stderr, str(error)) == ("", "", f"No file or folder “{tmp_path / 'missing.txt'}”.")


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("admin", "admin@example.org", "correct horse battery staple")
    client.force_login(user)
    return client


IMPORT_URL = "/admin/meetings/source/import/"


def test_the_source_list_links_to_the_import_page(admin_client):
    html = admin_client.get("/admin/meetings/source/").content.decode()
    assert f'href="{IMPORT_URL}"' in html
    assert "Import an article" in html
    assert admin_client.get(IMPORT_URL).status_code == 200


def test_an_uploaded_page_becomes_a_source_and_the_curator_lands_on_it(admin_client):
    upload = io.BytesIO(article("harbour-talks.html"))
    upload.name = "harbour-talks.html"
    response = admin_client.post(IMPORT_URL, {"upload": upload, "kind": "news_report"}, follow=True)
    source = Source.objects.get()
    assert response.redirect_chain == [(f"/admin/meetings/source/{source.pk}/suggestions/", 302)]
    assert source.text == HARBOUR_TEXT
    assert source.original_hash == sha256(article("harbour-talks.html"))
    assert "Imported “Ministers agree to reopen ferry talks in Montevideo” as source " in response.content.decode()
    html = admin_client.get(f"/admin/meetings/source/{source.pk}/change/").content.decode()
    assert source.original_hash in html  # shown, read-only
    assert 'name="original_hash"' not in html


def test_pasted_text_becomes_a_source_with_what_the_curator_gave(admin_client):
    response = admin_client.post(
        IMPORT_URL,
        {
            "text": "Talks resume\n\nThe ministers met.\n",
            "slug": "resumed",
            "publisher": "Andes Press",
            "kind": "opinion",
        },
    )
    source = Source.objects.get()
    assert response.status_code == 302
    assert (source.slug, source.title, source.publisher, source.kind, source.original_hash) == (
        "resumed",
        "Talks resume",
        "Andes Press",
        "opinion",
        "",
    )
    assert source.text == "Talks resume\n\nThe ministers met.\n"  # as pasted


def test_pasted_html_is_read_as_a_page(admin_client):
    markup = article("harbour-talks.html").decode("utf-8")
    assert admin_client.post(IMPORT_URL, {"text": markup, "kind": "news_report"}).status_code == 302
    source = Source.objects.get()
    assert (source.text, source.author, source.original_hash) == (HARBOUR_TEXT, "Lucía Ferrándiz", "")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "text", "Upload the article as a file or paste its text."),
        ({"text": "Talks resume"}, "text", "This text is already stored as source “talks-resume”."),
        (
            {"upload": b"\x00\x01"},
            "upload",
            "The file is not UTF-8 text or HTML: it holds binary data (control character U+0000 at character 0).",
        ),
    ],
    ids=["nothing", "duplicate", "binary"],
)
def test_a_refusal_is_shown_on_the_form_and_nothing_is_saved(admin_client, data, field, message):
    import_article("Talks resume")
    if "upload" in data:
        data = {"upload": io.BytesIO(data["upload"])}
        data["upload"].name = "scan.pdf"
    response = admin_client.post(IMPORT_URL, {**data, "kind": "news_report"})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Source.objects.count() == 1


def test_importing_needs_the_permission_to_add_sources(client):
    user = User.objects.create_user("viewer", password="correct horse battery staple", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_source", "change_source"]))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert "Import an article" not in client.get("/admin/meetings/source/").content.decode()
