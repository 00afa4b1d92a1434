"""The coordinators' lists (deliverable 5): my clients, my team's clients, the filters, and a
fixed number of queries whatever the length of the list.

The demo data has clients of its own, so these tests work in organisations of their own.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.enums import Role
from tests.clients.factories import ClientFactory, ConsentFactory
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = reverse("www:clients")
TODAY = timezone.localdate()


def names(response) -> list[str]:
    return [c.last_name for c in response.context["page"].object_list]


@pytest.fixture
def ours():
    """Our own organisation, whose coordinator browses the lists."""
    return MembershipFactory(user__username="lista.coordinator").organisation


@pytest.fixture
def partner():
    """Another organisation, which shares some of its clients with ours."""
    return MembershipFactory(user__username="lista.partner").organisation


@pytest.fixture
def coordinator(user, ours):
    return user("lista.coordinator")


@pytest.fixture
def login(client, user, ours):
    """Log in as a member of our organisation: its coordinator, or someone in another role."""

    def _login(role: str = Role.COORDINATOR):
        if role == Role.COORDINATOR:
            client.force_login(user("lista.coordinator"))
        else:
            client.force_login(MembershipFactory(organisation=ours, role=role).user)
        return client

    return _login


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


def test_my_clients_are_those_i_am_responsible_for(login, ours, coordinator):
    ClientFactory(organisation=ours, responsible=coordinator, last_name="Oma")
    ClientFactory(organisation=ours, last_name="Kollegan")
    browser = login()
    assert names(browser.get(URL)) == ["Oma"]
    assert names(browser.get(URL, {"tab": "team"})) == ["Kollegan", "Oma"]


def test_the_team_tab_adds_consented_clients_but_not_others(login, ours, partner):
    shared = ClientFactory(organisation=partner, last_name="Jaettu")
    ConsentFactory(client=shared, organisation=ours, scope=ConsentScope.BASIC)
    ClientFactory(organisation=partner, last_name="Vieras")
    response = login().get(URL, {"tab": "team"})
    assert names(response) == ["Jaettu"]
    [row] = response.context["page"].object_list
    assert row.scope == "basic"
    assert row.group_labels is None  # target groups belong to the full record


@pytest.mark.parametrize("role", [Role.COMPANY_COORDINATOR, Role.REGIONAL_ANALYST])
def test_roles_without_clients_get_an_empty_page(login, ours, role):
    ClientFactory(organisation=ours, last_name="Piilossa")
    response = login(role).get(URL, {"tab": "team"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "Piilossa" not in response.content.decode()
    assert not response.context["works_with_clients"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "virta"}, ["Virtanen"]),
        ({"q": "anna virt"}, ["Virtanen"]),
        ({"municipality": "240"}, ["Virtanen"]),
        ({"status": "employed"}, ["Korhonen"]),
        ({"target_group": "immigrant"}, ["Korhonen"]),
        ({"target_group": "over_54"}, ["Virtanen"]),
        ({"target_group": "long_term_unemployed"}, ["Virtanen"]),
        ({"no_contact_days": "30"}, ["Virtanen"]),
        ({"no_contact_days": "nonsense"}, ["Korhonen", "Virtanen"]),
    ],
)
def test_filters(login, ours, coordinator, params, expected):
    ClientFactory(
        organisation=ours,
        responsible=coordinator,
        first_name="Anna",
        last_name="Virtanen",
        birth_year=TODAY.year - 60,
        municipality=Municipality.objects.get(code="240"),
        unemployment_start=TODAY.replace(year=TODAY.year - 2),
        last_contact_on=TODAY - timezone.timedelta(days=45),
    )
    ClientFactory(
        organisation=ours,
        responsible=coordinator,
        first_name="Omar",
        last_name="Korhonen",
        status="employed",
        immigrant=True,
        last_contact_on=TODAY,
    )
    assert names(login().get(URL, params)) == expected


def test_the_target_group_filter_finds_only_full_records(login, ours, partner):
    """A partner with a basic consent must not learn who is an immigrant by filtering."""
    narrow = ClientFactory(organisation=partner, last_name="Kapea", immigrant=True)
    ConsentFactory(client=narrow, organisation=ours, scope=ConsentScope.BASIC)
    wide = ClientFactory(organisation=partner, last_name="Laaja", immigrant=True)
    ConsentFactory(client=wide, organisation=ours, scope=ConsentScope.FULL)
    response = login().get(URL, {"tab": "team", "target_group": "immigrant"})
    assert names(response) == ["Laaja"]


def test_fifty_a_page(login, ours, coordinator):
    for n in range(55):
        ClientFactory(organisation=ours, responsible=coordinator, last_name=f"Sivu{n:02d}")
    browser = login()
    first = browser.get(URL)
    assert len(names(first)) == 50
    assert names(browser.get(URL, {"page": 2})) == [f"Sivu{n}" for n in range(50, 55)]


def _queries(browser, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(URL, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("tab", ["mine", "team"])
def test_the_list_queries_do_not_grow_with_its_length(
    login, ours, partner, coordinator, django_assert_num_queries, tab
):
    def add(count: int) -> None:
        for _n in range(count):
            ClientFactory(organisation=ours, responsible=coordinator, last_contact_on=TODAY)
            shared = ClientFactory(organisation=partner, responsible=None)
            ConsentFactory(client=shared, organisation=ours, scope=ConsentScope.BASIC)

    add(5)
    browser = login()
    browser.get(URL, {"tab": tab})  # the session settles on the first request
    expected = _queries(browser, {"tab": tab})
    add(55)
    with django_assert_num_queries(expected):
        response = browser.get(URL, {"tab": tab})
    assert len(response.context["page"].object_list) == 50


def test_the_list_queries_are_fixed_with_filters_too(
    login, ours, coordinator, django_assert_num_queries
):
    params = {"tab": "team", "target_group": "under_30", "status": "active", "q": "a",
              "no_contact_days": "90", "municipality": "240"}  # fmt: skip
    kemi_town = Municipality.objects.get(code="240")
    for _n in range(5):
        ClientFactory(
            organisation=ours, first_name="Aino", birth_year=TODAY.year - 20, municipality=kemi_town
        )
    browser = login()
    browser.get(URL, params)
    expected = _queries(browser, params)
    for _n in range(60):
        ClientFactory(
            organisation=ours, first_name="Aino", birth_year=TODAY.year - 20, municipality=kemi_town
        )
    with django_assert_num_queries(expected):
        browser.get(URL, params)


def test_the_demo_clients_list_costs_what_a_short_list_costs(
    client, user, ours, coordinator, django_assert_num_queries
):
    """The ~1,500 demo job seekers in one team list, against a list of five."""
    for _n in range(5):
        ClientFactory(organisation=ours)
    client.force_login(coordinator)
    client.get(URL, {"tab": "team"})
    expected = _queries(client, {"tab": "team"})
    client.force_login(user("rovaniemi.coordinator"))
    client.get(URL, {"tab": "team"})
    with django_assert_num_queries(expected):
        response = client.get(URL, {"tab": "team"})
    assert len(response.context["page"].object_list) == 50
