import json

from rest_framework.fields import DateTimeField

_datetime = DateTimeField()


def stamps(instance) -> dict:
    """The created/updated timestamps of a record, as the API renders them."""
    instance.refresh_from_db(fields=["created_at", "updated_at"])
    return {
        "created_at": _datetime.to_representation(instance.created_at),
        "updated_at": _datetime.to_representation(instance.updated_at),
    }


def reviewed(instance) -> dict:
    """A meeting's or statement's review state, as the API renders it."""
    instance.refresh_from_db(fields=["review_status", "verified_at"])
    verified_at = instance.verified_at and _datetime.to_representation(instance.verified_at)
    return {"review_status": instance.review_status, "verified_at": verified_at}


def page(results: list, count: int | None = None, next_url: str | None = None, previous: str | None = None) -> dict:
    return {
        "count": len(results) if count is None else count,
        "count_exact": True,
        "next": next_url,
        "previous": previous,
        "results": results,
    }


def context(statement) -> dict | None:
    """The source text around a statement's span, as the API shows it."""
    if statement.span_start is None:
        return None
    text = statement.source.text
    return {
        "before": text[max(0, statement.span_start - 120) : statement.span_start],
        "after": text[statement.span_end : statement.span_end + 120],
    }


def selectors(statement) -> list | None:
    """A statement's W3C selectors, as the API shows them: its span, and the passage with 32 characters each side."""
    if statement.span_start is None:
        return None
    text, start, end = statement.source.text, statement.span_start, statement.span_end
    return [
        {"type": "TextPositionSelector", "start": start, "end": end},
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - 32) : start],
            "suffix": text[end : end + 32],
        },
    ]


def streamed_json(response):
    """The JSON body of an answer streamed from a file (the export), which the test client cannot parse."""
    return json.loads(b"".join(response.streaming_content))
