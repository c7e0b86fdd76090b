"""Reading an article's file and refusing what cannot be one, before anything is parsed or saved.

A file is refused when it is past ``settings.IMPORT_MAX_BYTES``, empty, not UTF-8, or holds
control characters that text never has (a binary file, or text in UTF-16 or UTF-32).
"""

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

# Control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A page starts with a doctype, a comment or an element that only HTML has.
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<!--|<(html|head|body|article|main|div|section|p|h1)[\s>])", re.I)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


class ImportRefused(ValidationError):
    """An article that cannot be imported, with the reason a curator can act on."""


def check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRefused(f"The file is {size:,} bytes, past the limit of {limit:,} bytes (IMPORT_MAX_BYTES).")


def read_file(path: Path) -> bytes:
    """The file's bytes, its size checked before it is read."""
    check_size(path.stat().st_size)
    return path.read_bytes()


def original_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> str:
    """The file's text, decoded from UTF-8 and otherwise unchanged (line endings and a byte-order mark stay)."""
    check_size(len(data))
    if not data.strip():
        raise ImportRefused("The file is empty.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"The file is not UTF-8 text or HTML: byte 0x{data[error.start]:02x} at offset {error.start} is not UTF-8."
        ) from None
    return check_text(text)


def check_text(text: str) -> str:
    """``text`` itself, refused when it is blank or holds control characters."""
    if not text.strip():
        raise ImportRefused("The file is empty.")
    control = _CONTROL.search(text)
    if control is not None:
        raise ImportRefused(
            "The file is not UTF-8 text or HTML: it holds binary data "
            f"(control character U+{ord(control.group()):04X} at character {control.start()})."
        )
    return text


def is_html(text: str, name: str = "") -> bool:
    """A file named .html or .htm is a page; so is any text that starts the way a page does."""
    return Path(name).suffix.lower() in HTML_SUFFIXES or _HTML_START.match(text.lstrip("\ufeff")) is not None
