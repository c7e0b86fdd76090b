from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = router.urls
