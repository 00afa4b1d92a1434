"""Must show: a profile for "maanrakennuskoneenkuljettaja" built from the demo data, both versions.

The session database holds the demo (tests/conftest.py runs `load_demo`). The job title names
the earthmoving plant operators; its best ESCO match is the excavator operator, whose ISCO
group 8342 is the profile an earthmoving machine operator needs.
"""

import pytest
from django.urls import reverse

from kohtaamo.competences.services import normalise_title
from kohtaamo.profiles.services import occupation_key, resolve_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def earthmoving_keys() -> tuple[str, str]:
    _, matches = normalise_title(title="maanrakennuskoneenkuljettaja", lang="fi")
    scope = resolve_key(occupation_key(matches[0].uri))
    return scope.key, scope.isco


@pytest.mark.parametrize("audience", ["seeker", "counsellor"])
def test_demo_profile_of_earthmoving_machine_operators(login, earthmoving_keys, audience):
    occupation, group = earthmoving_keys
    assert group == "8342"
    client = login("rovaniemi.coordinator")
    for key in (group, occupation):
        response = client.get(reverse("www:profile", kwargs={"key": key}), {"audience": audience})
        assert response.status_code == 200
        view = response.context["view"]
        assert view.profile.employers > 0, f"no demo employer asks for {key}"
        assert view.competences, f"no demo competences for {key}"
        assert response.context["audience"] == audience
