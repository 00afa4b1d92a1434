"""Loading the demo data of Lapland. Idempotent: running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction

from kohtaamo.demo.data import ORGANISATIONS, USERS
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Membership, Organisation


@transaction.atomic
def load_demo(*, password: str) -> dict[str, int]:
    municipalities = {m.code: m for m in Municipality.objects.filter(region__code="19")}
    if not municipalities:
        raise RuntimeError("Import the municipalities first (manage.py import_geo)")
    organisations = {}
    for name, kind, code in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "municipality": municipalities[code]}
        )
    user_model = get_user_model()
    for username, first, last, roles in USERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        for organisation, role in roles:
            Membership.objects.get_or_create(
                user=user, organisation=organisations[organisation], role=role
            )
    return {"organisations": len(organisations), "users": len(USERS)}


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, organisation, role) of every demo user, for printing at start-up."""
    return [(u, roles[0][0], roles[0][1].label) for u, _, _, roles in USERS]
