from django.urls import path

from portal.opendata import views
from portal.opendata.api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("data/", views.data_index, name="opendata_index"),
    path("data/<slug:slug>.csv", views.catalogue_csv, name="opendata_csv"),
    path("data/<slug:slug>.json", views.catalogue_json, name="opendata_json"),
    path("kalendar.ics", views.calendar_ics, name="opendata_calendar"),
]
