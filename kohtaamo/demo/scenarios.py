"""The demo's situation room (issue 9): two saved scenarios of Kemi, with their results.

1. "Kemin sellutehtaan sulkeminen": a fictional pulp mill closes on 1 February 2027 and 150
   workers lose their jobs (process operators, paper machine operators, electricians,
   mechanics, warehouse workers), owned by Kemi's employment services and shared with the ELY
   centre and Rovaniemi: the re-employment estimate and the training needs.
2. "Biotuotetehdas Kemiin": a fictional bioproduct mill needs 250 workers from September 2027
   (to 2028): what the region's job seekers could meet now and after training, and the gap.

Fixed public ids (uuid5 of their keys); a scenario already in the database is left as it is,
but one without a result is computed.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from kohtaamo.demo.keys import public_id
from kohtaamo.geo.models import Municipality
from kohtaamo.insights import scenario_services
from kohtaamo.insights.models import Scenario, ScenarioOccupation
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.models import Concept

KEMI = "Kemin kaupunki"
SHARED = ("Lapin ELY-keskus", "Rovaniemen kaupungin työllisyyspalvelut")
AUTHOR = "kemi.coordinator"
ESCO = "http://data.europa.eu/esco/occupation/"

PULP_CONTROL = ESCO + "d0d7d777-073f-4c33-8f27-1d4a0e8e626f"  # pulp control operator
PAPER_MACHINE = ESCO + "4b6a55a8-8ec9-4ae2-9f62-ebcea1fa93d0"  # paper machine operator
PULP_TECHNICIAN = ESCO + "bb131b09-5fdf-4f4f-a76c-402c69cd090a"
INDUSTRIAL_ELECTRICIAN = ESCO + "5df63943-f1bc-4438-90f1-92768a7a23c8"
ELECTRICIAN = ESCO + "4910419f-b4af-4f59-b544-9dbebc8a74f0"
MACHINERY_MECHANIC = ESCO + "269c47e7-9017-4aa6-bce8-49e89a696a64"
WAREHOUSE = ESCO + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f"
FORKLIFT = ESCO + "eeac6251-1974-42f5-91ed-513c6c883755"
CHEMICAL_PLANT = ESCO + "a241eff8-309b-43ae-8890-ac4cfbd3067c"  # chemical processing plant
WELDER = ESCO + "7aedaa07-3884-4c5b-88f9-80997b2aa54b"

CLOSURE_KEY = "kemi-pulp-mill-closure"
INVESTMENT_KEY = "kemi-bioproduct-mill"

SCENARIOS = [
    {
        "key": CLOSURE_KEY,
        "kind": Scenario.Kind.CLOSURE,
        "title": "Kemin sellutehtaan sulkeminen",
        "employer_name": "Perämeren Sellu Oy (kuvitteellinen)",
        "date": date(2027, 2, 1),
        "description": (
            "Sellutehdas lopettaa tuotannon helmikuussa 2027. Muutosturva ja "
            "täydennyskoulutus suunnitellaan ELY-keskuksen ja Rovaniemen kanssa."
        ),
        "occupations": [
            (PULP_CONTROL, 40),
            (PAPER_MACHINE, 30),
            (PULP_TECHNICIAN, 15),
            (INDUSTRIAL_ELECTRICIAN, 20),
            (MACHINERY_MECHANIC, 20),
            (WAREHOUSE, 15),
            (FORKLIFT, 10),
        ],
    },
    {
        "key": INVESTMENT_KEY,
        "kind": Scenario.Kind.INVESTMENT,
        "title": "Biotuotetehdas Kemiin",
        "employer_name": "Kemin Biojalostamo Oy (kuvitteellinen)",
        "date": date(2027, 9, 1),
        "description": "Uusi biotuotetehdas rekrytoi 250 työntekijää vuosina 2027–2028.",
        "occupations": [
            (CHEMICAL_PLANT, 60),
            (PULP_CONTROL, 40),
            (INDUSTRIAL_ELECTRICIAN, 30),
            (MACHINERY_MECHANIC, 30),
            (WAREHOUSE, 30),
            (FORKLIFT, 20),
            (ELECTRICIAN, 20),
            (WELDER, 20),
        ],
    },
]


def scenario_id(key: str):
    return public_id("scenario", key)


def load_scenarios_demo() -> dict[str, int]:
    """Write the demo scenarios that are missing and compute those without a result."""
    kemi = Organisation.objects.filter(name=KEMI).first()
    place = Municipality.objects.filter(code="240").first()
    author = get_user_model().objects.filter(username=AUTHOR).first()
    if kemi is None or place is None or author is None:
        return {"scenarios": 0}
    concepts = {c.uri: c for c in Concept.objects.filter(kind="occupation")
                .filter(uri__in={u for s in SCENARIOS for u, _ in s["occupations"]})}  # fmt: skip
    shared = list(Organisation.objects.filter(name__in=SHARED))
    new = 0
    for plan in SCENARIOS:
        scenario, created = Scenario.objects.get_or_create(
            public_id=scenario_id(plan["key"]),
            defaults={
                "kind": plan["kind"],
                "title": plan["title"],
                "employer_name": plan["employer_name"],
                "municipality": place,
                "date": plan["date"],
                "description": plan["description"],
                "organisation": kemi,
                "created_by": author,
            },
        )
        if created:
            new += 1
            ScenarioOccupation.objects.bulk_create(
                ScenarioOccupation(scenario=scenario, occupation=concepts[uri], count=count)
                for uri, count in plan["occupations"]
                if uri in concepts
            )
            scenario.shared_with.set(shared)
        scenario_services.ensure_result(scenario)
    return {"scenarios": len(SCENARIOS), "new_scenarios": new}
