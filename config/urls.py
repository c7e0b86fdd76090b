from django.contrib import admin
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from meetings.views import healthz

# The docs pages may load nothing from another host: their viewers sometimes try (Redoc's
# logo, for one), and the machines this runs on may have no internet at all.
DOCS_CSP = csp_override(
    {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:"],
        "font-src": [CSP.SELF, "data:"],
        "worker-src": [CSP.SELF, "blob:"],
        "connect-src": [CSP.SELF],
    }
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("meetings.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", DOCS_CSP(SpectacularSwaggerView.as_view(url_name="schema")), name="swagger-ui"),
    path(
        "api/redoc/",
        DOCS_CSP(SpectacularRedocView.as_view(url_name="schema", template_name="meetings/redoc.html")),
        name="redoc",
    ),
    path("healthz/", healthz, name="healthz"),
]

handler404 = "meetings.views.not_found"
handler500 = "meetings.views.server_error"
