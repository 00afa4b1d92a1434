"""URLs of the vacancies pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.vacancies import views

urlpatterns = [
    path("vacancies/", views.index, name="vacancies"),
]
