"""The company's report: needs, support, training and the regional picture, in its language."""

import datetime

import pytest
from django.utils import translation

from kohtaamo.competences.enums import Importance
from kohtaamo.employers.enums import ReportLanguage
from kohtaamo.insights.labour import OccupationPicture
from kohtaamo.mappings import services
from kohtaamo.mappings.enums import Horizon, NeedPurpose, Support
from kohtaamo.mappings.report import build_report, tension_sentence
from kohtaamo.mappings.support import describe, matching_support
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import (
    EXCAVATOR_OPERATOR,
    MACHINE_UNIT,
    OPERATE_EXCAVATOR,
    SAFETY_CARD,
    occupation,
)

pytestmark = pytest.mark.django_db


def finished_mapping(coordinator, organisation, *, language=ReportLanguage.FI, hires=3):
    employer = EmployerFactory(partners=[organisation], language=language)
    mapping = services.start_mapping(
        actor=coordinator, employer=employer, organisation=organisation
    )
    excavator = occupation(EXCAVATOR_OPERATOR)
    data = services.MappingAnswers(
        visit_date=datetime.date(2025, 3, 12),
        workforce=[services.WorkforceRow(excavator, 4)],
        planned_hires=[services.HireRow(excavator, hires, Horizon.NOW)],
        needs=[
            services.NeedRow(OPERATE_EXCAVATOR, Importance.IMPORTANT),
            services.NeedRow(SAFETY_CARD, Importance.ESSENTIAL),
            services.NeedRow(
                OPERATE_EXCAVATOR, horizon=Horizon.ONE_TO_THREE_YEARS, occupation=excavator
            ),
            services.NeedRow(MACHINE_UNIT, purpose=NeedPurpose.STAFF),
        ],
        offers_work_trials=True,
        unknown_support=[Support.PAY_SUBSIDY],
        staff_development_note="Uudet koneet.",
    )
    services.save_draft(actor=coordinator, mapping=mapping, data=data)
    return services.finish_mapping(actor=coordinator, mapping=mapping)


def test_a_draft_has_no_report(draft):
    with pytest.raises(ValueError):
        build_report(draft)


def test_needs_are_grouped_by_horizon_then_importance(coordinator, rovaniemi):
    report = build_report(finished_mapping(coordinator, rovaniemi))
    groups = [(g.horizon, g.importance, [n.label for n in g.needs]) for g in report.needs]
    with translation.override("fi"):
        now, later = str(Horizon.NOW.label), str(Horizon.ONE_TO_THREE_YEARS.label)
        essential, important = str(Importance.ESSENTIAL.label), str(Importance.IMPORTANT.label)
    assert groups == [
        (now, essential, ["Työturvallisuuskortti"]),
        (now, important, ["käyttää kaivinkonetta"]),
        (later, important, ["käyttää kaivinkonetta"]),
    ]
    assert report.needs[0].needs[0].kind == "licence"
    assert report.needs[-1].needs[0].occupation == "kaivinkoneenkuljettaja"
    assert [n.label for n in report.staff_needs] == ["Työkoneiden käyttö ja huolto"]
    assert report.staff_note == "Uudet koneet."
    assert report.total_hires == 3
    assert report.hires[0].hires[0].occupation == "kaivinkoneenkuljettaja"


def test_support_fits_unknown_willingness_and_hires(coordinator, rovaniemi):
    report = build_report(finished_mapping(coordinator, rovaniemi))
    codes = [m.info.code for m in report.support]
    assert codes == [
        Support.PAY_SUBSIDY,
        Support.WORK_TRIAL,
        Support.RECRUITMENT_TRAINING,
        Support.TARGETED_TRAINING,
        Support.RECRUITMENT_SERVICE,
    ]
    assert "Rovaseutu" in report.support[0].info.offered_by  # the employer's employment area


def test_training_names_the_licence_course_and_the_units(coordinator, rovaniemi):
    report = build_report(finished_mapping(coordinator, rovaniemi))
    training = {line.need: line for line in report.training}
    card = training["Työturvallisuuskortti"]
    assert card.issuer == "Työturvallisuuskeskus TTK"
    assert card.course_days == 1
    assert card.validity_years == 5
    assert "Maarakennuskoneiden käyttö" in [u.name for u in training["käyttää kaivinkonetta"].units]
    assert [u.name for u in training["Työkoneiden käyttö ja huolto"].units] == [
        "Työkoneiden käyttö ja huolto"
    ]


def test_regional_picture_of_the_companys_occupations(coordinator, rovaniemi):
    report = build_report(finished_mapping(coordinator, rovaniemi))
    [line] = report.regional  # the hire and the workforce are the same occupation
    assert line.isco == "8342"
    assert line.group == "Maansiirtokoneiden ym. kuljettajat"
    assert line.latest_month == "10/2023"
    assert line.picture.unemployed > 0 and line.picture.vacancies_12m > 0
    assert line.tension
    assert line.peak_months and all(m.islower() for m in line.peak_months)


def test_report_is_in_the_employers_language_whatever_is_active(coordinator, rovaniemi):
    mapping = finished_mapping(coordinator, rovaniemi, language=ReportLanguage.SV)
    with translation.override("en"):
        report = build_report(mapping)
    labels = [n.label for g in report.needs for n in g.needs]
    assert "Arbetarskyddskort" in labels
    assert "använda grävmaskin" in labels
    assert report.hires[0].hires[0].occupation == "grävmaskinsförare"
    assert report.regional[0].group == "Anläggningsmaskinförare m.fl."
    assert report.language == "sv"


def test_english_report_uses_english_labels(coordinator, rovaniemi):
    report = build_report(finished_mapping(coordinator, rovaniemi, language=ReportLanguage.EN))
    assert report.needs[0].needs[0].label == "Occupational safety card"
    assert report.needs[0].horizon == "now"
    assert report.support[0].info.name == "pay subsidy"


def test_support_matching_is_plain_data():
    found = matching_support(
        unknown=[Support.START_UP_GRANT],
        willingness={"offers_apprenticeships": True, "offers_work_trials": False},
        hires_by_occupation={"kokki": 2, "tarjoilija": 1},
    )
    assert [m.info.code for m in found] == [
        Support.APPRENTICESHIP,
        Support.START_UP_GRANT,
        Support.RECRUITMENT_SERVICE,
    ]
    assert not matching_support(unknown=[], willingness={}, hires_by_occupation={})


def test_three_hires_of_one_occupation_suggest_training_designed_with_the_employer():
    with translation.override("en"):
        found = matching_support(unknown=[], willingness={}, hires_by_occupation={"cook": 3})
    training = {m.info.code: m.reasons for m in found}
    assert training[Support.RECRUITMENT_TRAINING] == ["You plan to hire 3 people as cook."]


def test_every_support_has_a_description():
    with translation.override("en"):
        for code in Support.values:
            info = describe(code)
            assert info.what and info.offered_by and info.name


@pytest.mark.parametrize(
    ("unemployed", "vacancies", "words"),
    [
        (10, 30, "More vacancies than job seekers"),
        (10, 10, "About as many"),
        (10, 5, "More job seekers than vacancies"),
        (100, 5, "Many more job seekers"),
        (0, 5, "hardly any job seekers"),
    ],
)
def test_tension_in_plain_words(unemployed, vacancies, words):
    picture = OccupationPicture("8342", "2023-10", unemployed, vacancies, unemployed, vacancies, [])
    with translation.override("en"):
        assert words in tension_sentence(picture)
