"""URLs of the job seekers' pages for coordinators (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.clients import views

urlpatterns = [
    path("clients/", views.index, name="clients"),
]
