"""``import_article``: one file or pasted text in, one new Source out, or a refusal and nothing saved.

The command and the admin both come through here, so an article is read, checked and refused
the same way wherever it enters. The stored text is exactly what was read (a plain text's
characters, a page's extracted text): statements' spans are offsets into it.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from ..choices import SourceKind
from ..models import Source, unique_slug
from .article import Article
from .files import ImportRefused, check_size, check_text, decode, is_html, original_hash


def _read(text: str, name: str) -> Article:
    # The extractors load trafilatura and dateparser, a tenth of a second that every process
    # importing the admin would otherwise pay at start-up: they are imported when an article is.
    if is_html(text, name):
        from .html import extract_html

        return extract_html(text)
    from .plain import read_plain

    return read_plain(text)


def _refusal(error: ValidationError) -> ImportRefused:
    """The model's validation errors as one refusal, each message after the field it concerns."""
    messages = [
        message if field in (NON_FIELD_ERRORS, "text") else f"{field}: {message}"
        for field, field_messages in error.message_dict.items()
        for message in field_messages
    ]
    return ImportRefused(messages)


@transaction.atomic
def import_article(
    content: bytes | str,
    *,
    name: str = "",
    slug: str = "",
    url: str = "",
    publisher: str = "",
    kind: str = SourceKind.NEWS_REPORT,
) -> Source:
    """Create the Source for ``content``: a file's bytes, or pasted text (a ``str``, with no original hash).

    ``name`` is the file's name (``.html`` and ``.htm`` are read as pages whatever they start
    with). ``slug``, ``url`` and ``publisher``, when given, take the place of what the article
    states. Raises ``ImportRefused`` and saves nothing when the article cannot be imported or is
    stored already (the same file, or the same text).
    """
    if isinstance(content, bytes):
        text, file_hash = decode(content), original_hash(content)
        existing = Source.objects.filter(original_hash=file_hash).first()
        if existing is not None:
            raise ImportRefused(f"This file is already stored as source “{existing.slug}”.")
    else:
        check_size(len(content.encode("utf-8")))
        text, file_hash = check_text(content), ""
    article = _read(text, name)
    source = Source(
        slug=slug or unique_slug(Source.objects.all(), article.title, "source"),
        title=article.title,
        publisher=publisher or article.publisher,
        author=article.author,
        kind=kind,
        published_on=article.published_on,
        url=url or article.url,
        text=article.text,
        original_hash=file_hash,
    )
    if article.language:
        source.language = article.language
    try:
        source.full_clean(exclude=["content_hash"])  # Source.clean says which source has the text
    except ValidationError as error:
        raise _refusal(error) from None
    source.save()
    return source
