from django.urls import path
from rest_framework.routers import DefaultRouter

from . import changes, export, relations, views

app_name = "api"

router = DefaultRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    *router.urls,
    path("meetings/<slug:slug>/positions/", relations.MeetingPositionsView.as_view(), name="meeting-positions"),
    path("topics/<slug:slug>/positions/", relations.TopicPositionsView.as_view(), name="topic-positions"),
    path(
        "participants/<slug:slug>/counterparts/",
        relations.CounterpartsView.as_view(),
        name="participant-counterparts",
    ),
    path("network/", relations.NetworkView.as_view(), name="network"),
    path("timeline/", relations.TimelineView.as_view(), name="timeline"),
    path("export/", export.ExportView.as_view(), name="export"),
    path("changes/", changes.ChangesView.as_view(), name="changes"),
]
