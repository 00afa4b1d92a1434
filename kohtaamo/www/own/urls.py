"""URLs of the job seeker's own view, "Oma Kohtaamo" (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.own import views

urlpatterns = [
    path("oma/", views.home, name="own_home"),
]
