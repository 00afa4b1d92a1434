"""Reading ePerusteet documents, without the database."""

from datetime import date
from decimal import Decimal

import pytest

from kohtaamo.qualifications import richtext
from kohtaamo.qualifications.enums import QualificationKind, UnitKind
from kohtaamo.qualifications.eperusteet import (
    Batch,
    QualificationImportError,
    parse_document,
    plan_compositions,
)
from kohtaamo.qualifications.services import load_json, read_batch
from tests.qualifications.documents import unit_document


def parse(data, source: str = "test.json") -> Batch:
    batch = Batch()
    parse_document(data, source, batch)
    return batch


def test_html_requirement_lists_give_one_requirement_per_item_in_each_language(sample):
    unit = read_batch([sample("eperusteet-tutkinnonosa-asteikko1.json")]).units[3435790]

    assert len(unit.skill_requirements) == 7
    assert unit.skill_requirements[1] == {
        "fi": "tuottaa lisäarvoa asiakkaalle",
        "sv": "skapa mervärde för kunden",
        "en": "provide added value to the customer",
    }


def test_requirements_lose_stray_control_characters_entities_and_final_full_stops(sample):
    unit = read_batch([sample("eperusteet-tutkinnonosa-asteikko2.json")]).units[52824]
    texts = [text for requirement in unit.skill_requirements for text in requirement.values()]

    assert not any("\x8a" in t or "&nbsp;" in t or "\xa0" in t for t in texts)
    assert (
        unit.skill_requirements[-1]["fi"]
        == "noudattaa työaikoja ja muita työhön liittyviä toimintaohjeita"
    )


def test_stray_control_characters_and_no_break_spaces_are_removed_from_texts():
    html = (
        "<p>\x8a\x8aOpiskelija tai tutkinnon suorittaja</p><ul><li>pakkaa&nbsp; tuotteita</li></ul>"
    )

    assert richtext.to_text(html) == "Opiskelija tai tutkinnon suorittaja\n- pakkaa tuotteita"


def test_a_language_whose_list_has_another_length_is_left_out_rather_than_mispaired():
    html = {"fi": "<ul><li>yksi</li><li>kaksi</li></ul>", "sv": "<ul><li>ett</li></ul>"}
    unit = parse(unit_document(1, ammattitaitovaatimukset2019=None, ammattitaitovaatimukset=html))

    assert unit.units[1].skill_requirements == [
        {"fi": "yksi", "sv": "", "en": ""},
        {"fi": "kaksi", "sv": "", "en": ""},
    ]


def test_bulleted_paragraphs_count_as_list_items():
    assert richtext.list_items("<p>Students know how to</p><p>• plan</p><p>• act</p>") == [
        "plan",
        "act",
    ]


def test_reform_requirements_take_koodisto_texts_when_the_requirement_has_no_text():
    requirements = {
        "vaatimukset": [{"vaatimus": None, "koodi": {"nimi": {"fi": "kuljettaa", "sv": "köra"}}}],
        "kohdealueet": [{"vaatimukset": [{"vaatimus": {"fi": "kuormata"}}]}],
    }
    unit = parse(unit_document(1, ammattitaitovaatimukset2019=requirements)).units[1]

    assert [r["fi"] for r in unit.skill_requirements] == ["kuljettaa", "kuormata"]


def test_a_common_unit_takes_its_requirements_from_the_mandatory_goals_of_its_areas():
    goals = {"vaatimukset": [{"vaatimus": {"fi": "laskea prosentteja"}}]}
    unit = unit_document(
        1,
        tyyppi="reformi_tutke2",
        ammattitaitovaatimukset2019=None,
        osaAlueet=[
            {
                "nimi": {"fi": "Matematiikka"},
                "tyyppi": "osaalue2020",
                "pakollisetOsaamistavoitteet": {"laajuus": 4, "tavoitteet": goals},
                "valinnaisetOsaamistavoitteet": {
                    "tavoitteet": {"vaatimukset": [{"vaatimus": {"fi": "valinnainen"}}]}
                },
            }
        ],
    )

    record = parse(unit).units[1]

    assert record.kind == UnitKind.COMMON
    assert [r["fi"] for r in record.skill_requirements] == ["laskea prosentteja"]


def test_preparatory_education_units_take_their_goals_as_requirements(sample):
    unit = read_batch([sample("eperusteet-service_api_tutkinnonosat_telma.json")]).units[3003003]

    assert unit.code == "400005"
    assert {"fi", "sv"} <= {lang for r in unit.skill_requirements for lang, t in r.items() if t}
    assert "selviytyy jokapäiväisistä karkea- ja hienomotorisista toiminnoista" in [
        r["fi"] for r in unit.skill_requirements
    ]


@pytest.mark.parametrize(
    ("koulutustyyppi", "name", "kind"),
    [
        ("koulutustyyppi_1", "Ravintola- ja catering-alan perustutkinnon perusteet", "VOCATIONAL"),
        ("koulutustyyppi_11", "Ravintolakokin ammattitutkinto", "FURTHER"),
        ("koulutustyyppi_12", "Puunkorjuun erikoisammattitutkinto", "SPECIALIST"),
        ("koulutustyyppi_5", "Työhön ja itsenäiseen elämään valmentava koulutus", "OTHER"),
    ],
)
def test_the_kind_of_a_qualification_comes_from_its_koulutustyyppi(koulutustyyppi, name, kind):
    peruste = {"id": 1, "nimi": {"fi": name}, "koulutustyyppi": koulutustyyppi}

    assert parse(peruste).qualifications[1].kind == QualificationKind[kind]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Tieto- ja tietoliikennetekniikan perustutkinto", "VOCATIONAL"),
        ("Ravintolakokin ammattitutkinto 2011", "FURTHER"),
        ("Puunkorjuun erikoisammattitutkinto", "SPECIALIST"),
        ("Työhön ja itsenäiseen elämään valmentava koulutus (TELMA)", "OTHER"),
    ],
)
def test_without_koulutustyyppi_the_kind_is_read_from_the_finnish_name(name, kind):
    record = parse({"id": 1, "nimi": {"fi": name}, "diaarinumero": "x"}).qualifications[1]

    assert record.kind is None
    assert record.kind_from_name == QualificationKind[kind]


def test_validity_dates_are_days_in_finnish_time(sample):
    batch = read_batch([sample("eperusteet-service_api_perusteet_diaari.json")])
    qualification = batch.qualifications[3397335]

    # 1533070800000 ms is 2018-07-31 21:00 UTC, i.e. midnight starting 1 August in Finland.
    assert qualification.valid_from == date(2018, 8, 1)
    assert qualification.diary_number == "OPH-2652-2017"


def test_a_structure_labels_each_unit_with_its_group_and_the_title_above_it(sample):
    batch = read_batch(
        [sample("eperusteet-service_api_perusteet_3397335_suoritustavat_reformi_rakenne.json")]
    )
    entries = batch.structures[0].entries

    modules = {entry.module for entry in entries}
    assert "ICT-asentaja / Pakolliset tutkinnon osat" in modules
    assert "Yhteiset tutkinnon osat" in modules
    mandatory = {e.viite_id for e in entries if e.mandatory}
    assert 3435694 in mandatory and 3436381 not in mandatory


def test_a_unit_met_in_two_groups_is_mandatory_if_it_is_mandatory_in_either():
    structure = {
        "nimi": {"fi": "Tutkinto"},
        "rooli": "määritelty",
        "osat": [
            {
                "nimi": {"fi": "Valinnaiset"},
                "rooli": "määritelty",
                "osat": [{"pakollinen": False, "_tutkinnonOsaViite": "7"}],
            },
            {
                "nimi": {"fi": "Pakolliset"},
                "rooli": "määritelty",
                "osat": [{"pakollinen": True, "_tutkinnonOsaViite": "7"}],
            },
        ],
    }
    batch = parse(
        [
            structure,
            {
                "id": 7,
                "_tutkinnonOsa": "70",
                "laajuus": 20,
                "peruste": {"id": 5, "nimi": {"fi": "T"}},
            },
        ]
    )

    rows, warnings = plan_compositions(batch)

    row = rows[(5, 70)]
    assert (row.mandatory, row.module, row.scope, warnings) == (True, "Pakolliset", Decimal(20), [])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            [unit_document(1), {"id": 2, "osanTyyppi": "tutkinnonosa"}],
            "units.json: $[1].nimi: missing",
        ),
        (
            {"id": "52824", "osanTyyppi": "tutkinnonosa", "nimi": {"fi": "x"}},
            "units.json: $.id: expected an integer, got a string",
        ),
        (
            [unit_document(1, nimi="Nimi")],
            "units.json: $[0].nimi: expected an object, got a string",
        ),
        (
            [unit_document(1, nimi={"fi": "", "sv": None})],
            "units.json: $[0].nimi: no name in Finnish, Swedish or English",
        ),
        ({"data": {}, "sivu": 0}, "units.json: $.data: expected a list, got an object"),
        (
            [unit_document(1, ammattitaitovaatimukset2019={"vaatimukset": {}})],
            "$[0].ammattitaitovaatimukset2019.vaatimukset: expected a list",
        ),
        (
            {"id": 9, "_tutkinnonOsa": "x9", "peruste": {"id": 1, "nimi": {"fi": "T"}}},
            "$._tutkinnonOsa: expected a numeric id",
        ),
        (
            {"nimi": {"fi": "T"}, "rooli": "määritelty", "osat": [{"_tutkinnonOsaViite": True}]},
            "$.osat[0]._tutkinnonOsaViite: expected a string or an integer, got true or false",
        ),
        ({"hello": "world"}, "units.json: $: not a peruste, tutkinnonosa"),
    ],
)
def test_bad_input_is_reported_with_file_and_json_path(data, message):
    with pytest.raises(QualificationImportError) as error:
        parse(data, "units.json")

    assert message in str(error.value)


def test_parts_of_preparatory_education_are_refused_as_not_qualification_units(sample):
    data = load_json(sample("eperusteet-peruste-7534950.json"))

    with pytest.raises(QualificationImportError, match=r"\$\[0\]: a koulutuksenosa"):
        parse(data)


def test_areas_of_a_common_unit_are_refused_without_their_unit(sample):
    data = load_json(sample("eperusteet-service_api_perusteenosat_3708884_osaalueet.json"))

    with pytest.raises(QualificationImportError, match="osa-alue cannot be imported"):
        parse(data)
