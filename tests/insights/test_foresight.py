"""Foresight from the employers' competence mappings: planned hires by occupation and horizon,
competence needs and what to train, every count protected across totals and areas."""

import pytest

from kohtaamo.geo.areas import resolve_area
from kohtaamo.geo.models import Municipality, SubRegion
from kohtaamo.insights.cell_protection import derivable, protect_cells
from kohtaamo.insights.foresight import (
    GROUP,
    HORIZONS,
    TOTAL,
    area_foresight,
    hire_cells,
    hire_relations,
    need_cells,
    need_relations,
)
from kohtaamo.mappings.enums import Horizon
from kohtaamo.mappings.models import CompetenceMapping, PlannedHire
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import (
    EXCAVATOR_OPERATOR,
    SAFETY_CARD,
    CompetenceMappingFactory,
    PlannedHireFactory,
)

pytestmark = pytest.mark.django_db

SUBS = ["SK191", "SK192", "SK193"]


# Pure ------------------------------------------------------------------------------------------


def test_hires_add_up_in_their_sub_region_the_region_and_the_totals():
    counts = hire_cells(
        [("SK191", "occ:a", "now", 6), ("SK192", "occ:a", "6m", 3), ("SK191", "occ:b", "now", 2)],
        "MK19",
        SUBS,
        {"occ:a": "8", "occ:b": "8"},
    )
    assert counts["MK19", "occ:a", TOTAL] == 9
    assert counts["SK191", GROUP + "8", "now"] == 8
    assert counts["SK191", TOTAL, "now"] == 8
    assert counts["MK19", TOTAL, TOTAL] == 11
    assert counts["SK193", TOTAL, TOTAL] == 0


def test_protected_hires_show_no_small_count_and_no_derivable_one():
    rows = [
        ("SK191", "occ:a", "now", 6),
        ("SK191", "occ:a", "6m", 7),
        ("SK192", "occ:a", "6m", 3),
        ("SK191", "occ:b", "now", 2),
        ("SK192", "occ:b", "1-3y", 12),
        ("SK193", "occ:c", "now", 20),
    ]
    groups = {"occ:a": "8", "occ:b": "8", "occ:c": "5"}
    counts = hire_cells(rows, "MK19", SUBS, groups)
    relations = hire_relations(counts, "MK19", SUBS, groups)
    hidden = protect_cells(counts, relations)
    assert {("SK192", "occ:a", "6m"), ("SK191", "occ:b", "now")} <= hidden
    assert all(not 0 < counts[c] < 5 for c in counts if c not in hidden)
    assert not derivable(counts, relations, hidden)
    assert ("MK19", TOTAL, TOTAL) not in hidden


def test_employers_asking_count_each_employer_once_per_horizon():
    needs = [
        ("SK191", 1, "urn:x", "now"),
        ("SK191", 1, "urn:x", "6m"),
        ("SK192", 2, "urn:x", "now"),
    ]
    counts = need_cells(needs, "MK19", SUBS)["urn:x"]
    assert counts["MK19", "now"] == 2
    assert counts["MK19", TOTAL] == 2
    assert counts["SK191", TOTAL] == 1
    hidden = protect_cells(counts, need_relations("MK19", SUBS))
    assert all(counts[c] == 0 or c in hidden for c in counts)


# The demo region -------------------------------------------------------------------------------


def _region_hires() -> int:
    current = CompetenceMapping.objects.current().filter(employer__municipality__region__code="19")
    return sum(PlannedHire.objects.filter(mapping__in=current).values_list("count", flat=True))


def test_the_regions_planned_hires_total_equals_the_current_mappings():
    foresight = area_foresight(resolve_area("MK19"))
    assert foresight.hire_totals[-1].value == _region_hires() > 100
    assert foresight.employers.value >= 5
    assert foresight.hires and foresight.needs


def test_a_draft_mapping_does_not_count():
    before = area_foresight(resolve_area("MK19")).hire_totals[-1].value
    PlannedHireFactory(mapping=CompetenceMappingFactory(), count=50)
    assert area_foresight(resolve_area("MK19")).hire_totals[-1].value == before


def _areas() -> list[str]:
    subs = SubRegion.objects.filter(region__code="19").values_list("code", flat=True)
    return ["MK19", *("SK" + code for code in subs)]


def test_no_area_shows_a_count_of_1_to_4():
    for code in _areas():
        foresight = area_foresight(resolve_area(code), need_limit=None)
        counts = [foresight.employers, *foresight.hire_totals]
        counts += [c for row in foresight.hires for c in row.counts]
        counts += [c for group in foresight.hire_groups for c in group.counts]
        counts += [c for row in foresight.needs for c in row.counts]
        for count in counts:
            assert count.suppressed == (count.value is None)
            assert count.value is None or not 0 < count.value < 5, code


def test_one_employers_three_hires_in_a_quiet_sub_region_are_hidden():
    mapped = set(
        CompetenceMapping.objects.current().values_list(
            "employer__municipality__sub_region__code", flat=True
        )
    )
    quiet = SubRegion.objects.filter(region__code="19").exclude(code__in=mapped).first()
    employer = EmployerFactory(municipality=Municipality.objects.filter(sub_region=quiet).first())
    mapping = CompetenceMappingFactory(employer=employer, finished=True)
    PlannedHireFactory(mapping=mapping, count=3, horizon=Horizon.NOW)
    foresight = area_foresight(resolve_area("SK" + quiet.code))
    assert foresight.employers.suppressed
    [row] = foresight.hires
    assert row.uri == EXCAVATOR_OPERATOR and row.isco == "8342"
    assert all(c.value in (0, None) for c in row.counts)
    assert foresight.hire_totals[HORIZONS.index("now")].suppressed
    region = area_foresight(resolve_area("MK19"))
    assert region.hire_totals[-1].value == _region_hires()


def test_what_to_train_names_qualification_units_for_the_safety_card():
    foresight = area_foresight(resolve_area("MK19"))
    [card] = [n for n in foresight.training if n.uri == SAFETY_CARD]
    assert card.units and all(unit.name for unit in card.units)
    assert card.counts[-1].value >= 5


def test_the_region_shows_planned_hires_by_occupation_group():
    current = CompetenceMapping.objects.current().filter(employer__municipality__region__code="19")
    by_group: dict[str, int] = {}
    for code, count in PlannedHire.objects.filter(mapping__in=current).values_list(
        "occupation__code", "count"
    ):
        by_group[code[:1]] = by_group.get(code[:1], 0) + count
    groups = area_foresight(resolve_area("MK19")).hire_groups
    shown = {g.code: g.counts[-1].value for g in groups if not g.counts[-1].suppressed}
    assert shown and all(by_group[code] == value for code, value in shown.items())
    assert max(by_group.values()) in shown.values()
