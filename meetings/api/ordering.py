from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    """Ordering that refuses an unknown field with 400, where DRF would silently ignore it.

    Several comma-separated keys sort by the first and break its ties by the next (``-date,title``);
    empty keys and the spaces around a key are ignored. A requested order ends with the primary
    key, so that paging through equal values is stable.
    """

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [field for field in fields if field.lstrip("-") not in valid]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Unknown ordering field “{unknown[0][:40]}”; choose from: {', '.join(sorted(valid))}, "
                            "each optionally prefixed with “-” for descending order."
                        ]
                    }
                )
            # A tie-breaker, so that records with equal values never swap places between pages.
            ordering = super().get_ordering(request, queryset, view)
            return [*ordering, "pk"] if "pk" not in ordering and "id" not in ordering else ordering
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None)
        if fields and fields != "__all__":
            for parameter in parameters:
                parameter["description"] = (
                    f"Sort by one or more of: {', '.join(fields)}; comma-separated, “-” prefix for descending. "
                    f"Without it: {view.default_order}."
                )
        return parameters
