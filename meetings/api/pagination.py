from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"A valid integer is required, not “{raw[:40]}”."]}) from None
    if value < 1:
        raise ValidationError({name: ["Ensure this value is greater than or equal to 1."]})
    return value


class StrictPageNumberPagination(PageNumberPagination):
    """Page-number pagination that answers 400 to a bad page or page size instead of guessing.

    DRF silently clamps an oversized ``page_size``; a client asking for 10,000 rows and
    getting 100 without a word would page wrongly, so it is told instead.
    """

    page_size_query_param = "page_size"
    page_size_query_description = "Number of results per page, from 1 to {max}; the default is {default}."
    page_query_description = "Page number, from 1."

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        page_size = _positive_int(request, self.page_size_query_param)
        if page_size is None:
            return self.page_size
        if page_size > self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"Ensure this value is less than or equal to {self.max_page_size}."]}
            )
        return page_size

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": "Total number of results across all pages.",
            "next": "URL of the next page, or null on the last page.",
            "previous": "URL of the previous page, or null on the first page.",
            "results": "The results on this page.",
        }
        for name, description in descriptions.items():
            paginated["properties"][name]["description"] = description
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = self.page_size_query_description.format(
                    max=self.max_page_size, default=self.page_size
                )
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
