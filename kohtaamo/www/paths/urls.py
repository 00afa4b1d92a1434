"""URLs of the paths pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.paths import views

urlpatterns = [
    path("clients/<uuid:public_id>/path/", views.client_path, name="client_path"),
    path("clients/<uuid:public_id>/path/plan.pdf", views.client_path_pdf, name="client_path_pdf"),
    path("clients/<uuid:public_id>/path/edit/", views.path_edit, name="path_edit"),
    path("clients/<uuid:public_id>/path/goals/add/", views.path_goal_add, name="path_goal_add"),
    path("clients/<uuid:public_id>/path/steps/add/", views.path_step_add, name="path_step_add"),
    path("steps/<uuid:step_id>/edit/", views.path_step_edit, name="path_step_edit"),
    path("steps/<uuid:step_id>/status/", views.path_step_status, name="path_step_status"),
    path("services/", views.service_catalogue, name="service_catalogue"),
    path("services/add/", views.service_type_add, name="service_type_add"),
    path("services/<slug:code>/edit/", views.service_type_edit, name="service_type_edit"),
]
