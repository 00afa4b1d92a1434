"""URLs of the vacancies pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.vacancies import views

urlpatterns = [
    path("vacancies/", views.index, name="vacancies"),
    path("vacancies/new/", views.create, name="vacancy_create"),
    path("vacancies/from-text/", views.from_text, name="vacancy_from_text"),
    path("vacancies/import/", views.import_page, name="vacancy_import"),
    path("vacancies/search/", views.competence_search, name="vacancy_search"),
    path("vacancies/<uuid:public_id>/", views.detail, name="vacancy"),
    path("vacancies/<uuid:public_id>/edit/", views.edit, name="vacancy_edit"),
    path("vacancies/<uuid:public_id>/status/", views.change_status, name="vacancy_status"),
    path(
        "mappings/<uuid:public_id>/hires/<int:hire_id>/vacancy/",
        views.from_hire,
        name="vacancy_from_hire",
    ),
]
