from django.urls import path

from portal.adoption import views

urlpatterns = [
    path("pouzivame/<int:page_id>/", views.record_adoption, name="adoption_record"),
]
