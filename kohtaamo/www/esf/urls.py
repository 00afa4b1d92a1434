"""URLs of the esf pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.esf import views

urlpatterns: list = [
    path("projects/", views.index, name="projects"),
    path("projects/<uuid:public_id>/", views.detail, name="project"),
    path(
        "projects/<uuid:public_id>/participants/",
        views.participants,
        name="project_participants",
    ),
    path(
        "projects/<uuid:public_id>/participants/add/",
        views.participant_add,
        name="participant_add",
    ),
    path(
        "projects/<uuid:public_id>/missing-exits/",
        views.missing_exits,
        name="project_missing_exits",
    ),
    path(
        "projects/<uuid:public_id>/indicators.xlsx",
        views.indicators_xlsx,
        name="project_indicators_xlsx",
    ),
    path(
        "projects/<uuid:public_id>/indicators.csv",
        views.indicators_csv,
        name="project_indicators_csv",
    ),
    path("participants/<uuid:public_id>/", views.participant_edit, name="participant_edit"),
]
