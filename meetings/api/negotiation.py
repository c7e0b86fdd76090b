from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class StrictContentNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 400 that names the parameter, where DRF would answer a bare 404.

    A format suffix in the path (`/meetings.json`) names a URL, so an unknown one stays a 404. A
    method the view does not take is a 405 whatever the query says: its format is not checked.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        param = self.settings.URL_FORMAT_OVERRIDE
        format = request.query_params.get(param)
        if format and not format_suffix and not any(renderer.format == format for renderer in renderers):
            if not _handles(request.parser_context.get("view"), request.method):
                return renderers[0], renderers[0].media_type
            choices = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
            raise ValidationError({param: [f"Unknown format “{format[:40]}”; choose from: {choices}."]})
        return super().select_renderer(request, renderers, format_suffix)


def _handles(view, method: str) -> bool:
    method = method.lower()
    return view is None or (method in view.http_method_names and hasattr(view, method))
