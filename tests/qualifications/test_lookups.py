"""What other apps read from qualifications: search labels and URIs."""

import pytest
from django.utils import translation

from kohtaamo.qualifications.models import Qualification, QualificationUnit
from kohtaamo.qualifications.services import get_by_uri, import_eperusteet, iter_search_labels
from tests.qualifications.documents import unit_document

pytestmark = pytest.mark.usefixtures("no_qualifications")


def test_search_labels_give_finnish_and_swedish_names_of_units_and_qualifications(sample):
    import_eperusteet(
        paths=[
            sample("eperusteet-tutkinnonosa-asteikko1.json"),
            sample("eperusteet_api_perusteet.json"),
        ]
    )

    labels = set(iter_search_labels())

    unit = "urn:eperusteet:tutkinnonosa:3435790"
    assert ("unit", unit, "fi", "Proaktiivinen kehittäminen", True) in labels
    assert ("unit", unit, "sv", "Proaktiv utveckling", True) in labels
    assert ("unit", unit, "en", "Proactive development", True) in labels
    qualification = "urn:eperusteet:peruste:4551090"
    assert (
        "qualification",
        qualification,
        "fi",
        "Ravintolan asiakaspalvelun ammattitutkinto",
        True,
    ) in labels
    assert (
        "qualification",
        qualification,
        "sv",
        "Yrkesexamen i kundservice på restaurang",
        True,
    ) in labels


def test_search_labels_skip_names_missing_in_a_language(write_json):
    import_eperusteet(
        paths=[write_json("u.json", unit_document(8800001, fi="Vain suomeksi", sv=""))]
    )

    assert list(iter_search_labels()) == [
        ("unit", "urn:eperusteet:tutkinnonosa:8800001", "fi", "Vain suomeksi", True)
    ]


def test_a_uri_finds_its_unit_or_qualification(sample):
    import_eperusteet(
        paths=[
            sample("eperusteet-tutkinnonosa-asteikko1.json"),
            sample("eperusteet_api_perusteet.json"),
        ]
    )

    unit = get_by_uri("urn:eperusteet:tutkinnonosa:3435790")
    qualification = get_by_uri("urn:eperusteet:peruste:616")

    assert isinstance(unit, QualificationUnit) and unit.uri == "urn:eperusteet:tutkinnonosa:3435790"
    assert isinstance(qualification, Qualification) and qualification.eperusteet_id == 616


@pytest.mark.parametrize(
    "uri",
    [
        "urn:eperusteet:peruste:999999999",
        "urn:eperusteet:tutkinnonosa:abc",
        "urn:eperusteet:tutkinnonosa:²",
        "http://data.europa.eu/esco/skill/1",
        "",
    ],
)
def test_an_unknown_or_foreign_uri_finds_nothing(uri, sample):
    import_eperusteet(paths=[sample("eperusteet_api_perusteet.json")])

    assert get_by_uri(uri) is None


def test_names_follow_the_active_language(sample):
    import_eperusteet(paths=[sample("eperusteet-tutkinnonosa-asteikko3.json")])
    unit = QualificationUnit.objects.get(eperusteet_id=3314254)

    with translation.override("sv"):
        assert str(unit) == "Underhåll av grönområden vid begravningsplatser"
    with translation.override("en"):  # no English name: falls back to Finnish
        assert unit.name == "Hautausmaiden viheralueista huolehtiminen"
