"""The demo organisations and people of Lapland. Fixed data: the demo looks the same every time."""

from kohtaamo.organisations.enums import OrganisationKind as Kind
from kohtaamo.organisations.enums import Role

PROJECT = "Osaajat kohtaamaan Lapissa -hanke (ESR+)"

# name, kind, municipality code
ORGANISATIONS = [
    ("Rovaniemen kaupungin työllisyyspalvelut", Kind.MUNICIPALITY, "698"),
    ("Koulutuskuntayhtymä REDU", Kind.VOCATIONAL_COLLEGE, "698"),
    ("Lappia", Kind.VOCATIONAL_COLLEGE, "851"),
    ("Kemin kaupunki", Kind.MUNICIPALITY, "240"),
    ("Kolarin kunta", Kind.MUNICIPALITY, "273"),
    ("Ranuan kunta", Kind.MUNICIPALITY, "683"),
    ("Lapin TE-toimisto", Kind.TE_OFFICE, "698"),
    ("Lapin ELY-keskus", Kind.ELY_CENTRE, "698"),
    ("Lapin yliopisto", Kind.UNIVERSITY, "698"),
    ("Lapin ammattikorkeakoulu", Kind.UAS, "698"),
    (PROJECT, Kind.PROJECT, "698"),
]

# username, first name, last name, [(organisation, role)]
USERS = [
    ("rovaniemi.coordinator", "Aino", "Niemelä", [
        ("Rovaniemen kaupungin työllisyyspalvelut", Role.COORDINATOR),
        (PROJECT, Role.COORDINATOR),
    ]),
    ("rovaniemi.coach", "Kaisa", "Lantto", [
        ("Rovaniemen kaupungin työllisyyspalvelut", Role.COORDINATOR),
    ]),
    ("rovaniemi.company", "Jari", "Kallio", [
        ("Rovaniemen kaupungin työllisyyspalvelut", Role.COMPANY_COORDINATOR),
    ]),
    ("rovaniemi.admin", "Satu", "Hietala", [
        ("Rovaniemen kaupungin työllisyyspalvelut", Role.ORGANISATION_ADMIN),
    ]),
    ("redu.counsellor", "Mikko", "Rautio", [
        ("Koulutuskuntayhtymä REDU", Role.COORDINATOR),
        (PROJECT, Role.COORDINATOR),
    ]),
    ("redu.admin", "Leena", "Ylitalo", [("Koulutuskuntayhtymä REDU", Role.ORGANISATION_ADMIN)]),
    ("lappia.counsellor", "Hanna", "Kemppainen", [("Lappia", Role.COORDINATOR)]),
    ("lappia.company", "Kimmo", "Rantala", [("Lappia", Role.COMPANY_COORDINATOR)]),
    ("kemi.coordinator", "Tiina", "Jokela", [("Kemin kaupunki", Role.COORDINATOR)]),
    ("kemi.company", "Petri", "Alatalo", [("Kemin kaupunki", Role.COMPANY_COORDINATOR)]),
    ("kolari.coordinator", "Anne", "Keskitalo", [("Kolarin kunta", Role.COORDINATOR)]),
    ("ranua.coordinator", "Juha", "Tervo", [("Ranuan kunta", Role.COORDINATOR)]),
    ("te.coordinator", "Marja", "Lehtola", [("Lapin TE-toimisto", Role.COORDINATOR)]),
    ("ely.analyst", "Ville", "Korva", [("Lapin ELY-keskus", Role.REGIONAL_ANALYST)]),
    ("ulapland.coordinator", "Elina", "Mäkelä", [("Lapin yliopisto", Role.COORDINATOR)]),
    ("lapinamk.coordinator", "Tuomas", "Salmela", [("Lapin ammattikorkeakoulu", Role.COORDINATOR)]),
]  # fmt: skip

# Job seekers who log in to their own view: username, first name, last name. Their client
# records are planned in clients.py (`plan_demo_seeker`).
SEEKERS = [("demo.seeker", "Sanna", "Esimerkki")]
