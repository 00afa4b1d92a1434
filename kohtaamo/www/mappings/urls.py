"""URLs of the mappings pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.mappings import views

urlpatterns = [
    path("employers/<uuid:public_id>/mappings/new/", views.mapping_create, name="mapping_create"),
    path("mappings/<uuid:public_id>/", views.mapping_detail, name="mapping"),
    path("mappings/<uuid:public_id>/finish/", views.mapping_finish, name="mapping_finish"),
    path("mappings/<uuid:public_id>/revise/", views.mapping_revise, name="mapping_revise"),
    path("mappings/<uuid:public_id>/report/", views.mapping_report, name="mapping_report"),
    path(
        "mappings/<uuid:public_id>/report.pdf",
        views.mapping_report_pdf,
        name="mapping_report_pdf",
    ),
    path("mappings/<uuid:public_id>/search/", views.need_search, name="mapping_need_search"),
    path(
        "mappings/<uuid:public_id>/occupations/",
        views.occupation_options,
        name="mapping_occupations",
    ),
]
