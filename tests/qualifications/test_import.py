"""Importing ePerusteet files into the database."""

import json
from decimal import Decimal

import pytest

from kohtaamo.qualifications import services
from kohtaamo.qualifications.enums import QualificationKind, UnitKind
from kohtaamo.qualifications.models import (
    Qualification,
    QualificationComposition,
    QualificationUnit,
)
from kohtaamo.qualifications.services import (
    QualificationImportError,
    demo_paths,
    import_eperusteet,
)
from tests.qualifications.documents import peruste_document, table_counts, unit_document

pytestmark = pytest.mark.usefixtures("no_qualifications")

REAL_UNIT_SAMPLES = [
    (
        "eperusteet-tutkinnonosa-asteikko1.json",
        {3435790: ("Proaktiivinen kehittäminen", "Proaktiv utveckling", "Proactive development")},
    ),
    (
        "eperusteet-tutkinnonosa-asteikko2.json",
        {52824: ("Elintarviketuotannossa toimiminen", "Arbete inom livsmedelsproduktion", "")},
    ),
    (
        "eperusteet-tutkinnonosa-asteikko3.json",
        {
            3314254: (
                "Hautausmaiden viheralueista huolehtiminen",
                "Underhåll av grönområden vid begravningsplatser",
                "",
            )
        },
    ),
    (
        "eperusteet-service_api_tutkinnonosat.json",
        {52824: ("Elintarviketuotannossa toimiminen", "Arbete inom livsmedelsproduktion", "")},
    ),
    (
        "eperusteet-service_api_tutkinnonosat_telma.json",
        {
            3003003: (
                "Ammatillisen toimintakyvyn vahvistaminen",
                "Stärkande av den yrkesinriktade funktionsförmågan",
                "",
            )
        },
    ),
    (
        "eperusteet-service_api_tutkinnonosat_400014.json",
        {
            unit_id: (
                "Yhteiskunta- ja työelämäosaaminen",
                "" if unit_id == 4557564 else "Kunnande om samhälle och arbetsliv",
                "" if unit_id == 4557564 else "Citizenship and working life competence",
            )
            for unit_id in (3708884, 4319732, 4557564, 6603663, 6734822)
        },
    ),
]


def names(obj) -> tuple[str, str, str]:
    return obj.name_fi, obj.name_sv, obj.name_en


@pytest.mark.parametrize(("sample_name", "expected"), REAL_UNIT_SAMPLES)
def test_importing_a_real_unit_sample_stores_its_units_with_their_names(
    sample, sample_name, expected
):
    report = import_eperusteet(paths=[sample(sample_name)])

    stored = {u.eperusteet_id: names(u) for u in QualificationUnit.objects.all()}
    assert stored == expected
    assert report.units.created == len(expected)


def test_real_units_keep_their_codes_kinds_and_requirements(sample):
    import_eperusteet(
        paths=[
            sample("eperusteet-tutkinnonosa-asteikko3.json"),
            sample("eperusteet-service_api_tutkinnonosat_400014.json"),
        ]
    )

    cemetery = QualificationUnit.objects.get(eperusteet_id=3314254)
    assert (cemetery.code, cemetery.kind) == ("106003", UnitKind.NORMAL)
    assert cemetery.skill_requirements[0] == {
        "fi": "rakentaa ja ylläpitää hautausmaiden viheralueita",
        "sv": "bygga eller underhålla begravningsplatsers grönområden",
        "en": "",
    }
    assert set(QualificationUnit.objects.filter(code="400014").values_list("kind", flat=True)) == {
        UnitKind.COMMON
    }


def test_a_real_page_of_qualifications_stores_them_with_kinds_and_dates(sample):
    import_eperusteet(paths=[sample("eperusteet_api_perusteet.json")])

    assert Qualification.objects.count() == 6
    cook = Qualification.objects.get(eperusteet_id=1336402)
    assert (cook.name_fi, cook.kind) == (
        "Ravintolakokin ammattitutkinto",
        QualificationKind.FURTHER,
    )
    old_hotel = Qualification.objects.get(eperusteet_id=616)
    assert (old_hotel.diary_number, str(old_hotel.valid_until)) == ("44/011/2014", "2015-12-31")
    assert old_hotel.uri == "urn:eperusteet:peruste:616"


def test_where_used_references_put_a_unit_into_its_qualification(sample):
    report = import_eperusteet(
        paths=[
            sample("eperusteet-service_api_tutkinnonosat.json"),
            sample("eperusteet-service_api_tutkinnonosat_52824_viitteet.json"),
        ]
    )

    food = Qualification.objects.get(eperusteet_id=1563502)
    assert (food.name_fi, food.kind) == (
        "Elintarvikealan perustutkinto",
        QualificationKind.VOCATIONAL,
    )
    composition = QualificationComposition.objects.get(qualification=food)
    assert composition.unit.eperusteet_id == 52824
    assert (composition.mandatory, composition.scope) == (None, Decimal(30))
    assert QualificationUnit.objects.get(eperusteet_id=52824).scope == Decimal(30)
    assert report.warnings == []


def test_a_reference_to_a_unit_outside_the_import_and_the_database_is_skipped_with_a_warning(
    sample,
):
    report = import_eperusteet(
        paths=[sample("eperusteet-service_api_tutkinnonosat_52824_viitteet.json")]
    )

    assert Qualification.objects.filter(eperusteet_id=1563502).exists()
    assert not QualificationComposition.objects.exists()
    assert "unit 52824 of qualification 1563502" in report.warnings[0]


def test_a_structure_alone_imports_nothing_and_says_why(sample):
    name = "eperusteet-service_api_perusteet_1352660_suoritustavat_ops_rakenne.json"

    report = import_eperusteet(paths=[sample(name)])

    assert table_counts() == (0, 0, 0)
    assert report.warnings == [
        f"{name}.gz: 26 unit references of the structure are not in this import "
        "(their tutkinnonOsaViite is unknown) and were skipped"
    ]


def test_a_structure_is_resolved_through_the_references_of_the_same_import(sample, write_json):
    units = write_json("units.json", [unit_document(8800001), unit_document(8800002)])
    peruste = {"id": 1352660, "nimi": {"fi": "Hotelli-, ravintola- ja catering-alan perustutkinto"}}
    references = write_json(
        "viitteet.json",
        [
            {"id": 1352619, "laajuus": 30, "_tutkinnonOsa": "8800001", "peruste": peruste},
            {"id": 1352624, "laajuus": 15, "_tutkinnonOsa": "8800002", "peruste": peruste},
        ],
    )
    structure = sample("eperusteet-service_api_perusteet_1352660_suoritustavat_ops_rakenne.json")

    report = import_eperusteet(paths=[units, references, structure])

    rows = {
        c.unit.eperusteet_id: (c.mandatory, c.scope, c.module)
        for c in QualificationComposition.objects.filter(qualification__eperusteet_id=1352660)
    }
    assert rows == {
        8800001: (True, Decimal(30), "Pakollinen tutkinnon osa"),
        8800002: (False, Decimal(15), "Valinnaiset tutkinnon osat"),
    }
    assert "24 unit references" in report.warnings[0]


def test_the_demo_set_holds_the_six_lapland_qualifications_with_their_mandatory_units():
    import_eperusteet(paths=demo_paths())

    expected = {
        "Luonto- ja ympäristöalan perustutkinto": "Luonnontuotteiden keruu ja käsittely",
        "Matkailualan perustutkinto": "Matkailualan asiakaspalvelu",
        "Logistiikan perustutkinto": "Kuorma-autolla tai linja-autolla kuljettaminen",
        "Infra-alan perustutkinto": "Maarakennuskoneiden käyttö",
        "Puhtaus- ja kiinteistöpalvelualan perustutkinto": "Puhtaana- ja kunnossapito",
        "Ravintola- ja catering-alan perustutkinto": "Ruokapalvelujen tuottaminen",
    }
    for name, unit in expected.items():
        qualification = Qualification.objects.get(name_fi=name)
        mandatory = qualification.compositions.filter(mandatory=True)
        assert qualification.kind == QualificationKind.VOCATIONAL
        assert qualification.scope == 180
        assert unit in {c.unit.name_fi for c in mandatory}, name
        assert mandatory.filter(unit__name_fi="Yhteiskunta- ja työelämäosaaminen").exists()
        assert all(c.unit.name_sv and c.unit.skill_requirements for c in mandatory)


def test_the_demo_set_includes_the_importable_real_samples():
    import_eperusteet(paths=demo_paths())

    assert Qualification.objects.filter(eperusteet_id=3397335).exists()
    assert QualificationUnit.objects.filter(eperusteet_id=3435790).exists()


def test_reimporting_the_same_files_changes_nothing():
    import_eperusteet(paths=demo_paths())
    before = table_counts()
    snapshot = list(QualificationComposition.objects.values().order_by("pk"))

    report = import_eperusteet(paths=demo_paths())

    assert table_counts() == before
    assert list(QualificationComposition.objects.values().order_by("pk")) == snapshot
    assert (report.qualifications.created, report.qualifications.updated) == (0, 0)
    assert (report.units.created, report.units.updated) == (0, 0)
    assert (report.compositions.created, report.compositions.deleted) == (0, 0)
    assert report.qualifications.unchanged == before[0]


def test_reimporting_a_full_document_replaces_the_composition_of_its_qualification(write_json):
    first, second, third = unit_document(8800001), unit_document(8800002), unit_document(8800003)
    import_eperusteet(
        paths=[write_json("v1.json", peruste_document(8700001, [(first, True), (second, False)]))]
    )

    changed = peruste_document(8700001, [(first, False), (third, True)])
    report = import_eperusteet(paths=[write_json("v2.json", changed)])

    stored = QualificationComposition.objects.filter(qualification__eperusteet_id=8700001)
    assert {c.unit.eperusteet_id: c.mandatory for c in stored} == {8800001: False, 8800003: True}
    assert (report.compositions.created, report.compositions.updated) == (1, 1)
    assert report.compositions.deleted == 1
    assert QualificationUnit.objects.filter(eperusteet_id=8800002).exists()


def test_reimporting_updates_names_that_changed(write_json):
    import_eperusteet(paths=[write_json("a.json", unit_document(8800001, fi="Vanha nimi"))])

    report = import_eperusteet(paths=[write_json("b.json", unit_document(8800001, fi="Uusi nimi"))])

    assert QualificationUnit.objects.get(eperusteet_id=8800001).name_fi == "Uusi nimi"
    assert (report.units.created, report.units.updated) == (0, 1)


def test_a_summary_does_not_erase_what_a_full_document_said(write_json):
    unit = unit_document(8800001)
    full = write_json("full.json.gz", peruste_document(8700001, [(unit, True)]))
    import_eperusteet(paths=[full])

    summary = {
        "id": 8700001,
        "nimi": {"fi": "Testialan perustutkinto", "sv": "Grundexamen i test"},
        "diaarinumero": None,
        "suoritustavat": [{"suoritustapakoodi": "reformi", "laajuusYksikko": "OSAAMISPISTE"}],
    }
    import_eperusteet(paths=[write_json("summary.json", {"data": [summary], "sivu": 0})])

    qualification = Qualification.objects.get(eperusteet_id=8700001)
    assert (qualification.scope, qualification.diary_number) == (180, "TEST-1")
    assert qualification.name_en == "Vocational Qualification in Testing"
    assert qualification.compositions.get().mandatory is True


def test_a_dry_run_reports_changes_but_saves_nothing():
    report = import_eperusteet(paths=demo_paths(), dry_run=True)

    assert report.qualifications.created >= 7
    assert table_counts() == (0, 0, 0)


BROKEN_FILES = [
    (
        "truncated.json",
        lambda: json.dumps([unit_document(8800009)])[:-40],
        "truncated.json: $: invalid JSON at line 1",
    ),
    (
        "tutkinnonosat.json",
        lambda: [
            unit_document(8800005),
            unit_document(8800006),
            unit_document(8800007),
            {"id": 8800008, "osanTyyppi": "tutkinnonosa"},
        ],
        "tutkinnonosat.json: $[3].nimi: missing",
    ),
    (
        "wrong.json.gz",
        lambda: {"data": [unit_document(8800009, laajuus="15")], "sivu": 0},
        "wrong.json.gz: $.data[0].laajuus: expected an integer or a number, got a string",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BROKEN_FILES)
def test_a_broken_file_raises_a_clear_error_and_nothing_is_written(
    write_json, name, content, message
):
    good = write_json("good.json", peruste_document(8700001, [(unit_document(8800001), True)]))
    broken = write_json(name, content())

    with pytest.raises(QualificationImportError) as error:
        import_eperusteet(paths=[good, broken])

    assert str(error.value).startswith(message)
    assert table_counts() == (0, 0, 0)


def test_a_broken_file_leaves_previously_imported_data_as_it_was(write_json):
    import_eperusteet(paths=demo_paths())
    before = table_counts()
    renamed = unit_document(9100401, fi="Muutettu nimi")

    with pytest.raises(QualificationImportError):
        import_eperusteet(paths=[write_json("ok.json", renamed), write_json("bad.json", "{")])

    assert table_counts() == before
    assert QualificationUnit.objects.get(eperusteet_id=9100401).name_fi != "Muutettu nimi"


def test_a_failure_while_writing_rolls_back_everything_written_before_it(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_sync_compositions", fail)

    with pytest.raises(RuntimeError):
        import_eperusteet(paths=demo_paths())

    assert table_counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("name", "raw", "problem"),
    [
        ("units.json.gz", b"not gzip", "not a valid gzip file"),
        ("units.json", b"\xff\xfe{}", "not UTF-8 text"),
        ("units.json", b"[NaN]", "invalid JSON"),
        ("units.csv", b"id;nimi", "not a .json or .json.gz file"),
    ],
)
def test_files_that_are_not_json_are_refused_by_name(tmp_path, name, raw, problem):
    path = tmp_path / name
    path.write_bytes(raw)

    with pytest.raises(QualificationImportError, match=f"^{name}: \\$: {problem}"):
        import_eperusteet(paths=[path])


def test_a_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(QualificationImportError, match=r"^nowhere\.json: \$: no such file"):
        import_eperusteet(paths=[tmp_path / "nowhere.json"])


def test_a_directory_imports_the_json_files_inside_it(write_json, tmp_path):
    write_json("a.json", unit_document(8800001))
    write_json("b.json.gz", unit_document(8800002))

    report = import_eperusteet(paths=[tmp_path])

    assert report.files == 2
    assert QualificationUnit.objects.count() == 2
