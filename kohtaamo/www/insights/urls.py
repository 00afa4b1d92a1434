"""URLs of the regional insight pages (names are in the www namespace).

views.py: the front page of insight; situation.py: the situation picture from the public
statistics; bottlenecks.py: skill bottlenecks and foresight from Kohtaamo's own data;
scenarios.py: the situation room; monitoring.py: the projects' indicators and impact follow-up.
Area codes: MK19 (region), SK191 (sub-region), KU698 (municipality).
"""

from django.urls import path

from kohtaamo.www.insights import bottlenecks, monitoring, scenarios, situation, views

S = "scenarios/<uuid:public_id>/"

urlpatterns = [
    path("insight/", views.index, name="insights"),
    path("regions/<str:code>/situation/", situation.situation, name="situation"),
    path("regions/<str:code>/situation.csv", situation.situation_csv, name="situation_csv"),
    path("regions/<str:code>/bottlenecks/", bottlenecks.bottlenecks, name="bottlenecks"),
    path("regions/<str:code>/bottlenecks.csv", bottlenecks.bottlenecks_csv, name="bottlenecks_csv"),
    path("scenarios/", scenarios.scenario_list, name="scenarios"),
    path("scenarios/new/", scenarios.scenario_add, name="scenario_add"),
    path(S, scenarios.scenario_detail, name="scenario"),
    path(S + "edit/", scenarios.scenario_edit, name="scenario_edit"),
    path(S + "briefing.pdf", scenarios.scenario_pdf, name="scenario_pdf"),
    path("monitoring/", monitoring.monitoring, name="monitoring"),
    path("monitoring.csv", monitoring.monitoring_csv, name="monitoring_csv"),
]
