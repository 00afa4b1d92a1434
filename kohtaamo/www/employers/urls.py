"""URLs of the employers pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.employers import views

urlpatterns = [
    path("employers/", views.index, name="employers"),
    path("employers/new/", views.create, name="employer_create"),
    path("employers/import/", views.import_page, name="employer_import"),
    path("employers/export.csv", views.export, name="employer_export"),
    path("employers/<uuid:public_id>/", views.detail, name="employer"),
    path("employers/<uuid:public_id>/edit/", views.edit, name="employer_edit"),
    path("employers/<uuid:public_id>/share/", views.share, name="employer_share"),
    path(
        "employers/<uuid:public_id>/contacts/new/", views.contact_add, name="employer_contact_add"
    ),
    path(
        "employers/<uuid:public_id>/contacts/<uuid:contact_id>/",
        views.contact_edit,
        name="employer_contact_edit",
    ),
    path(
        "employers/<uuid:public_id>/contacts/<uuid:contact_id>/remove/",
        views.contact_remove,
        name="employer_contact_remove",
    ),
]
