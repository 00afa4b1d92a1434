"""The demo's plan: pure functions, no database."""

import random

from kohtaamo.demo.employers import EMPLOYERS, MUNICIPALITIES, SECTORS, plan_employers
from kohtaamo.demo.occupations import (
    OccupationFacts,
    largest_remainder,
    licences_for,
    sectors_for_group,
)
from kohtaamo.employers import businessid


def test_largest_remainder_gives_the_whole_total_in_proportion():
    counts = largest_remainder({"5120": 383.3, "5131": 372.5, "8342": 32.2, "2341": 0.4}, 300)
    assert sum(counts.values()) == 300
    assert counts["5120"] >= counts["5131"] > counts["8342"] > counts["2341"] == 0


def test_largest_remainder_breaks_ties_by_code():
    assert largest_remainder({"b": 1, "a": 1, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}


def test_the_same_seed_plans_the_same_employers():
    first = plan_employers(random.Random("seed"))
    assert first == plan_employers(random.Random("seed"))
    assert first != plan_employers(random.Random("another seed"))


def test_demo_business_ids_are_valid_distinct_and_outside_the_issued_range():
    ids = [e.business_id for e in plan_employers(random.Random("seed"))]
    assert len(set(ids)) == len(ids) == len(EMPLOYERS)
    assert all(businessid.is_valid(i) and i.startswith("9") for i in ids)


def test_demo_employers_have_distinct_names_known_sectors_and_lapland_municipalities():
    assert len({e.name for e in EMPLOYERS}) == len(EMPLOYERS)
    assert {e.sector for e in EMPLOYERS} <= set(SECTORS)
    assert {e.municipality for e in EMPLOYERS} <= set(MUNICIPALITIES)
    assert {e.size for e in EMPLOYERS} == {"micro", "small", "medium", "large"}


def test_tourism_peaks_in_winter_and_berries_in_late_summer():
    plans = {e.name: e for e in plan_employers(random.Random("seed"))}
    assert {12, 1, 2, 3} <= set(plans["Levin Kaamoshovi Oy"].peak_months)
    assert plans["Ranuan Luonnonmarja Oy"].peak_months == (7, 8, 9)
    assert set(plans["Ranuan Maansiirto Oy"].peak_months) == {5, 6, 7, 8, 9, 10}


def test_partners_follow_the_municipality():
    plans = {e.name: e for e in plan_employers(random.Random("seed"))}
    assert plans["Kemin Konepaja Oy"].partners == ("Kemin kaupunki", "Lappia", "Lapin TE-toimisto")
    assert plans["Ranuan Maansiirto Oy"].partners == ("Ranuan kunta", "Lapin TE-toimisto")
    assert plans["Levin Kaamoshovi Oy"].partners == ("Kolarin kunta", "Lapin TE-toimisto")
    assert plans["Sodankylän Kaivospalvelu Oy"].partners == (
        "Koulutuskuntayhtymä REDU",
        "Lapin TE-toimisto",
    )


def test_earthmoving_operators_are_hired_mostly_by_earthworks_companies():
    sectors = dict(sectors_for_group("8342"))
    assert sectors["earthworks"] > sectors["mining"]
    assert sectors_for_group("2341") == [("staffing", 1)]  # no sector of its own


def test_licence_rules_of_the_field():
    rng = random.Random(1)

    def codes(group, sector, industry="", mandatory=True):
        rules = licences_for(group, sector, industry, rng)
        return {r.code for r in rules if r.mandatory or not mandatory}

    assert {"tyoturvallisuuskortti"} <= codes("8342", "earthworks")
    assert "tieturva-1" in codes("8342", "earthworks", mandatory=False)
    assert "hygieniapassi" in codes("5120", "restaurant")
    assert "anniskelupassi" in codes("5131", "restaurant", "56.30")
    assert "ammattipatevyys" in codes("8332", "logistics")
    assert "vartijakortti" in codes("5414", "security")
    assert "sahkotyoturvallisuuskortti" in codes("7411", "hvac_electric")
    assert "trukkikortti" in codes("8344", "logistics")
    assert "ea1" in codes("5321", "care", mandatory=False)
    assert codes("5223", "retail") == set()


def test_occupation_facts_know_their_isco_group():
    assert OccupationFacts("uri", "8342.3", "kaivinkoneenkuljettaja").isco == "8342"
