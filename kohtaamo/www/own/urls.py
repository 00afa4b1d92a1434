"""URLs of the job seeker's own view, "Oma Kohtaamo" (names are in the www namespace).

None of them carries a job seeker's id: the record is always the logged-in person's own.
"""

from django.urls import path

from kohtaamo.www.own import events, views

urlpatterns = [
    path("oma/", views.home, name="own_home"),
    path("oma/details/", views.profile, name="own_profile"),
    path("oma/competences/", views.competences, name="own_competences"),
    path("oma/competences/search/", views.competence_search, name="own_competence_search"),
    path("oma/competences/assess/", views.competence_assess, name="own_competence_assess"),
    path("oma/competences/add/", views.competence_add, name="own_competence_add"),
    path("oma/competences/suggestions/", views.suggestion_answer, name="own_suggestion_answer"),
    path("oma/wishes/", views.wishes, name="own_wishes"),
    path("oma/wishes/occupations/", views.occupation_options, name="own_occupation_options"),
    path("oma/team/", views.consents, name="own_consents"),
    path(
        "oma/team/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="own_consent_withdraw",
    ),
    path("oma/my-data/", views.export_page, name="own_export"),
    path("oma/my-data/kohtaamo.json", views.export_json, name="own_export_json"),
    path("oma/my-data/kohtaamo.pdf", views.export_pdf, name="own_export_pdf"),
    path("oma/events/", events.event_list, name="own_events"),
    path("oma/events/<uuid:public_id>/register/", events.register, name="own_event_register"),
    path("oma/events/<uuid:public_id>/cancel/", events.cancel, name="own_event_cancel"),
    path("oma/events/<uuid:public_id>/schedule/", events.schedule, name="own_event_schedule"),
    path(
        "oma/events/<uuid:public_id>/schedule.ics",
        events.schedule_ics,
        name="own_event_schedule_ics",
    ),
]
