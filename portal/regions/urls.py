from django.urls import path

from portal.regions import views

urlpatterns = [
    path("kraje/", views.region_index, name="region_index"),
    path("kraje/<slug:slug>/", views.region_detail, name="region_detail"),
]
