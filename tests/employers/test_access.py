"""Who sees which employer records (deliverable 6)."""

import pytest

from kohtaamo.employers import perms
from kohtaamo.employers.models import Employer
from kohtaamo.organisations.enums import Role
from tests.employers.factories import EmployerFactory
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Employer.objects.visible_to(user))


def test_company_coordinators_see_their_organisations_employers_only(user, rovaniemi, kemi):
    ours, theirs = EmployerFactory(partners=[rovaniemi]), EmployerFactory(partners=[kemi])
    seen = visible(user("rovaniemi.company"))
    assert ours in seen
    assert theirs not in seen


def test_a_shared_employer_is_seen_by_both(user, rovaniemi, kemi):
    shared = EmployerFactory(partners=[rovaniemi, kemi])
    assert shared in visible(user("rovaniemi.company"))
    assert shared in visible(user("kemi.company"))


def test_a_regional_analyst_sees_no_employer_record(user):
    EmployerFactory(
        partners=[MembershipFactory(user=user("ely.analyst"), analyst=True).organisation]
    )
    assert Employer.objects.visible_to(user("ely.analyst")).count() == 0
    assert not perms.can_create_employers(user("ely.analyst"))


def test_an_analyst_role_next_to_a_working_role_elsewhere_does_not_open_the_analysts_org(kemi):
    membership = MembershipFactory(analyst=True)
    MembershipFactory(user=membership.user, organisation=kemi, role=Role.COMPANY_COORDINATOR)
    hidden = EmployerFactory(partners=[membership.organisation])
    assert hidden not in visible(membership.user)


def test_a_deactivated_membership_sees_nothing(rovaniemi):
    membership = MembershipFactory(organisation=rovaniemi, role=Role.COMPANY_COORDINATOR)
    employer = EmployerFactory(partners=[rovaniemi])
    assert perms.can_edit_employer(membership.user, employer)
    membership.is_active = False
    membership.deactivation_reason = "left"
    membership.save()
    assert employer not in visible(membership.user)
    assert not perms.can_edit_employer(membership.user, employer)


@pytest.mark.parametrize(
    "role", [Role.COMPANY_COORDINATOR, Role.COORDINATOR, Role.ORGANISATION_ADMIN]
)
def test_working_roles_may_edit(rovaniemi, role):
    membership = MembershipFactory(organisation=rovaniemi, role=role)
    assert perms.can_edit_employer(membership.user, EmployerFactory(partners=[rovaniemi]))
    assert perms.can_create_employers_in(membership.user, rovaniemi)
