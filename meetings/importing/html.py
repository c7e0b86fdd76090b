"""A web page's main text and metadata, extracted with trafilatura (htmldate finds the date).

Navigation, asides, cookie banners, footers and reader comments are left out of the text. The
date is taken only from the page's markup (its metadata, its time elements, its address), never
searched for in the running text, so a date the article mentions is not taken for its own.
"""

import logging
from datetime import date

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from .article import Article
from .files import ImportRefused

_DATE_FROM_MARKUP = {"extensive_search": False, "original_date": True}
# Its warning on a page with no text repeats what the refusal says.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def _language(tree: HtmlElement) -> str:
    """The language the page declares: its lang attribute, its Content-Language, or its Open Graph locale."""
    declared = tree.xpath(
        "string((/html/@lang | /html/@xml:lang"
        " | //meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')='content-language']/@content"
        " | //meta[@property='og:locale']/@content)[1])"
    )
    return str(declared).strip().replace("_", "-")


def extract_html(markup: str) -> Article:
    """The page's article; refused when the page holds no article text."""
    tree = load_html(markup)
    if tree is None:
        raise ImportRefused("No article text was found in the page.")
    language = _language(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params=_DATE_FROM_MARKUP,
    )
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise ImportRefused("No article text was found in the page.")
    text: str = document.text or ""
    return Article(
        text=text,
        title=(document.title or "").strip() or text.strip().splitlines()[0].strip(),
        author=(document.author or "").strip(),
        publisher=(document.sitename or "").strip(),
        published_on=date.fromisoformat(document.date) if document.date else None,
        language=language,
        url=(document.url or "").strip(),
    )
