"""URLs of the events pages (names are in the www namespace).

views.py: organisers' pages; printouts.py: schedules, PDFs, calendar files and the room
board; followup.py: the employers' link, outcomes and the event report.
"""

from django.urls import path

from kohtaamo.www.events import followup, printouts, views

E = "events/<uuid:public_id>/"

urlpatterns = [
    # Organisers' pages (views.py)
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_add, name="event_add"),
    path(E, views.event_detail, name="event"),
    path(E + "edit/", views.event_edit, name="event_edit"),
    path(E + "employers/add/", views.employer_add, name="event_employer_add"),
    path(E + "employers/<uuid:participation_id>/", views.employer_edit, name="event_employer_edit"),
    path(
        E + "employers/<uuid:participation_id>/cancel/",
        views.employer_cancel,
        name="event_employer_cancel",
    ),
    path(E + "registrations/", views.registrations, name="event_registrations"),
    path(E + "registrations/add/", views.registration_add, name="event_registration_add"),
    path(
        E + "registrations/<uuid:registration_id>/cancel/",
        views.registration_cancel,
        name="event_registration_cancel",
    ),
    path(
        E + "registrations/<uuid:registration_id>/wishes/",
        views.registration_wishes,
        name="event_registration_wishes",
    ),
    path(E + "schedule/", views.schedule, name="event_schedule"),
    path(E + "schedule/replan/", views.replan, name="event_replan"),
    path("clients/<uuid:public_id>/events/", views.client_events, name="client_events"),
    # Printouts and screens (printouts.py)
    path(
        E + "schedule/seekers/<uuid:registration_id>/",
        printouts.seeker_schedule,
        name="event_seeker_schedule",
    ),
    path(
        E + "schedule/seekers/<uuid:registration_id>/schedule.pdf",
        printouts.seeker_schedule_pdf,
        name="event_seeker_schedule_pdf",
    ),
    path(
        E + "schedule/seekers/<uuid:registration_id>/schedule.ics",
        printouts.seeker_schedule_ics,
        name="event_seeker_schedule_ics",
    ),
    path(
        E + "schedule/seekers.pdf",
        printouts.seeker_schedules_pdf,
        name="event_seeker_schedules_pdf",
    ),
    path(
        E + "schedule/employers/<uuid:participation_id>/",
        printouts.employer_schedule,
        name="event_employer_schedule",
    ),
    path(
        E + "schedule/employers/<uuid:participation_id>/schedule.pdf",
        printouts.employer_schedule_pdf,
        name="event_employer_schedule_pdf",
    ),
    path(
        E + "schedule/employers/<uuid:participation_id>/schedule.ics",
        printouts.employer_schedule_ics,
        name="event_employer_schedule_ics",
    ),
    path(
        E + "schedule/employers.pdf",
        printouts.employer_schedules_pdf,
        name="event_employer_schedules_pdf",
    ),
    path(E + "board/", printouts.board, name="event_board"),
    path(E + "board.pdf", printouts.board_pdf, name="event_board_pdf"),
    # Follow-up and report (followup.py)
    path(E + "follow-up/", followup.followup, name="event_followup"),
    path(E + "follow-up/links/", followup.send_links, name="event_send_links"),
    path(
        E + "interviews/<uuid:interview_id>/outcome/",
        followup.interview_outcome,
        name="event_interview_outcome",
    ),
    path(E + "report/", followup.report, name="event_report"),
    path(E + "report.csv", followup.report_csv, name="event_report_csv"),
    path("event-link/<str:token>/", followup.employer_link, name="event_employer_link"),
]
