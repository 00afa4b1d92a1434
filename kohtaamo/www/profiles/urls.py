"""URLs of the profiles pages (names are in the www namespace).

`key` is an ISCO code ("8342") or an ESCO occupation's UUID.
"""

from django.urls import path

from kohtaamo.www.profiles import views

urlpatterns = [
    path("profiles/", views.index, name="profiles"),
    path("profiles/<str:key>/", views.profile, name="profile"),
    path("profiles/<str:key>/pdf/", views.profile_pdf, name="profile_pdf"),
]
