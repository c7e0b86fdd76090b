"""What an article states about itself, as read from a page or a text, before it becomes a Source."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Article:
    """The text to store and the facts the article states; a fact it does not state is empty (or None)."""

    text: str
    title: str = ""
    author: str = ""
    publisher: str = ""
    published_on: date | None = None
    language: str = ""
    url: str = ""
