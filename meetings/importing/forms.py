"""The admin's "Import an article" form: a file or pasted text or HTML, and what to say instead of what it states."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from ..choices import SourceKind
from ..models import Source
from .files import ImportRefused, check_size
from .service import import_article


class ImportArticleForm(forms.Form):
    upload = forms.FileField(required=False, help_text="A saved web page (HTML) or a plain-text article in UTF-8.")
    text = forms.CharField(
        required=False,
        strip=False,  # the text is stored exactly as pasted
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text="Or paste the article's text or the page's HTML.",
    )
    slug = forms.SlugField(required=False, max_length=120, help_text="Leave empty to make one from the title.")
    url = forms.URLField(required=False, max_length=500, help_text="Where it was published, if the page does not say.")
    publisher = forms.CharField(
        required=False, max_length=200, help_text="Who published it, instead of what the article states."
    )
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.NEWS_REPORT)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload: UploadedFile[bytes] | None = cleaned.get("upload")
        if upload is not None and cleaned.get("text"):
            self.add_error("text", "Upload a file or paste the text, not both.")
        elif upload is None and not (cleaned.get("text") or "").strip():
            self.add_error("text", "Upload the article as a file or paste its text.")
        return cleaned

    def import_article(self) -> Source | None:
        """The new source; None, with the refusal on the form, when the article cannot be imported."""
        upload: UploadedFile[bytes] | None = self.cleaned_data["upload"]
        options = {key: self.cleaned_data[key] for key in ("slug", "url", "publisher", "kind")}
        try:
            if upload is None:
                return import_article(self.cleaned_data["text"], **options)
            check_size(upload.size or 0)
            return import_article(upload.read(), name=upload.name or "", **options)
        except ImportRefused as error:
            self.add_error("text" if upload is None else "upload", error)
            return None
