import pytest
from django.core.management import CommandError, call_command

from kohtaamo.accounts.models import User
from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_demo_has_the_lapland_organisations_and_named_users(demo_password):
    for name in ("Rovaniemen kaupungin työllisyyspalvelut", "Koulutuskuntayhtymä REDU", "Lappia",
                 "Kemin kaupunki", "Kolarin kunta", "Ranuan kunta", "Lapin TE-toimisto",
                 "Lapin ELY-keskus", "Lapin yliopisto", "Lapin ammattikorkeakoulu"):  # fmt: skip
        assert Organisation.objects.filter(name=name).exists(), name
    for username in ("rovaniemi.coordinator", "kemi.coordinator", "redu.counsellor", "ely.analyst"):
        assert User.objects.get(username=username).check_password(demo_password)
    assert Membership.objects.get(user__username="ely.analyst").role == Role.REGIONAL_ANALYST


def test_every_role_has_a_demo_user():
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


def test_demo_refuses_when_debug_is_off():
    with pytest.raises(CommandError, match="refusing"):
        call_command("load_demo")


def test_demo_is_idempotent():
    before = (User.objects.count(), Membership.objects.count(), Organisation.objects.count())
    call_command("load_demo", force=True, verbosity=0)
    assert (
        User.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
    ) == before
