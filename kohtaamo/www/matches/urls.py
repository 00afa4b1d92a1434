"""URLs of the matching pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.matches import matches, seasonal, training

urlpatterns = [
    path("clients/<uuid:public_id>/matches/", matches.client_matches, name="client_matches"),
    path(
        "vacancies/<uuid:public_id>/candidates/",
        matches.vacancy_candidates,
        name="vacancy_candidates",
    ),
    path("clients/<uuid:public_id>/training/", training.client_training, name="client_training"),
    path("regions/<str:code>/training/", training.region_training, name="region_training"),
    path("clients/<uuid:public_id>/seasonal/", seasonal.client_seasonal, name="client_seasonal"),
    path(
        "regions/<str:code>/shared-workers/",
        seasonal.region_employer_pairs,
        name="region_employer_pairs",
    ),
]
