"""Profiles from the database: what counts as evidence, keys, areas, labels and training."""

import pytest
from django.utils import translation

from kohtaamo.profiles.services import (
    UnknownArea,
    UnknownProfile,
    find_occupations,
    occupation_profile,
    profile_index,
    resolve_area,
    resolve_key,
)
from tests.mappings.factories import EXCAVATOR_OPERATOR
from tests.profiles.fixtures import (
    EXCAVATOR_KEY,
    FIRST_AID,
    OPERATE_EXCAVATOR,
    OPERATE_FORKLIFT,
    OPERATE_GPS,
    ROAD_SAFETY,
    SAFETY_CARD,
)

pytestmark = pytest.mark.django_db


def by_uri(view):
    return {c.uri: c for c in view.competences}


def test_excavator_operator_profile_from_mappings_and_vacancies(evidence):
    view = occupation_profile(key=EXCAVATOR_KEY)
    p = view.profile
    assert (p.employers, p.mappings, p.vacancies, p.open_vacancies) == (2, 2, 1, 1)
    assert (p.openings_now, p.openings_later) == (2 + 3, 1)
    excavator = by_uri(view)[OPERATE_EXCAVATOR]
    assert (excavator.employers, excavator.mappings, excavator.vacancies) == (1, 1, 1)
    assert excavator.weight == 0.5  # one of two employers, essential and of top importance
    assert excavator.esco_relation == "essential"
    assert view.competences[0].uri == OPERATE_EXCAVATOR


def test_needs_without_occupation_count_through_the_planned_hires(evidence):
    view = occupation_profile(key=EXCAVATOR_KEY)
    assert SAFETY_CARD in by_uri(view)
    assert FIRST_AID not in by_uri(view)  # for the current staff, not the hires


def test_only_current_finished_mappings_and_published_vacancies_count(evidence):
    uris = set(by_uri(occupation_profile(key=EXCAVATOR_KEY)))
    assert OPERATE_GPS not in uris  # asked only in a superseded version
    assert OPERATE_FORKLIFT not in uris  # asked only in drafts


def test_licences_carry_course_details_and_units(evidence):
    view = occupation_profile(key=EXCAVATOR_KEY)
    licences = {row.uri: row for row in view.licences}
    assert licences[ROAD_SAFETY].vacancy_share == 1.0
    card = licences[SAFETY_CARD]
    assert card.label == "Työturvallisuuskortti"
    assert card.course_days == 1.0
    assert card.issuer
    assert "Infra-alan työmaalla toimiminen" in [unit.name for unit in card.units]


def test_top_skills_carry_the_units_that_teach_them(evidence):
    excavator = by_uri(occupation_profile(key=EXCAVATOR_KEY))[OPERATE_EXCAVATOR]
    assert "Maarakennuskoneiden käyttö" in [unit.name for unit in excavator.units]


def test_esco_essentials_nobody_asked_for(evidence):
    unasked = [uri for uri, _, _ in occupation_profile(key=EXCAVATOR_KEY).unasked_essentials]
    assert OPERATE_GPS in unasked
    assert OPERATE_EXCAVATOR not in unasked


def test_isco_key_covers_every_occupation_of_the_group(evidence):
    view = occupation_profile(key="8342")
    assert view.scope.kind == "isco"
    assert "8342.1" in [o.code for o in view.occupations]
    assert view.profile.employers == 3
    excavator = by_uri(view)[OPERATE_EXCAVATOR]
    assert excavator.employers == 2
    assert excavator.weight == pytest.approx((1.0 + 0.75 * 0.5) / 3, abs=1e-4)
    assert by_uri(view)[OPERATE_FORKLIFT].esco_relation == "addition"


def test_uri_uuid_and_isco_group_uri_keys_resolve(evidence):
    assert resolve_key(EXCAVATOR_OPERATOR).key == EXCAVATOR_KEY
    assert resolve_key(EXCAVATOR_KEY).concept.code == "8342.3"
    assert resolve_key("http://data.europa.eu/esco/isco/C8342").key == "8342"


def test_occupation_covers_its_narrower_occupations_only():
    codes = [o.code for o in resolve_key("cae71f3f-ad4d-480e-b501-bff22827e60c").occupations]
    assert codes == ["8342.1"]  # not 8342.10


@pytest.mark.parametrize(
    "key", ["9999", "12345", "not-a-key", "00000000-0000-0000-0000-000000000000"]
)
def test_unknown_keys_are_refused(db, key):
    with pytest.raises(UnknownProfile):
        resolve_key(key)


@pytest.mark.parametrize(
    ("area", "employers"), [("SK192", 1), ("KU240", 1), ("KU698", 2), ("MK19", 3)]
)
def test_area_filter(evidence, area, employers):
    view = occupation_profile(key="8342", area=area)
    assert view.profile.employers == employers
    assert view.area.code == area


def test_areas_resolve_to_their_municipalities(db):
    assert resolve_area("SK191").municipalities == {"683", "698"}
    assert resolve_area("ku698").name == "Rovaniemi"
    assert len(resolve_area("MK19").municipalities) == 21
    for bad in ("KU999", "XX1", ""):
        with pytest.raises(UnknownArea):
            resolve_area(bad)


def test_labels_follow_the_ui_language(evidence):
    with translation.override("en"):
        view = occupation_profile(key=EXCAVATOR_KEY)
    assert view.title == "excavator operator"
    assert by_uri(view)[OPERATE_EXCAVATOR].label == "operate excavator"


def test_regional_picture_of_the_isco_group(evidence):
    picture = occupation_profile(key=EXCAVATOR_KEY).picture
    assert picture.isco == "8342"
    assert picture.unemployed > 0


def test_index_lists_groups_with_evidence_most_asked_first(evidence):
    entries = {e.code: e for e in profile_index()}
    assert entries["8342"].employers == 3
    occupations = {row.code: n for row, n in entries["8342"].occupations}
    assert occupations == {"8342.3": 2, "8342.1": 1}


def test_job_title_finds_the_occupation_and_its_group(evidence):
    lang, suggestions = find_occupations(title="maanrakennuskoneenkuljettaja")
    first = suggestions[0]
    assert lang == "fi"
    assert first.occupation.key == EXCAVATOR_KEY
    assert (first.group_code, first.employers, first.group_employers) == ("8342", 2, 3)
