from django.urls import path

from portal.suggestions import views

urlpatterns = [
    path("navrhnout/", views.suggest, name="suggest"),
    path("navrhnout/posuzovane/", views.under_review, name="suggestions_under_review"),
]
