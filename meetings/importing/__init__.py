"""Importing an article, from a saved web page or a plain-text file, as a new Source.

- ``article``: ``Article``, the text to store and the facts the article states about itself.
- ``files``: reading a file and refusing what cannot be an article (too large, empty, binary,
  not UTF-8), and telling HTML from plain text.
- ``html``: a web page's main text and metadata, extracted with trafilatura.
- ``plain``: a plain-text article kept as it is, with the title, dateline and byline it states.
- ``service``: ``import_article``, which the ``import_article`` command and the admin both call.
- ``forms``: ``ImportArticleForm``, the admin's "Import an article" page.
"""

from .files import ImportRefused
from .service import import_article

__all__ = ["ImportRefused", "import_article"]
