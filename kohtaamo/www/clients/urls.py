"""URLs of the job seekers' pages for coordinators (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.clients import views

urlpatterns = [
    path("clients/", views.index, name="clients"),
    path("clients/new/", views.create, name="client_create"),
    path("clients/occupations/", views.occupation_options, name="client_occupation_options"),
    path("clients/<uuid:public_id>/", views.detail, name="client"),
    path("clients/<uuid:public_id>/edit/", views.edit, name="client_edit"),
    path("clients/<uuid:public_id>/contact/", views.contact, name="client_contact"),
    path("clients/<uuid:public_id>/consents/", views.consents, name="client_consents"),
    path(
        "clients/<uuid:public_id>/consents/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="client_consent_withdraw",
    ),
]

# The competence mapping of a job seeker (kohtaamo/www/clients/competences.py).
from kohtaamo.www.clients import competences as competence_views  # noqa: E402

urlpatterns += [
    path(
        "clients/<uuid:public_id>/competences/",
        competence_views.competences_page,
        name="client_competences",
    ),
    path(
        "clients/<uuid:public_id>/competences/search/",
        competence_views.competence_search,
        name="client_competence_search",
    ),
    path(
        "clients/<uuid:public_id>/competences/add/",
        competence_views.competence_add,
        name="client_competence_add",
    ),
    path(
        "clients/<uuid:public_id>/competences/change/",
        competence_views.competence_change,
        name="client_competence_change",
    ),
    path(
        "clients/<uuid:public_id>/competences/confirm-all/",
        competence_views.confirm_all,
        name="client_competence_confirm_all",
    ),
    path(
        "clients/<uuid:public_id>/competences/text/",
        competence_views.competence_text,
        name="client_competence_text",
    ),
    path(
        "clients/<uuid:public_id>/competences/work-history/",
        competence_views.work_history,
        name="client_competence_work_history",
    ),
    path(
        "clients/<uuid:public_id>/competences/languages/",
        competence_views.languages,
        name="client_competence_languages",
    ),
    path(
        "clients/<uuid:public_id>/competences/strengths/",
        competence_views.strengths,
        name="client_competence_strengths",
    ),
]

# Import of job seekers and erasure of their data (kohtaamo/www/clients/imports.py).
from kohtaamo.www.clients import imports as import_views  # noqa: E402

urlpatterns += [
    path("clients/import/", import_views.import_page, name="client_import"),
    path("clients/<uuid:public_id>/erase/", import_views.erase_page, name="client_erase"),
]
