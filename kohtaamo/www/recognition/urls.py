"""URLs of the recognition pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.recognition import views

urlpatterns = [
    path("environments/", views.environments, name="learning_environments"),
    path("environments/add/", views.environment_add, name="learning_environment_add"),
    path("environments/<uuid:public_id>/", views.environment, name="learning_environment"),
    path(
        "environments/<uuid:public_id>/edit/",
        views.environment_edit,
        name="learning_environment_edit",
    ),
    path(
        "environments/<uuid:public_id>/units/",
        views.unit_search,
        name="learning_environment_unit_search",
    ),
    path(
        "environments/<uuid:public_id>/tasks/",
        views.task_change,
        name="learning_environment_task",
    ),
    path(
        "environments/<uuid:public_id>/mapping/",
        views.mapping,
        name="learning_environment_mapping",
    ),
    path(
        "environments/<uuid:public_id>/sign-off/",
        views.sign_off,
        name="learning_environment_sign_off",
    ),
    path(
        "clients/<uuid:public_id>/environments/add/",
        views.period_add,
        name="environment_period_add",
    ),
    path("periods/<uuid:public_id>/", views.period, name="environment_period"),
    path(
        "periods/<uuid:public_id>/certificate.pdf",
        views.certificate_pdf,
        name="environment_certificate",
    ),
]
