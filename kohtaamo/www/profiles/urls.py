"""URLs of the profiles pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.profiles import views

urlpatterns = [
    path("profiles/", views.index, name="profiles"),
]
