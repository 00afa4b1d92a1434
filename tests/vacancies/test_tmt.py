"""The job-market platform's JSON parser, without a database."""

import copy
import datetime
import json
from pathlib import Path

import pytest

from kohtaamo.vacancies import tmt

SAMPLE = Path(__file__).parent / "data" / "testTMTResponse.json"


@pytest.fixture
def response():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_the_sample_reads_into_one_ad(response):
    [ad] = tmt.parse(response)
    assert ad.external_id == "91f04ea5-8eba-421e-a2b5-c6c21e4d64c8"
    assert ad.title == "Hoiva-avustaja/Lähihoitaja/Sairaanhoitaja"
    assert ad.description.startswith("Henkilöstövuokraus AABB Oy vuokraa")
    assert ad.description.endswith("\n\nKuvaus")
    assert ad.openings == 10
    assert [o.value.rsplit("/", 1)[1][:8] for o in ad.occupations] == ["8d3e8aaa", "d38c2107"]
    assert ad.skills[0].path == "ilmoitukset[0].osaamisvaatimukset.osaamiset[0]"
    assert ad.languages == [{"code": "fi", "level": "C1", "mandatory": True}]
    assert [m.value for m in ad.municipality_codes] == ["297", "179"]
    assert (ad.working_time, ad.permanence, ad.hours_per_week) == ("part", "permanent", 40.0)
    # 22:00 UTC on 30 December is midnight in Finland: the last day to apply is the 31st.
    assert ad.apply_by == datetime.date(2022, 12, 31)
    assert ad.published_at == datetime.datetime(2022, 8, 1, 11, 27, 16, tzinfo=datetime.UTC)
    assert (ad.business_id, ad.employer_name) == ("AAAABBBB-4", "Henkilöstövuokraus AABB Oy")


def test_a_single_ad_is_read_too(response):
    [ad] = tmt.parse(response["ilmoitukset"][0])
    assert ad.path == ""
    assert ad.skills[0].path == "osaamisvaatimukset.osaamiset[0]"


def test_swedish_title_when_there_is_no_finnish_one(response):
    ad = response["ilmoitukset"][0]
    ad["perustiedot"]["tyonOtsikko"] = [
        {"kieliKoodi": "en", "arvo": "Nurse"},
        {"kieliKoodi": "sv", "arvo": "Sjukskötare"},
    ]
    assert tmt.parse(response)[0].title == "Sjukskötare"


def test_malformed_json_names_line_and_column():
    with pytest.raises(tmt.TmtError, match="line 2 column"):
        tmt.loads(b'{"ilmoitukset": [\n  {,]}')


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda ad: ad.pop("ilmoituksenID"), "ilmoitukset[0].ilmoituksenID"),
        (
            lambda ad: ad["perustiedot"].update(tyonOtsikko=[]),
            "ilmoitukset[0].perustiedot.tyonOtsikko",
        ),
        (
            lambda ad: ad["perustiedot"].update(paikkojenMaara="kymmenen"),
            "ilmoitukset[0].perustiedot.paikkojenMaara",
        ),
        (
            lambda ad: ad["osaamisvaatimukset"]["osaamiset"].append({"luokittelunNimi": "ESCO"}),
            "ilmoitukset[0].osaamisvaatimukset.osaamiset[1]",
        ),
        (
            lambda ad: ad["osaamisvaatimukset"]["kielitaidot"][0].update(kielitaito="suomi"),
            "ilmoitukset[0].osaamisvaatimukset.kielitaidot[0].kielitaito",
        ),
        (
            lambda ad: ad["hakeminen"].update(hakuaikaPaattyy="huomenna"),
            "ilmoitukset[0].hakeminen.hakuaikaPaattyy",
        ),
    ],
)
def test_structural_errors_name_their_path(response, change, path):
    change(response["ilmoitukset"][0])
    with pytest.raises(tmt.TmtError) as error:
        tmt.parse(response)
    assert path in [where for where, _ in error.value.errors]


def test_every_ad_is_checked_before_failing(response):
    second = copy.deepcopy(response["ilmoitukset"][0])
    second["perustiedot"]["tyonOtsikko"] = []
    response["ilmoitukset"][0].pop("ilmoituksenID")
    response["ilmoitukset"].append(second)
    with pytest.raises(tmt.TmtError) as error:
        tmt.parse(response)
    assert [where for where, _ in error.value.errors] == [
        "ilmoitukset[0].ilmoituksenID",
        "ilmoitukset[1].perustiedot.tyonOtsikko",
    ]


def test_unknown_codes_and_levels_are_warnings(response):
    ad = response["ilmoitukset"][0]
    ad["perustiedot"]["tyoAika"] = "99"
    ad["osaamisvaatimukset"]["kielitaidot"][0]["kielitaidonTaso"] = "hyvä"
    [parsed] = tmt.parse(response)
    assert parsed.working_time is None
    assert parsed.languages == [{"code": "fi", "level": "", "mandatory": True}]
    assert any("tyoAika" in warning for warning in parsed.warnings)
    assert any("kielitaidonTaso" in warning for warning in parsed.warnings)


@pytest.mark.parametrize("data", [[], {"sivutus": {}}, {"ilmoitukset": []}, "text"])
def test_other_json_is_not_an_ad(data):
    with pytest.raises(tmt.TmtError):
        tmt.parse(data)
