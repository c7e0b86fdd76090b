from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from meetings.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("meetings.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "api/redoc/", SpectacularRedocView.as_view(url_name="schema", template_name="meetings/redoc.html"), name="redoc"
    ),
    path("healthz/", healthz, name="healthz"),
]

handler404 = "meetings.views.not_found"
handler500 = "meetings.views.server_error"
