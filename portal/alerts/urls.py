from django.urls import path

from portal.alerts import views

app_name = "alerts"

urlpatterns = [
    path("odber/", views.subscribe, name="subscribe"),
    path("odber/odeslano/", views.sent, name="sent"),
    path("odber/potvrdit/<str:token>/", views.confirm, name="confirm"),
    path("odber/nastaveni/<str:token>/", views.manage, name="manage"),
    path("odber/odhlasit/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
