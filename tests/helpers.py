from rest_framework.fields import DateTimeField

_datetime = DateTimeField()


def stamps(instance) -> dict:
    """The created/updated timestamps of a record, as the API renders them."""
    instance.refresh_from_db(fields=["created_at", "updated_at"])
    return {
        "created_at": _datetime.to_representation(instance.created_at),
        "updated_at": _datetime.to_representation(instance.updated_at),
    }


def page(results: list, count: int | None = None, next_url: str | None = None, previous: str | None = None) -> dict:
    return {
        "count": len(results) if count is None else count,
        "next": next_url,
        "previous": previous,
        "results": results,
    }
