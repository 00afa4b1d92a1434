"""The demo employers, competence mappings and vacancies that `load_demo` writes.

The session fixture (tests/conftest.py) has loaded the demo into the test database.
"""

import gzip
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Q

from kohtaamo.competences.services import concept_kind
from kohtaamo.core.reference import reference_dir
from kohtaamo.demo.mappings import EXCAVATOR_NEEDS, STAFF_TOPICS
from kohtaamo.demo.occupations import PREFERRED, SECTOR_PREFERRED
from kohtaamo.demo.services import demo_employers
from kohtaamo.employers import businessid
from kohtaamo.employers.models import ContactPerson, Employer, EmployerPartnership
from kohtaamo.events.models import Event
from kohtaamo.insights.labour import vacancy_mix
from kohtaamo.mappings.enums import MappingStatus, Support
from kohtaamo.mappings.models import (
    CompetenceMapping,
    CompetenceNeed,
    PlannedHire,
    WorkforceEntry,
)
from kohtaamo.paths.models import Referral
from kohtaamo.taxonomy.models import Concept
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence

pytestmark = pytest.mark.django_db

EXCAVATOR_OPERATOR = "http://data.europa.eu/esco/occupation/eedbf8b1-9432-4f42-ab7f-db5cd3eb2a05"
LICENCE = "urn:kohtaamo:licence:"
DEMO_USERS = {"rovaniemi.company", "kemi.company", "kolari.coordinator", "ranua.coordinator"}


def demo():
    return Employer.objects.filter(business_id__in=[e.business_id for e in demo_employers()])


def demo_vacancies():
    return Vacancy.objects.filter(source="demo")


def demo_mappings():
    return CompetenceMapping.objects.filter(employer__in=demo())


def test_demo_has_about_150_employers_60_finished_mappings_and_300_vacancies():
    assert 140 <= demo().count() <= 170
    assert 55 <= demo_mappings().filter(status=MappingStatus.FINISHED).count() <= 70
    assert 3 <= demo_mappings().filter(status=MappingStatus.DRAFT).count() <= 5
    assert 280 <= demo_vacancies().count() <= 320
    assert demo_vacancies().filter(status="open").count() > 0.7 * demo_vacancies().count()


def test_demo_employers_have_valid_business_ids_and_real_industry_codes():
    with gzip.open(reference_dir() / "labour" / "nace_codes.csv.gz", "rt") as fh:
        nace = set(fh.read().split())
    for business_id, industry in demo().values_list("business_id", "industry"):
        assert businessid.normalise(business_id) == business_id
        assert industry in nace, industry


def test_demo_employers_are_in_the_regions_sectors_and_municipalities():
    by_municipality = Counter(demo().values_list("municipality__name_fi", flat=True))
    for name in ("Rovaniemi", "Kemi", "Tornio", "Kolari", "Kittilä", "Inari", "Sodankylä", "Ranua"):
        assert by_municipality[name] >= 4, name
    industries = Counter(demo().values_list("industry", flat=True))
    for code in ("55.10", "79.90", "43.12", "25.62", "33.12", "02.20", "87.30", "47.11"):
        assert industries[code] >= 1, code
    assert industries["43.12"] >= 6  # earthmoving companies all over the region
    assert demo().filter(language="sv", municipality__name_fi="Tornio").count() >= 2
    assert demo().filter(language="en").count() >= 1


def test_every_demo_employer_has_a_contact_and_works_with_the_te_office():
    assert not demo().filter(contacts__isnull=True).exists()
    assert demo().filter(partnerships__organisation__name="Lapin TE-toimisto").count() == (
        demo().count()
    )
    assert ContactPerson.objects.filter(employer__in=demo(), email__endswith="@example.fi").count()


def test_company_coordinators_see_the_employers_of_their_own_area(django_user_model):
    rovaniemi = django_user_model.objects.get(username="rovaniemi.company")
    kemi = django_user_model.objects.get(username="kemi.company")
    visible = Employer.objects.visible_to(rovaniemi)
    assert visible.filter(name="Rovaniemen Rahtilinja Oy").exists()
    assert not visible.filter(name="Kemin Konepaja Oy").exists()
    assert Employer.objects.visible_to(kemi).filter(name="Tornion Teräsrakenne Oy").exists()


def test_finished_mappings_are_versioned_and_made_by_the_areas_coordinators(django_user_model):
    finished = demo_mappings().filter(status=MappingStatus.FINISHED)
    assert not finished.filter(version__isnull=True).exists()
    assert not finished.filter(finished_at__isnull=True).exists()
    revised = finished.filter(previous__isnull=False).select_related("previous")
    assert 3 <= revised.count() <= 6
    for mapping in revised:
        assert mapping.previous.employer_id == mapping.employer_id
        assert (mapping.previous.version, mapping.version) == (1, 2)
        assert mapping.previous.visit_date < mapping.visit_date
    assert set(demo_mappings().values_list("interviewer__username", flat=True)) == DEMO_USERS
    for mapping in demo_mappings().select_related("interviewer", "employer"):
        assert Employer.objects.visible_to(mapping.interviewer).filter(pk=mapping.employer_id)
        assert mapping.organisation.memberships.filter(user=mapping.interviewer).exists()


def test_mappings_cover_kemi_tornio_kolari_and_ranua_areas():
    by_organisation = Counter(
        demo_mappings().finished().values_list("organisation__name", flat=True)
    )
    assert by_organisation["Kemin kaupunki"] >= 15
    assert by_organisation["Kolarin kunta"] >= 10
    assert by_organisation["Ranuan kunta"] >= 10
    assert by_organisation["Rovaniemen kaupungin työllisyyspalvelut"] >= 10


def test_mappings_have_workforce_hires_needs_and_staff_development():
    for mapping in demo_mappings().prefetch_related("workforce", "planned_hires", "needs"):
        assert mapping.workforce.all(), mapping
        assert mapping.planned_hires.all(), mapping
        purposes = {n.purpose for n in mapping.needs.all()}
        assert purposes == {"hires", "staff"}, mapping
        assert mapping.staff_development_note and mapping.notes
        assert set(mapping.unknown_support) <= set(Support.values)
    horizons = set(PlannedHire.objects.filter(mapping__in=demo_mappings()).values_list(
        "horizon", flat=True
    ))  # fmt: skip
    assert horizons == {"now", "6m", "1-3y"}


def test_vacancy_occupations_follow_lapland_vacancy_statistics():
    mix = vacancy_mix(reference_dir() / "labour", year="2022", level=4)
    statistics_top = sorted(mix, key=lambda g: (-mix[g], g))[:15]
    groups = Counter(
        code.split(".")[0] for code in demo_vacancies().values_list("occupation__code", flat=True)
    )
    demo_top = [g for g, _ in groups.most_common(5)]
    assert set(demo_top) <= set(statistics_top), (demo_top, statistics_top)
    # Restaurants, cleaning and care lead both.
    assert {"5120", "5131", "9112", "5321"} <= {g for g, _ in groups.most_common(8)}


def test_vacancies_have_esco_competences_licences_and_languages():
    vacancies = demo_vacancies().prefetch_related("competences").select_related("employer")
    for vacancy in vacancies:
        skills = [c for c in vacancy.competences.all() if c.kind == "skill"]
        essential = [c for c in skills if c.essential]
        assert 2 <= len(essential) <= 8, vacancy
        assert all(c.importance in (2, 3) for c in essential)
        assert len(skills) - len(essential) <= 4
        assert vacancy.municipality_id == vacancy.employer.municipality_id
        assert vacancy.languages and vacancy.languages[0]["code"] in ("fi", "en")
        assert vacancy.title and vacancy.description and 1 <= vacancy.openings <= 5
    licences = VacancyCompetence.objects.filter(vacancy__in=demo_vacancies(), kind="licence")
    assert licences.filter(uri=LICENCE + "hygieniapassi", mandatory=True).count() >= 20
    assert licences.filter(uri=LICENCE + "tyoturvallisuuskortti", mandatory=True).count() >= 20
    assert licences.filter(uri__startswith=LICENCE + "ajokortti-c", mandatory=True).exists()
    assert not VacancyCompetence.objects.filter(mandatory=True, essential=False).exists()


def test_the_essential_skills_of_a_vacancy_are_esco_essential_skills_of_its_occupation():
    vacancy = demo_vacancies().filter(occupation__uri=EXCAVATOR_OPERATOR).first()
    essential = set(
        vacancy.occupation.skill_links.filter(relation="essential").values_list(
            "skill__uri", flat=True
        )
    )
    asked = vacancy.competences.filter(kind="skill", essential=True).values_list("uri", flat=True)
    assert set(asked) <= essential


def test_tourism_vacancies_are_winter_seasonal_and_ask_for_english():
    levi = demo_vacancies().filter(employer__name="Levin Kaamoshovi Oy", status="open")
    assert levi.exists()
    for vacancy in levi:
        assert vacancy.permanence == "seasonal"
        assert vacancy.start_date.month in (11, 12) and vacancy.end_date.month == 4
        assert any(x["code"] == "en" for x in vacancy.languages)


def test_demo_has_excavator_operator_vacancies_and_mappings_for_the_profile():
    assert demo_vacancies().filter(occupation__uri=EXCAVATOR_OPERATOR).count() >= 5
    assert demo_vacancies().filter(occupation__code__startswith="8342.").count() >= 8
    hires = PlannedHire.objects.filter(
        mapping__in=demo_mappings().finished(), occupation__uri=EXCAVATOR_OPERATOR
    )
    assert hires.values("mapping").distinct().count() >= 8
    needs = CompetenceNeed.objects.filter(
        mapping__in=demo_mappings().current(), occupation__uri=EXCAVATOR_OPERATOR
    )
    for uri in (LICENCE + "tyoturvallisuuskortti", LICENCE + "tieturva-1", LICENCE + "ajokortti-c"):
        assert needs.filter(uri=uri).count() >= 8, uri
    assert needs.filter(uri__endswith="978a76ca-0d14-43b5-a69d-1996dfeb22de").count() >= 8


def test_every_demo_competence_resolves_to_its_kind():
    pairs = set(
        VacancyCompetence.objects.filter(vacancy__in=demo_vacancies()).values_list("uri", "kind")
    ) | set(CompetenceNeed.objects.filter(mapping__in=demo_mappings()).values_list("uri", "kind"))
    pairs |= {(uri, kind) for uri, kind, _, _ in EXCAVATOR_NEEDS}
    pairs |= {pair for _, items in STAFF_TOPICS.values() for pair in items}
    wrong = [(uri, kind) for uri, kind in sorted(pairs) if concept_kind(uri) != kind]
    assert not wrong


def test_preferred_occupations_exist_in_esco():
    codes = set(Concept.objects.filter(kind="occupation").values_list("code", flat=True))
    preferred = [c for choices in PREFERRED.values() for c in choices]
    preferred += [c for choices in SECTOR_PREFERRED.values() for c in choices]
    assert [c for c in preferred if c not in codes] == []


def test_workforce_and_hires_use_occupations_only():
    kinds = set(
        WorkforceEntry.objects.filter(mapping__in=demo_mappings()).values_list(
            "occupation__kind", flat=True
        )
    ) | set(Vacancy.objects.filter(source="demo").values_list("occupation__kind", flat=True))
    assert kinds == {"occupation"}


def snapshot() -> dict[str, list]:
    """Everything the demo wrote, by stable keys (never database ids)."""
    employers, mappings, vacancies = demo(), demo_mappings(), demo_vacancies()

    def rows(queryset, *fields):
        return sorted(tuple(map(str, row)) for row in queryset.values_list(*fields))

    return {
        "employers": rows(
            employers, "public_id", "business_id", "name", "industry", "municipality__code",
            "size_class", "peak_months", "language", "created_at",
        ),
        "contacts": rows(
            ContactPerson.objects.filter(employer__in=employers),
            "public_id", "employer__business_id", "name", "title", "email", "is_primary",
        ),
        "partnerships": rows(
            EmployerPartnership.objects.filter(employer__in=employers),
            "employer__business_id", "organisation__name", "since",
        ),
        "mappings": rows(
            mappings, "public_id", "employer__business_id", "status", "version", "visit_date",
            "finished_at", "previous__public_id", "interviewer__username", "organisation__name",
            "offers_work_trials", "offers_shared_employment", "unknown_support", "notes",
            "willingness_note", "staff_development_note",
        ),
        "workforce": rows(
            WorkforceEntry.objects.filter(mapping__in=mappings),
            "mapping__public_id", "occupation__uri", "title", "count", "note",
        ),
        "hires": rows(
            PlannedHire.objects.filter(mapping__in=mappings),
            "mapping__public_id", "occupation__uri", "title", "count", "horizon", "seasonal",
            "note",
        ),
        "needs": rows(
            CompetenceNeed.objects.filter(mapping__in=mappings),
            "mapping__public_id", "uri", "kind", "occupation__uri", "importance", "horizon",
            "purpose",
        ),
        "vacancies": rows(
            vacancies, "public_id", "external_id", "employer__business_id", "occupation__uri",
            "title", "description", "status", "permanence", "start_date", "end_date", "apply_by",
            "openings", "hours_per_week", "languages", "mapping__public_id", "created_at",
            "updated_at",
        ),
        "competences": rows(
            VacancyCompetence.objects.filter(vacancy__in=vacancies),
            "vacancy__external_id", "uri", "kind", "essential", "importance", "mandatory",
        ),
    }  # fmt: skip


def delete_demo_records() -> None:
    # The demo events protect the employers taking part (EventEmployer.employer is PROTECT).
    Event.objects.filter(employers__employer__in=demo()).delete()
    # The demo referrals protect the vacancies and employers they refer to.
    Referral.objects.filter(Q(vacancy__in=demo_vacancies()) | Q(employer__in=demo())).delete()
    demo_vacancies().delete()
    demo_mappings().filter(previous__isnull=False).delete()  # `previous` is protected
    demo_mappings().delete()
    demo().delete()


def test_demo_is_the_same_when_built_again():
    before = snapshot()
    delete_demo_records()
    assert demo().count() == 0
    call_command("load_demo", force=True, verbosity=0)
    assert snapshot() == before


def test_loading_the_demo_again_changes_nothing():
    models = (Employer, ContactPerson, EmployerPartnership, CompetenceMapping, WorkforceEntry,
              PlannedHire, CompetenceNeed, Vacancy, VacancyCompetence)  # fmt: skip
    before = [m.objects.count() for m in models]
    contents = snapshot()
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert [m.objects.count() for m in models] == before
    assert snapshot() == contents
    assert "nothing to add" in out.getvalue()


def test_load_demo_adds_what_is_missing_and_says_what_it_added():
    Referral.objects.filter(vacancy__external_id="demo-0001").delete()
    Vacancy.objects.filter(source="demo", external_id="demo-0001").delete()
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert demo_vacancies().filter(external_id="demo-0001").exists()
    assert "employers" in out.getvalue()
    assert "added 0 employers, 0 mappings, 1 vacancies" in out.getvalue()


def test_building_vacancies_are_seasonal_from_may_to_october():
    building = demo_vacancies().filter(employer__industry__in=("43.12", "41.20"), status="open")
    assert building.exists()
    for vacancy in building:
        assert vacancy.permanence == "seasonal"
        assert (vacancy.start_date.month, vacancy.end_date.month) == (5, 10)
