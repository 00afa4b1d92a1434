"""The situation room: the re-employment and supply models, the demo scenarios' results, the
protection of counts and who may change a scenario."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kohtaamo.demo.scenarios import (
    CLOSURE_KEY,
    INVESTMENT_KEY,
    WAREHOUSE,
    scenario_id,
)
from kohtaamo.geo.models import Municipality
from kohtaamo.insights import scenario_model as model
from kohtaamo.insights import scenario_services as services
from kohtaamo.insights import scenarios
from kohtaamo.insights.models import Scenario
from kohtaamo.matching.unlock import OfferPlace, Unlock
from kohtaamo.taxonomy.models import Concept

# Fields of a result that count real people or vacancies: 0, at least 5, or null.
COUNT_FIELDS = {"people", "vacancies", "near_vacancies", "unemployed", "job_seekers"}


def walk_counts(value, path=""):
    """(path, number) of every count field in a nested result."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in COUNT_FIELDS and isinstance(item, int):
                yield f"{path}.{key}", item
            yield from walk_counts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from walk_counts(item, f"{path}[{n}]")


# The models (no database) ----------------------------------------------------------------


def test_split_puts_each_worker_in_one_part():
    assert model.split(model.Outlook(20, fitting=5, near=30, course_months=2, tension=0.3)) == (
        5,
        15,
        0,
    )
    assert model.split(model.Outlook(20, fitting=50, near=3, course_months=2, tension=None)) == (
        20,
        0,
        0,
    )
    assert model.split(model.Outlook(20, fitting=2, near=3, course_months=1, tension=0)) == (
        2,
        3,
        15,
    )


def test_the_trained_find_work_only_after_the_course():
    outlook = model.Outlook(10, fitting=0, near=10, course_months=3, tension=None)
    found = model.cumulative(outlook)
    assert found[:3] == [0.0, 0.0, 0.0]
    assert found[3] == pytest.approx(5.0)  # half of the vacancies filled the first month after
    assert found[-1] <= 10


def test_the_estimate_rises_month_by_month_to_at_most_the_workers():
    outlook = model.Outlook(150, fitting=12, near=8, course_months=2, tension=0.4)
    found = model.cumulative(outlook)
    assert len(found) == 12
    assert all(a <= b for a, b in zip(found, found[1:], strict=False))
    assert found[-1] <= 150
    assert model.total([outlook, outlook]) == pytest.approx([2 * v for v in found])


def test_the_market_rate_grows_with_the_tension_up_to_a_cap():
    assert model.market_rate(None) == model.BASE_RATE
    assert model.market_rate(0.0) < model.market_rate(0.5) < model.market_rate(1.0)
    assert model.market_rate(10.0) == model.MAX_RATE


def test_estimates_are_rounded_to_multiples_of_5():
    assert [model.round5(v) for v in (0, 2.4, 2.5, 7, 12.6, 149.9)] == [0, 0, 5, 5, 15, 150]
    assert model.course_months(None) == 0
    assert model.course_months(1) == 1
    assert model.course_months(61) == 3


def test_assign_counts_each_person_once_within_the_need():
    options = {1: {0: 0.9, 1: 0.5}, 2: {0: 0.4}, 3: {0: 0.3}, 4: {1: 0.8}}
    chosen = model.assign(options, [2, 1])
    assert len(chosen) == 3
    assert list(chosen.values()).count(0) <= 2
    assert list(chosen.values()).count(1) <= 1
    # Person 2 and 3 can only fill need 0, so person 1 does not take a place there first.
    assert chosen[2] == 0 and chosen[3] == 0


def test_the_remaining_gap_is_hidden_when_it_would_narrow_a_small_count():
    shown, hidden = {"suppressed": False}, {"suppressed": True}
    assert scenarios._remaining(250, 17, 3, shown, hidden) == 230  # 229..232 all round to 230
    assert scenarios._remaining(30, 3, 0, hidden, shown) is None  # 26..29: 25 or 30
    assert scenarios._remaining(30, 8, 0, hidden, shown) is None  # hidden to protect another
    assert scenarios._remaining(30, 10, 5, shown, shown) == 15


def test_disjoint_counts_are_protected_with_their_total():
    total, parts = scenarios.protected([20, 3, 0, 9])
    assert total == {"people": 32, "suppressed": False}
    assert parts[1] == {"people": None, "suppressed": True}
    assert parts[2] == {"people": 0, "suppressed": False}
    # The hidden 3 cannot be worked out from the total: the next smallest is hidden too.
    assert parts[3]["suppressed"] is True


# The demo scenarios ------------------------------------------------------------------------


def demo(key: str) -> Scenario:
    return Scenario.objects.get(public_id=scenario_id(key))


@pytest.mark.django_db
def test_the_demo_closure_has_its_reemployment_estimate_and_training_needs():
    scenario = demo(CLOSURE_KEY)
    result = scenario.result
    assert scenario.organisation.name == "Kemin kaupunki"
    assert scenario.municipality.code == "240"
    assert result["kind"] == "closure" and result["workers"] == scenario.workers == 150
    estimate = result["reemployed_estimate"]
    assert len(estimate) == 12 and estimate[-1] > 0
    assert all(v % 5 == 0 for v in estimate)
    assert all(a <= b for a, b in zip(estimate, estimate[1:], strict=False))
    assert estimate[-1] <= 150
    assert result["gaps"], "the training needs"
    assert any(row["courses"] for row in result["occupations"])
    warehouse = next(r for r in result["occupations"] if r["occupation"] == WAREHOUSE)
    assert warehouse["demand"]["isco"] == "9333"
    assert warehouse["demand"]["unemployed"] is not None


@pytest.mark.django_db
def test_the_demo_investment_has_its_supply_gap():
    scenario = demo(INVESTMENT_KEY)
    result = scenario.result
    assert result["kind"] == "investment" and result["workers"] == 250
    assert {"now", "after_training", "remaining_estimate"} <= result.keys()
    assert result["remaining_estimate"] is not None and result["remaining_estimate"] % 5 == 0
    assert 0 < result["remaining_estimate"] <= 250
    rows = result["occupations"]
    assert sum(r["workers"] for r in rows) == 250
    assert any(r["remaining_estimate"] for r in rows)
    assert all(r["demand"]["isco"] for r in rows), "the statistics' wider pool"


@pytest.mark.django_db
@pytest.mark.parametrize("key", [CLOSURE_KEY, INVESTMENT_KEY])
def test_no_count_about_people_or_vacancies_is_1_to_4(key):
    counts = list(walk_counts(demo(key).result))
    assert counts
    assert [(path, n) for path, n in counts if 0 < n < 5] == []


@pytest.mark.django_db
def test_estimates_about_the_scenarios_workers_are_multiples_of_5():
    result = demo(CLOSURE_KEY).result
    for row in result["occupations"]:
        for name in ("placed_estimate", "trained_estimate", "market_estimate"):
            assert row[name] % 5 == 0
    assert all(g["workers_estimate"] % 5 == 0 for g in result["gaps"])


@pytest.mark.django_db
def test_labels_are_added_in_the_readers_language():
    result = scenarios.labelled(demo(CLOSURE_KEY).result, "en")
    warehouse = next(r for r in result["occupations"] if r["occupation"] == WAREHOUSE)
    assert warehouse["label"] == "warehouse worker"
    assert all("label" in g for g in result["gaps"])


# Services ------------------------------------------------------------------------------------


def occupation(uri=WAREHOUSE):
    return Concept.objects.get(uri=uri)


def new_scenario(actor, organisation, **fields):
    values = {
        "kind": "closure",
        "title": "Varaston lomautukset",
        "municipality": Municipality.objects.get(code="240"),
        "date": date(2027, 3, 1),
        "occupations": [(occupation(), 12)],
    } | fields
    return services.create_scenario(actor=actor, organisation=organisation, **values)


@pytest.mark.django_db
def test_a_member_creates_a_scenario_with_its_result(user, kemi, rovaniemi):
    scenario = new_scenario(user("kemi.company"), kemi, shared_with=[rovaniemi, kemi])
    assert scenario.result["workers"] == 12
    assert scenario.computed_at is not None
    assert list(scenario.shared_with.all()) == [rovaniemi]  # not with the owner itself


@pytest.mark.django_db
def test_only_members_create_for_an_organisation(user, kemi):
    with pytest.raises(PermissionDenied):
        new_scenario(user("rovaniemi.coordinator"), kemi)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"kind": "merger"}, "kind"),
        ({"occupations": []}, "occupations"),
        ({"date": None}, "date"),
    ],
)
def test_bad_input_names_the_field(user, kemi, fields, field):
    with pytest.raises(ValidationError) as error:
        new_scenario(user("kemi.coordinator"), kemi, **fields)
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_a_skill_is_not_an_occupation(user, kemi):
    skill = Concept.objects.filter(kind="skill").first()
    with pytest.raises(ValidationError) as error:
        new_scenario(user("kemi.coordinator"), kemi, occupations=[(skill, 5)])
    assert "occupations" in error.value.message_dict


@pytest.mark.django_db
def test_shared_organisations_read_but_only_the_owner_edits(user):
    scenario = demo(CLOSURE_KEY)
    reader, analyst, outsider = (
        user("rovaniemi.coach"),
        user("ely.analyst"),
        user("kolari.coordinator"),
    )
    assert Scenario.objects.visible_to(reader).filter(pk=scenario.pk).exists()
    assert Scenario.objects.visible_to(analyst).filter(pk=scenario.pk).exists()
    assert not Scenario.objects.visible_to(outsider).filter(pk=scenario.pk).exists()
    assert services.can_edit(user("kemi.company"), scenario)
    assert not services.can_edit(reader, scenario)
    with pytest.raises(PermissionDenied):
        services.update_scenario(actor=reader, scenario=scenario, title="Toinen")


@pytest.mark.django_db
def test_an_update_changes_the_occupations_and_computes_again(user, kemi):
    actor = user("kemi.coordinator")
    scenario = new_scenario(actor, kemi)
    services.update_scenario(
        actor=actor, scenario=scenario, kind="investment", occupations=[(occupation(), 40)]
    )
    scenario.refresh_from_db()
    assert scenario.kind == "investment"
    assert scenario.result["kind"] == "investment" and scenario.result["workers"] == 40


def differences(total: dict | None, parts: list[dict], field: str):
    """The total minus the shown parts, when the total is shown and some part is hidden."""
    if total[field] is None or not any(p[f"{field}_suppressed"] for p in parts):
        return None
    return total[field] - sum(p[field] for p in parts if p[field] is not None)


@pytest.mark.django_db
def test_no_hidden_count_follows_from_its_total():
    closure = demo(CLOSURE_KEY).result
    for field in ("vacancies", "near_vacancies"):
        left = differences(closure, closure["occupations"], field)
        assert left is None or not 0 < left < 5
    investment = demo(INVESTMENT_KEY).result
    for field in ("now", "after_training"):
        total = {"people": investment[field]["people"]}
        parts = [
            {"people": r[field]["people"], "people_suppressed": r[field]["suppressed"]}
            for r in investment["occupations"]
        ]
        left = differences(total, parts, "people")
        assert left is None or not 0 < left < 5


def test_course_counts_are_hidden_with_a_hidden_trained_count(monkeypatch):
    offers = [OfferPlace("k1", ("u",), None, None, True, 10)]
    unlocks = [Unlock(0, (1,), ("u",), 10, 0.0)] * 7
    details = {"k1": {"offer": "k1", "title": "Trukkikortti"}}
    monkeypatch.setattr(scenarios, "_offer_details", lambda keys: details)
    shown_rows = scenarios._investment_courses(unlocks, offers, hide_all=False)
    hidden_rows = scenarios._investment_courses(unlocks, offers, hide_all=True)
    assert shown_rows[0]["people"] == 7 and not shown_rows[0]["suppressed"]
    assert hidden_rows[0]["people"] is None and hidden_rows[0]["suppressed"]
