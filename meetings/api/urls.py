from django.urls import path
from rest_framework.routers import DefaultRouter

from . import annotations, changes, export, root, views
from .analysis import views as analysis

app_name = "api"

router = DefaultRouter()
router.include_root_view = False  # the root is root.APIRootView, below
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("", root.APIRootView.as_view(), name="api-root"),
    *router.urls,
    path("meetings/<slug:slug>/positions/", analysis.MeetingPositionsView.as_view(), name="meeting-positions"),
    path("topics/<slug:slug>/positions/", analysis.TopicPositionsView.as_view(), name="topic-positions"),
    path(
        "participants/<slug:slug>/counterparts/",
        analysis.CounterpartsView.as_view(),
        name="participant-counterparts",
    ),
    path(
        "sources/<slug:slug>/annotations/",
        annotations.SourceAnnotationsView.as_view(),
        name="source-annotations",
    ),
    path("network/", analysis.NetworkView.as_view(), name="network"),
    path("timeline/", analysis.TimelineView.as_view(), name="timeline"),
    path("export/", export.ExportView.as_view(), name="export"),
    path("export/datapackage/", export.DataPackageView.as_view(), name="export-datapackage"),
    path("changes/", changes.ChangesView.as_view(), name="changes"),
]
