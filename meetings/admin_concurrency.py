"""The admin refuses a change form whose record someone else changed since the form was opened.

The version is the record's ``updated_at``: every save of a curated record sets it (``auto_now``),
whoever makes it (the admin, the API, a command), so it needs no field or library of its own. The
form carries the version it was opened with in a hidden field; on save, a record whose version has
moved on is refused with a form error that says who changed it and when (from its history), and the
curator's input stays on the page to be copied into a fresh form. A record's inlines (a meeting's
participants) are the record's own edit: the check covers the record itself.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

VERSION_FIELD = "opened_version"


class StaleEditCheckForm(forms.ModelForm):
    """A change form that is refused when the record changed since it was opened."""

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and getattr(self.instance, "updated_at", None):
            self.fields[VERSION_FIELD].initial = self.instance.updated_at.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opened = self.data.get(self.add_prefix(VERSION_FIELD)) if self.is_bound else None
        if self.instance.pk is None or not opened:
            return cleaned
        model = type(self.instance)
        current = model._default_manager.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
        if current is not None and current.isoformat() != opened:
            raise ValidationError(self._changed_message(current), code="changed_since_opened")
        return cleaned

    def _changed_message(self, when) -> str:
        name = self.instance._meta.verbose_name
        latest = getattr(self.instance, "history", None)
        record = latest.order_by("-history_date").select_related("history_user").first() if latest else None
        who = f"{record.history_user}" if record is not None and record.history_user else "someone else"
        at = timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S")
        return (
            f"This {name} was changed by {who} at {at}, after you opened this form; nothing was saved. "
            "Your input is still below: keep a copy of it, reload the page to see their change, and apply yours again."
        )
