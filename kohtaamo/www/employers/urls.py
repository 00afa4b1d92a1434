"""URLs of the employers pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.employers import views

urlpatterns = [
    path("employers/", views.index, name="employers"),
]
