"""Small ePerusteet documents for tests, and a snapshot of the qualification tables."""

from kohtaamo.qualifications.models import (
    Qualification,
    QualificationComposition,
    QualificationUnit,
)


def table_counts() -> tuple[int, int, int]:
    return (
        Qualification.objects.count(),
        QualificationUnit.objects.count(),
        QualificationComposition.objects.count(),
    )


def unit_document(eperusteet_id: int, fi: str = "Testiosa", sv: str = "Testdel", **extra) -> dict:
    """A minimal tutkinnonosa in the reform format."""
    return {
        "id": eperusteet_id,
        "osanTyyppi": "tutkinnonosa",
        "tyyppi": "normaali",
        "nimi": {"fi": fi, "sv": sv},
        "koodiUri": f"tutkinnonosat_{eperusteet_id}",
        "koodiArvo": str(eperusteet_id),
        "ammattitaitovaatimukset2019": {
            "kohde": {"fi": "Opiskelija osaa"},
            "vaatimukset": [{"koodi": None, "vaatimus": {"fi": "tehdä työn", "sv": "utföra"}}],
        },
        **extra,
    }


def peruste_document(eperusteet_id: int, units: list[tuple[dict, bool]]) -> dict:
    """A full peruste document (perusteet/{id}/kaikki) with one module per mandatory flag."""
    viitteet = [
        {"id": eperusteet_id * 10 + i, "laajuus": 15, "_tutkinnonOsa": str(u["id"])}
        for i, (u, _) in enumerate(units)
    ]
    leaves = [
        {"pakollinen": mandatory, "_tutkinnonOsaViite": str(viite["id"])}
        for viite, (_, mandatory) in zip(viitteet, units, strict=True)
    ]
    group = {"nimi": {"fi": "Pakolliset tutkinnon osat"}, "rooli": "määritelty", "osat": leaves}
    return {
        "id": eperusteet_id,
        "nimi": {
            "fi": "Testialan perustutkinto",
            "sv": "Grundexamen i test",
            "en": "Vocational Qualification in Testing",
        },
        "koulutustyyppi": "koulutustyyppi_1",
        "diaarinumero": "TEST-1",
        "voimassaoloAlkaa": 1533070800000,
        "suoritustavat": [
            {
                "suoritustapakoodi": "reformi",
                "rakenne": {
                    "nimi": {"fi": "Testialan perustutkinto"},
                    "rooli": "määritelty",
                    "muodostumisSaanto": {"laajuus": {"minimi": 180, "maksimi": 180}},
                    "osat": [group],
                },
                "tutkinnonOsaViitteet": viitteet,
            }
        ],
        "tutkinnonOsat": [u for u, _ in units],
    }
