"""The demo job seekers that `load_demo` writes, and how they follow Lapland's statistics.

The session fixture (tests/conftest.py) has loaded the demo into the test database. Shares are
counted at the demo's fixed "today" (`TODAY`), so that they hold whenever the tests run.
"""

import io
import random
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from kohtaamo.clients.models import (
    Client,
    ClientCompetence,
    ClientLanguage,
    Consent,
    WorkHistoryEntry,
)
from kohtaamo.competences.services import concept_kind
from kohtaamo.core.reference import reference_dir
from kohtaamo.demo import names
from kohtaamo.demo.clients import (
    SEEKER_PREFERRED,
    TODAY,
    plan_clients,
    yearly_unemployed,
)
from kohtaamo.demo.occupations import OccupationFacts, SkillLink
from kohtaamo.demo.services import demo_client_records, demo_clients
from kohtaamo.esf.models import Participant
from kohtaamo.insights.labour import area_series, occupation_series
from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Membership
from kohtaamo.taxonomy.models import Concept, Licence, OccupationSkill

pytestmark = pytest.mark.django_db

LABOUR = reference_dir() / "labour"
REDU = "Koulutuskuntayhtymä REDU"
KEMI_AREA = {"240", "851", "241", "751", "845"}
HOME_ORGANISATIONS = {
    "698": "Rovaniemen kaupungin työllisyyspalvelut",
    **dict.fromkeys(KEMI_AREA, "Kemin kaupunki"),
    **dict.fromkeys(("273", "261", "498", "047", "854"), "Kolarin kunta"),
    **dict.fromkeys(("683", "614"), "Ranuan kunta"),
}


@pytest.fixture(scope="module")
def plans(django_db_blocker):
    with django_db_blocker.unblock():
        return demo_clients()


@pytest.fixture
def demo(plans):
    return demo_client_records(plans)


def share(queryset, total: int) -> float:
    return queryset.count() / total


def test_demo_has_about_1500_clients(demo, plans):
    assert demo.count() == len(plans)
    assert 1350 <= demo.count() <= 1650


def test_clients_live_where_lapland_unemployed_live(demo):
    unemployed = yearly_unemployed(
        area_series(LABOUR), year="2022", codes=lambda code: code.startswith("KU")
    )
    statistics_top = [
        a.removeprefix("KU") for a in sorted(unemployed, key=lambda a: -unemployed[a])
    ]
    clients = Counter(demo.values_list("municipality__code", flat=True))
    assert [code for code, _ in clients.most_common(3)] == statistics_top[:3]
    assert len(clients) == 21  # every municipality of Lapland
    rovaniemi = clients["698"] / sum(clients.values())
    assert abs(rovaniemi - unemployed["KU698"] / sum(unemployed.values())) < 0.02


def latest_groups(demo) -> Counter:
    """The ISCO group of each client's latest job."""
    latest: dict[int, tuple[int, str]] = {}
    rows = WorkHistoryEntry.objects.filter(client__in=demo).values_list(
        "client_id", "ended_year", "occupation__code"
    )
    for client_id, ended, code in rows:
        if client_id not in latest or ended > latest[client_id][0]:
            latest[client_id] = (ended, code.split(".")[0])
    return Counter(group for _, group in latest.values())


def test_past_occupations_follow_the_unemployed_mix(demo):
    mix = yearly_unemployed(
        occupation_series(LABOUR), year="2022", codes=lambda code: len(code) == 4
    )
    statistics_top = sorted(mix, key=lambda g: (-mix[g], g))[:15]
    groups = latest_groups(demo)
    assert sum(groups.values()) == demo.count()
    demo_top = [g for g, _ in groups.most_common(5)]
    assert set(demo_top) <= set(statistics_top), (demo_top, statistics_top)
    # Sales, building, transport and restaurants lead both.
    assert {"5223", "7115", "8332", "5120"} <= {g for g, _ in groups.most_common(8)}


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [
        ("under_30", 0.25, 0.35),
        ("over_54", 0.25, 0.35),
        ("long_term_unemployed", 0.30, 0.40),
        ("immigrant", 0.05, 0.09),
        ("partial_work_ability", 0.07, 0.13),
        ("no_vocational_qualification", 0.20, 0.30),
    ],
)
def test_target_groups_are_in_the_stated_ranges(demo, code, low, high):
    assert low <= share(demo.target_group(code, today=TODAY), demo.count()) <= high


def test_gender_and_age_mix(demo):
    total = demo.count()
    assert 0.50 <= share(demo.filter(gender="male"), total) <= 0.60
    assert demo.filter(gender__in=("other", "not_told")).exists()
    assert 0.15 <= share(demo.filter(birth_year__gt=TODAY.year - 25), total) <= 0.21
    assert not demo.filter(birth_year__gt=TODAY.year - 18).exists()
    assert not demo.filter(birth_year__lt=TODAY.year - 64).exists()


def test_immigrants_live_mostly_in_rovaniemi_and_tornio_and_learn_finnish(demo):
    towns = demo.filter(municipality__code__in=("698", "851"))
    elsewhere = demo.exclude(municipality__code__in=("698", "851"))
    assert share(towns.filter(immigrant=True), towns.count()) > share(
        elsewhere.filter(immigrant=True), elsewhere.count()
    )
    languages = ClientLanguage.objects.filter(client__in=demo.filter(immigrant=True))
    natives = set(languages.filter(level="native").values_list("code", flat=True))
    assert {"ru", "uk", "ar"} <= natives and "fi" not in natives
    finnish = languages.filter(code="fi").values_list("level", flat=True)
    assert len(finnish) == demo.filter(immigrant=True).count()
    assert set(finnish) <= {"A1", "A2", "B1", "B2"}


def test_everyone_has_a_native_language_most_of_them_finnish(demo):
    natives = ClientLanguage.objects.filter(client__in=demo, level="native")
    assert natives.values("client").distinct().count() == demo.count()
    assert share(natives.filter(code="fi"), demo.count()) > 0.85
    assert natives.filter(code="sv").exists() and natives.filter(code="se").exists()
    levels = set(ClientLanguage.objects.filter(client__in=demo).values_list("level", flat=True))
    assert levels <= {"A1", "A2", "B1", "B2", "C1", "C2", "native"}


def test_dates_are_consistent_and_most_clients_active(demo):
    total = demo.count()
    for start, contact, birth_year in demo.values_list(
        "unemployment_start", "last_contact_on", "birth_year"
    ):
        assert birth_year + 17 <= start.year and start <= contact <= TODAY
        assert (TODAY - contact).days <= 182
    assert share(demo.filter(status="active"), total) > 0.75
    assert set(demo.values_list("status", flat=True)) == {
        "active",
        "employed",
        "in_training",
        "inactive",
    }


def test_work_history_has_one_to_three_jobs_ending_when_unemployment_began(demo):
    jobs = Counter(WorkHistoryEntry.objects.filter(client__in=demo).values_list("client_id"))
    assert len(jobs) == demo.count()
    assert set(jobs.values()) == {1, 2, 3}
    latest = {}
    for client_id, ended in WorkHistoryEntry.objects.filter(client__in=demo).values_list(
        "client_id", "ended_year"
    ):
        latest[client_id] = max(latest.get(client_id, 0), ended)
    starts = dict(demo.values_list("id", "unemployment_start"))
    assert all(latest[i] == start.year for i, start in starts.items())


def test_skills_are_essential_esco_skills_of_past_occupations(demo):
    history: dict[int, set[int]] = {}
    for client_id, occupation_id in WorkHistoryEntry.objects.filter(client__in=demo).values_list(
        "client_id", "occupation_id"
    ):
        history.setdefault(client_id, set()).add(occupation_id)
    essential: dict[int, set[str]] = {}
    for occupation_id, uri in OccupationSkill.objects.filter(
        occupation_id__in={o for ids in history.values() for o in ids}, relation="essential"
    ).values_list("occupation_id", "skill__uri"):
        essential.setdefault(occupation_id, set()).add(uri)
    skills: dict[int, list[str]] = {}
    for client_id, uri in ClientCompetence.objects.filter(
        client__in=demo, kind="skill", source__in=("work_history", "counsellor")
    ).values_list("client_id", "uri"):
        skills.setdefault(client_id, []).append(uri)
    for client_id, uris in skills.items():
        allowed = set().union(*(essential[o] for o in history[client_id]))
        assert set(uris) <= allowed, client_id
        assert 5 <= len(uris) <= 12, client_id
    assert len(skills) == demo.count()


def test_most_skills_are_confirmed_some_assessed_some_waiting(demo):
    competences = ClientCompetence.objects.filter(client__in=demo, kind="skill")
    derived = competences.filter(source="work_history")
    assert share(derived.filter(confirmed=True), derived.count()) > 0.85
    waiting = derived.filter(confirmed=False)
    assert waiting.exists() and not waiting.filter(confidence__gt=0.7).exists()
    assessed = competences.filter(source="counsellor")
    assert set(assessed.values_list("level", flat=True)) == {2, 3, 4, 5}
    assert not assessed.filter(added_by__isnull=True).exists()
    assert competences.filter(source="self").exists()


def test_every_competence_resolves_to_its_kind(demo):
    pairs = set(ClientCompetence.objects.filter(client__in=demo).values_list("uri", "kind"))
    wrong = [(uri, kind) for uri, kind in sorted(pairs) if concept_kind(uri) != kind]
    assert not wrong
    wished = Concept.objects.filter(pk__in=demo.values("wished_occupations"))
    assert set(wished.values_list("kind", flat=True)) == {"occupation"}
    assert not demo.filter(wished_occupations__isnull=True).exists()
    assert not demo.filter(wished_municipalities__isnull=True).exists()


def test_licences_expire_by_their_validity(demo):
    validity = dict(Licence.objects.values_list("code", "validity_years"))
    licences = ClientCompetence.objects.filter(client__in=demo, kind="licence")
    for uri, expires_on, source in licences.values_list("uri", "expires_on", "source"):
        assert source == "certificate"
        assert (expires_on is None) == (validity[uri.rsplit(":", 1)[1]] is None), uri
    dated = licences.filter(expires_on__isnull=False)
    assert dated.filter(expires_on__lt=TODAY).exists()
    assert share(dated.filter(expires_on__gte=TODAY), dated.count()) > 0.8
    assert share(licences.filter(uri__endswith=":ajokortti-b"), demo.count()) > 0.5
    cards = set(licences.values_list("uri", flat=True))
    for code in ("hygieniapassi", "tyoturvallisuuskortti", "ammattipatevyys", "ea1"):
        assert f"urn:kohtaamo:licence:{code}" in cards


def test_clients_belong_to_their_municipalitys_organisation_and_coordinator(demo):
    coordinators = set(
        Membership.objects.filter(role=Role.COORDINATOR).values_list("organisation_id", "user_id")
    )
    for code, organisation, organisation_id, responsible_id in demo.values_list(
        "municipality__code", "organisation__name", "organisation_id", "responsible_id"
    ):
        assert organisation == HOME_ORGANISATIONS.get(code, "Lapin TE-toimisto"), code
        assert (organisation_id, responsible_id) in coordinators
    rovaniemi = Counter(
        demo.filter(municipality__code="698").values_list("responsible__username", flat=True)
    )
    assert set(rovaniemi) == {"rovaniemi.coordinator", "rovaniemi.coach"}


def test_about_15_percent_have_a_consent_to_a_vocational_college(demo, user):
    consents = Consent.objects.filter(client__in=demo)
    assert 0.12 <= share(demo.filter(consents__isnull=False).distinct(), demo.count()) <= 0.19
    assert set(consents.values_list("organisation__name", flat=True)) == {REDU, "Lappia"}
    lappia = consents.filter(organisation__name="Lappia")
    assert set(lappia.values_list("client__municipality__code", flat=True)) <= KEMI_AREA
    assert set(consents.values_list("scope", flat=True)) == {"competences", "full"}
    assert not consents.filter(valid_until__lt=date(2027, 1, 1)).exists()
    withdrawn = consents.filter(withdrawn_at__isnull=False)
    assert 3 <= withdrawn.count() <= 20
    assert not withdrawn.filter(withdrawn_by__isnull=True).exists()
    active = consents.filter(withdrawn_at__isnull=True, organisation__name=REDU)
    seen = Client.objects.visible_to(user("redu.counsellor")).filter(pk__in=active.values("client"))
    assert seen.count() == active.count()
    assert (
        not Client.objects.visible_to(user("redu.counsellor"))
        .filter(pk__in=withdrawn.filter(organisation__name=REDU).values("client"))
        .exists()
    )


def test_contact_details_are_fictional_and_distinct(demo):
    total = demo.count()
    emails = [e for e in demo.values_list("email", flat=True) if e]
    assert 0.4 <= len(emails) / total <= 0.6
    assert all(e.endswith("@example.fi") for e in emails) and len(set(emails)) == len(emails)
    phones = [p for p in demo.values_list("phone", flat=True) if p]
    assert len(phones) / total >= 0.8
    assert all(p.startswith("+358 40 0") for p in phones) and len(set(phones)) == len(phones)
    assert not demo.exclude(identity_code="").exists()


def test_names_are_distinct_and_some_are_swedish_sami_or_from_abroad(demo):
    people = list(demo.values_list("first_name", "last_name"))
    assert len(set(people)) == len(people)
    last_names = {last for _, last in people}
    abroad = {n for table in names.IMMIGRANT_NAMES.values() for pair in table["last"] for n in pair}
    for group in (names.FINNISH_LAST, names.SAMI_LAST, names.SWEDISH_LAST, abroad):
        assert last_names & set(group)


def test_some_clients_have_strengths_development_needs_and_notes_in_finnish(demo):
    total = demo.count()
    assert 0.25 <= share(demo.exclude(strengths_counsellor=""), total) <= 0.45
    assert demo.exclude(development_counsellor="").exists()
    assert demo.exclude(strengths_own="").exists() and demo.exclude(note="").exists()


def test_demo_seeker_is_linked_and_can_log_in(client, demo_password, user):
    seeker = user("demo.seeker")
    record = Client.objects.get(user=seeker)
    assert (record.first_name, record.municipality.code) == ("Sanna", "698")
    assert not Membership.objects.filter(user=seeker).exists()
    assert client.login(username="demo.seeker", password=demo_password)
    waiting = record.competences.filter(source="work_history", confirmed=False)
    assert waiting.count() >= 2
    assert record.competences.filter(source="work_history", confirmed=True).exists()
    assert record.competences.filter(kind="licence").count() >= 3
    assert record.work_history.count() == 2
    consent = Consent.objects.active().get(client=record)
    assert (consent.organisation.name, consent.scope) == (REDU, "competences")
    assert Client.objects.visible_to(user("redu.counsellor")).filter(pk=record.pk).exists()


def test_lappia_has_a_company_coordinator(user, demo_password):
    lappia = user("lappia.company")
    assert lappia.check_password(demo_password)
    assert Membership.objects.get(user=lappia).role == Role.COMPANY_COORDINATOR
    assert Membership.objects.get(user=lappia).organisation.name == "Lappia"


def test_print_logins_lists_the_job_seeker_and_lappias_company_coordinator():
    out = io.StringIO()
    call_command("load_demo", force=True, print_logins=True, stdout=out)
    logins = out.getvalue()
    assert "demo.seeker" in logins and "lappia.company" in logins


def test_seeker_preferred_occupations_exist_in_esco():
    codes = set(Concept.objects.filter(kind="occupation").values_list("code", flat=True))
    assert [c for choices in SEEKER_PREFERRED.values() for c in choices if c not in codes] == []


# -- The plan (no database) ----------------------------------------------------------------------


def fake_occupation(code: str, label: str) -> OccupationFacts:
    essential = tuple(SkillLink(f"urn:test:{code}:{i}", f"taito {i}", i) for i in range(14))
    optional = tuple(SkillLink(f"urn:test:{code}:o{i}", f"lisätaito {i}", i) for i in range(4))
    return OccupationFacts(f"urn:test:{code}", code, label, 18, essential, optional)


def fake_plan(seed: str):
    return plan_clients(
        random.Random(seed),
        unemployed_by_municipality={"698": 3, "240": 1, "890": 1},
        unemployed_by_group={"5120": 2, "9112": 1, "7115": 1},
        occupations={
            "5120": [fake_occupation("5120.1", "kokki")],
            "9112": [fake_occupation("9112.2", "laitossiivooja")],
            "7115": [fake_occupation("7115.1", "kirvesmies")],
        },
        licence_years={"ajokortti-b": 15, "hygieniapassi": None, "tyoturvallisuuskortti": 5},
        total=50,
    )


def test_the_same_seed_plans_the_same_clients():
    first = fake_plan("seed")
    assert first == fake_plan("seed")
    assert first != fake_plan("another seed")
    assert len(first) == 50
    assert Counter(p.municipality for p in first) == {"698": 30, "240": 10, "890": 10}
    assert len({p.key for p in first}) == 50


# -- Building again -----------------------------------------------------------------------------


def snapshot(demo) -> dict[str, list]:
    """Everything the demo wrote of its clients, by stable keys (never database ids)."""

    def rows(queryset, *fields):
        return sorted(tuple(map(str, row)) for row in queryset.values_list(*fields))

    return {
        "clients": rows(
            demo, "public_id", "organisation__name", "responsible__username", "user__username",
            "first_name", "last_name", "email", "phone", "birth_year", "gender",
            "municipality__code", "education_level", "unemployment_start", "immigrant",
            "partial_work_ability", "status", "last_contact_on", "commuting_radius_km",
            "season_wish", "hours_wish", "willing_to_relocate", "strengths_counsellor",
            "strengths_own", "development_counsellor", "development_own", "note", "created_at",
            "updated_at",
        ),
        "wished_occupations": rows(demo, "public_id", "wished_occupations__uri"),
        "wished_municipalities": rows(demo, "public_id", "wished_municipalities__code"),
        "languages": rows(
            ClientLanguage.objects.filter(client__in=demo), "client__public_id", "code", "level"
        ),
        "competences": rows(
            ClientCompetence.objects.filter(client__in=demo),
            "client__public_id", "uri", "kind", "level", "source", "confidence", "confirmed",
            "expires_on", "evidence", "added_by__username", "created_at",
        ),
        "work_history": rows(
            WorkHistoryEntry.objects.filter(client__in=demo),
            "client__public_id", "occupation__uri", "title", "employer_name", "years",
            "ended_year",
        ),
        "consents": rows(
            Consent.objects.filter(client__in=demo),
            "public_id", "client__public_id", "organisation__name", "scope", "given_at",
            "valid_until", "recorded_by__username", "withdrawn_at", "withdrawn_by__username",
        ),
    }  # fmt: skip


def test_demo_clients_are_the_same_when_built_again(demo):
    before = snapshot(demo)
    Participant.objects.filter(client__in=demo).delete()  # fund records protect the clients
    demo.delete()
    assert demo.count() == 0
    call_command("load_demo", force=True, verbosity=0)
    assert snapshot(demo) == before


def test_loading_the_demo_again_changes_no_client(demo):
    models = (Client, ClientLanguage, ClientCompetence, WorkHistoryEntry, Consent)
    before = [m.objects.count() for m in models]
    contents = snapshot(demo)
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert [m.objects.count() for m in models] == before
    assert snapshot(demo) == contents
    assert "nothing to add" in out.getvalue()


def test_load_demo_adds_a_missing_client_and_says_so(demo):
    removed = demo.exclude(user__isnull=False).order_by("public_id").first()
    public_id = removed.public_id
    Participant.objects.filter(client=removed).delete()
    removed.delete()
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert Client.objects.filter(public_id=public_id).exists()
    assert "added 0 employers, 0 mappings, 0 vacancies, 1 job seekers" in out.getvalue()
