"""Finishing touches on the generated OpenAPI document."""

# An example for every query parameter the API takes, by name: the same name means the
# same thing on every endpoint, so one table serves them all.
QUERY_EXAMPLES = {
    "page": 1,
    "page_size": 50,
    "ordering": "-date",
    "search": 'lavrov "chemical weapons" -trump',
    "format": "csv",
    "updated_since": "2026-11-22T08:00:00Z",
    "date_after": "2017-01-01",
    "date_before": "2017-12-31",
    "participant": "sergey-lavrov",
    "speaker": "sergey-lavrov",
    "via": "sergey-lavrov",
    "met_with": "rex-tillerson",
    "country": "RU",
    "speaker_country": "US",
    "topic": "syria",
    "parent": "syria",
    "meeting": "lavrov-tillerson-talks-moscow-2017-04-12",
    "source": "tillerson-visits-moscow-turbulent-period",
    "publisher": "Sputnik International",
    "language": "en",
    "channel": "press_conference",
    "status": "held",
    "review_status": "draft",
}
KIND_EXAMPLES = {"meetings": "talks", "participants": "person", "statements": "direct_quote", "sources": "opinion"}


def add_query_examples(result, generator, request, public):
    """Give each query parameter that has none an example from the table above."""
    for path, item in result.get("paths", {}).items():
        resource = path.strip("/").split("/")[2] if path.count("/") >= 4 else ""
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query" or "example" in parameter or "examples" in parameter:
                    continue
                if parameter["name"] == "kind" and resource in KIND_EXAMPLES:
                    parameter["example"] = KIND_EXAMPLES[resource]
                elif parameter["name"] == "parent" and resource == "meetings":
                    parameter["example"] = "tillerson-visit-moscow-2017-04"
                elif parameter["name"] in QUERY_EXAMPLES:
                    parameter["example"] = QUERY_EXAMPLES[parameter["name"]]
    return result
