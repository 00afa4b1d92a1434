"""The demo employers of Lapland: fictional companies in the region's real sectors and places.

Plain data and pure functions (no Django): the loader in services.py turns the plan into rows.
Every name is invented; business ids are drawn from a range no Finnish company has (9xxxxxx),
so that a demo record can never be mistaken for a real one.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from kohtaamo.employers.businessid import check_digit

# Municipality code -> (name, "in <name>" in Finnish).
MUNICIPALITIES = {
    "047": ("Enontekiö", "Enontekiöllä"),
    "148": ("Inari", "Inarissa"),
    "240": ("Kemi", "Kemissä"),
    "241": ("Keminmaa", "Keminmaalla"),
    "261": ("Kittilä", "Kittilässä"),
    "273": ("Kolari", "Kolarissa"),
    "320": ("Kemijärvi", "Kemijärvellä"),
    "498": ("Muonio", "Muoniossa"),
    "583": ("Pelkosenniemi", "Pelkosenniemellä"),
    "614": ("Posio", "Posiolla"),
    "683": ("Ranua", "Ranualla"),
    "698": ("Rovaniemi", "Rovaniemellä"),
    "732": ("Salla", "Sallassa"),
    "742": ("Savukoski", "Savukoskella"),
    "751": ("Simo", "Simossa"),
    "758": ("Sodankylä", "Sodankylässä"),
    "845": ("Tervola", "Tervolassa"),
    "851": ("Tornio", "Torniossa"),
    "854": ("Pello", "Pellossa"),
    "890": ("Utsjoki", "Utsjoella"),
    "976": ("Ylitornio", "Ylitorniossa"),
}

# Resorts and villages used in job titles ("Tarjoilija, Levi") -> "in <place>".
PLACES = {
    "Ylläs": "Ylläksellä",
    "Äkäslompolo": "Äkäslompolossa",
    "Levi": "Levillä",
    "Saariselkä": "Saariselällä",
    "Ivalo": "Ivalossa",
    "Pyhä": "Pyhätunturilla",
    "Luosto": "Luostolla",
    "Sallatunturi": "Sallatunturilla",
    "Olos": "Oloksella",
    "Hetta": "Hetassa",
    "Kilpisjärvi": "Kilpisjärvellä",
    "Ounasvaara": "Ounasvaaralla",
    "Nuorgam": "Nuorgamissa",
    "Ajos": "Ajoksessa",
    "Veitsiluoto": "Veitsiluodossa",
    "Röyttä": "Röytässä",
}

# Which demo organisations work with employers of each municipality; everyone works with the
# TE office, and employers elsewhere also with REDU (it trains for the whole region).
TE_OFFICE = "Lapin TE-toimisto"
PARTNERS = {
    "698": ("Rovaniemen kaupungin työllisyyspalvelut", "Koulutuskuntayhtymä REDU"),
    **dict.fromkeys(("240", "851", "241", "751", "845"), ("Kemin kaupunki", "Lappia")),
    **dict.fromkeys(("273", "261", "498", "047", "854"), ("Kolarin kunta",)),
    **dict.fromkeys(("683", "614"), ("Ranuan kunta",)),
}
OTHER_PARTNERS = ("Koulutuskuntayhtymä REDU",)


@dataclass(frozen=True)
class Sector:
    """A line of business: what it hires (ISCO groups with weights) and when it is busiest."""

    key: str
    isco: dict[str, int]  # ISCO code or prefix -> weight of this sector for that group
    peak_months: tuple[int, ...]
    seasonal: str = ""  # "winter", "summer" or "" (year round, or winter only in a resort)
    hours: float = 37.5


WINTER = (12, 1, 2, 3)
RESORT_SERVICES = ("restaurant", "retail", "property", "security", "transport")
SUMMER_BUILD = (5, 6, 7, 8, 9, 10)
SUMMER_HOLIDAYS = (6, 7, 8)

SECTORS = {
    s.key: s
    for s in [
        Sector("tourism_stay", {"4224": 5, "9112": 3, "5120": 2, "5131": 2, "9412": 2, "3434": 2,
               "5153": 2, "9621": 1, "5246": 1, "5151": 3, "8157": 1, "1411": 3, "5142": 1,
               "9629": 1, "5113": 1}, WINTER, "winter"),
        Sector("tourism_activity", {"5113": 5, "3423": 5, "8322": 2, "7233": 1, "9629": 3,
               "5249": 3, "5230": 2, "8342": 1, "5131": 1, "5120": 1, "9412": 1, "6121": 2},
               WINTER, "winter"),
        Sector("restaurant", {"5120": 4, "5131": 4, "9412": 4, "9411": 4, "5246": 4, "3434": 4,
               "1412": 4, "5419": 1, "5230": 1}, WINTER),
        Sector("mining", {"8111": 5, "8112": 5, "8113": 5, "8342": 1, "7233": 3, "8332": 1,
               "7412": 2, "7411": 1, "3117": 5, "2146": 5, "7212": 1, "3135": 1},
               SUMMER_HOLIDAYS, hours=40),
        Sector("metal", {"3135": 5, "7212": 4, "7213": 4, "7223": 4, "8211": 4, "8219": 4,
               "8121": 5, "7233": 3, "7412": 2, "7411": 1, "2144": 3, "7543": 3, "3118": 2,
               "7214": 4, "9329": 1}, SUMMER_HOLIDAYS, hours=40),
        Sector("bioproducts", {"8171": 5, "3139": 5, "7233": 2, "7412": 2, "9329": 2, "8189": 4,
               "8344": 1}, SUMMER_HOLIDAYS, hours=40),
        Sector("sawmill", {"8172": 5, "7522": 3, "7119": 1, "8219": 1, "9329": 2, "8344": 2,
               "7543": 1}, (), hours=40),
        Sector("forestry", {"8341": 5, "9215": 5, "6210": 3, "8332": 1, "7233": 1},
               (1, 2, 3, 10, 11, 12), hours=40),
        Sector("nature", {"9211": 5, "8160": 3, "7514": 5, "9329": 2, "9333": 1},
               (7, 8, 9), "summer"),
        Sector("logistics", {"8332": 4, "9333": 4, "4321": 5, "8344": 4, "4412": 3, "9331": 3,
               "8322": 1, "9510": 3}, (11, 12), hours=40),
        Sector("transport", {"8331": 5, "8322": 3}, WINTER),
        Sector("construction", {"711": 4, "712": 3, "713": 4, "7115": 4, "9313": 4,
               "7119": 3, "3123": 2, "7124": 3}, SUMMER_BUILD, "summer", 40),
        Sector("earthworks", {"8342": 4, "9312": 4, "8332": 2, "3123": 2, "7126": 1,
               "3112": 2}, SUMMER_BUILD, "summer", 40),
        Sector("hvac_electric", {"7411": 4, "7412": 3, "7126": 4, "7127": 4, "3123": 1,
               "2151": 1, "7213": 1}, (), hours=40),
        Sector("property", {"9112": 3, "9111": 4, "5153": 4, "6113": 4, "8157": 4, "9622": 4,
               "9122": 4, "5151": 1}, WINTER),
        Sector("retail", {"5223": 5, "5230": 4, "5245": 4, "9334": 4, "5221": 4, "9333": 1,
               "5249": 1}, (12,)),
        Sector("wholesale", {"3322": 5, "4120": 1, "9333": 2, "4311": 2, "3343": 1}, ()),
        Sector("care", {"5321": 5, "5322": 5, "3412": 4, "2221": 4, "3221": 4, "5329": 4,
               "2635": 3, "3255": 2, "9112": 1, "5120": 1}, SUMMER_HOLIDAYS, hours=38.3),
        Sector("childcare", {"5311": 5, "2342": 5, "5312": 4, "9112": 1}, SUMMER_HOLIDAYS,
               hours=38.3),
        Sector("auto", {"7231": 5, "7412": 1, "9122": 1, "5245": 1}, (4, 10, 11)),
        Sector("security", {"5414": 5, "5419": 4}, WINTER, hours=40),
        Sector("beauty", {"5141": 5, "5142": 5, "3255": 2}, (12,)),
        Sector("office", {"5244": 5, "4222": 5, "4225": 4, "4120": 4, "3343": 4, "4110": 4,
               "3313": 4, "4311": 3, "2431": 3}, ()),
        Sector("engineering", {"2144": 4, "2151": 4, "2142": 5, "3112": 4, "3118": 4,
               "2166": 1}, ()),
        Sector("staffing", {"": 1}, ()),
    ]
}  # fmt: skip


@dataclass(frozen=True)
class EmployerRow:
    name: str
    municipality: str  # code
    sector: str
    industry: str  # TOL 2008 / NACE
    size: str  # micro / small / medium / large
    place: str = ""  # resort or village, when the employer is known by it
    language: str = "fi"


def _e(name, municipality, sector, industry, size, place="", language="fi"):
    return EmployerRow(name, municipality, sector, industry, size, place, language)


EMPLOYERS = [
    # Tourism: accommodation in the fell resorts and Rovaniemi.
    _e("Ylläksen Tunturimajat Oy", "273", "tourism_stay", "55.20", "small", "Ylläs"),
    _e("Äkäslompolon Kelohovi Oy", "273", "tourism_stay", "55.10", "medium", "Äkäslompolo"),
    _e("Kolarin Revontulikylä Oy", "273", "tourism_stay", "55.20", "small", "Ylläs"),
    _e("Levin Kaamoshovi Oy", "261", "tourism_stay", "55.10", "large", "Levi"),
    _e("Levin Huoneistomajoitus Oy", "261", "tourism_stay", "55.20", "small", "Levi"),
    _e("Kittilän Kelotalot Oy", "261", "tourism_stay", "55.20", "micro", "Levi"),
    _e("Saariselän Tunturiyöpymö Oy", "148", "tourism_stay", "55.10", "medium", "Saariselkä"),
    _e("Ivalon Kultahovi Oy", "148", "tourism_stay", "55.10", "small", "Ivalo"),
    _e("Northern Wilderness Lodges Oy", "148", "tourism_stay", "55.20", "small", "Saariselkä",
       "en"),
    _e("Napapiirin Lumimajat Oy", "698", "tourism_stay", "55.20", "medium"),
    _e("Ounasvaaran Rinnehotelli Oy", "698", "tourism_stay", "55.10", "medium", "Ounasvaara"),
    _e("Pyhän Tunturikammi Oy", "583", "tourism_stay", "55.20", "small", "Pyhä"),
    _e("Sallatunturin Hirsimajat Oy", "732", "tourism_stay", "55.20", "small", "Sallatunturi"),
    _e("Oloksen Lomakylä Oy", "498", "tourism_stay", "55.20", "small", "Olos"),
    _e("Kilpisjärven Retkeilykeskus Oy", "047", "tourism_stay", "55.10", "small", "Kilpisjärvi"),
    # Tourism: safaris, guided activities, ski slopes.
    _e("Ylläksen Safaripalvelut Oy", "273", "tourism_activity", "79.90", "small", "Ylläs"),
    _e("Äkäslompolon Huskytalli Oy", "273", "tourism_activity", "93.29", "micro", "Äkäslompolo"),
    _e("Ylläksen Rinnepalvelut Oy", "273", "tourism_activity", "93.11", "medium", "Ylläs"),
    _e("Levin Moottorikelkkasafarit Oy", "261", "tourism_activity", "79.90", "small", "Levi"),
    _e("Arctic Fell Experiences Oy", "261", "tourism_activity", "79.90", "small", "Levi", "en"),
    _e("Levin Rinnevuokraamo Oy", "261", "tourism_activity", "77.21", "small", "Levi"),
    _e("Saariselän Kairaretket Oy", "148", "tourism_activity", "79.90", "small", "Saariselkä"),
    _e("Inarin Porotila ja Elämykset Oy", "148", "tourism_activity", "93.29", "micro"),
    _e("Rovaniemen Elämysmatkat Oy", "698", "tourism_activity", "79.90", "medium"),
    _e("Napapiirin Porosafarit Oy", "698", "tourism_activity", "93.29", "micro"),
    _e("Pyhän Rinne- ja Latupalvelut Oy", "583", "tourism_activity", "93.11", "small", "Pyhä"),
    _e("Sallan Erämaaelämykset Oy", "732", "tourism_activity", "79.90", "micro"),
    _e("Ranuan Kairaelämykset Oy", "683", "tourism_activity", "93.29", "micro"),
    # Restaurants and cafés.
    _e("Ravintola Kaamoskammi Oy", "698", "restaurant", "56.10", "small"),
    _e("Rovaniemen Lounaskeittiö Oy", "698", "restaurant", "56.29", "small"),
    _e("Napapiirin Kahvilat Oy", "698", "restaurant", "56.10", "micro"),
    _e("Kemin Satamaravintola Oy", "240", "restaurant", "56.10", "small"),
    _e("Tornion Rajaravintolat Oy", "851", "restaurant", "56.10", "small"),
    _e("Levin Tunturiravintolat Oy", "261", "restaurant", "56.10", "medium", "Levi"),
    _e("Levin Yökerho Oy", "261", "restaurant", "56.30", "small", "Levi"),
    _e("Ylläksen Kotakahvila Oy", "273", "restaurant", "56.10", "micro", "Äkäslompolo"),
    _e("Saariselän Herkkukeittiö Oy", "148", "restaurant", "56.10", "small", "Saariselkä"),
    _e("Sodankylän Pitopalvelu Oy", "758", "restaurant", "56.21", "micro"),
    # Mining: contractors around the mines of Sodankylä, Kittilä and Kemi.
    _e("Sodankylän Kaivospalvelu Oy", "758", "mining", "09.90", "medium"),
    _e("Sodankylän Malminrikastus Oy", "758", "mining", "07.29", "large"),
    _e("Kittilän Kaivosurakointi Oy", "261", "mining", "09.90", "medium"),
    _e("Kittilän Louhintatyö Oy", "261", "mining", "08.12", "small"),
    _e("Kemin Kromilouhinta Oy", "240", "mining", "09.90", "small"),
    _e("Lapin Kairauspalvelu Oy", "758", "mining", "09.90", "small"),
    # Metal: stainless steel subcontractors, workshops and maintenance in Kemi-Tornio.
    _e("Tornion Jaloteräspalvelu Oy", "851", "metal", "24.10", "medium"),
    _e("Tornion Teräsrakenne Oy", "851", "metal", "25.11", "small"),
    _e("Röytän Kunnossapito Oy", "851", "metal", "33.12", "medium", "Röyttä"),
    _e("Tornionlaakson Koneistus Oy", "851", "metal", "25.62", "small"),
    _e("Kemin Konepaja Oy", "240", "metal", "25.62", "medium"),
    _e("Kemin Teollisuushuolto Oy", "240", "metal", "33.12", "medium"),
    _e("Perämeren Hitsaus Oy", "240", "metal", "25.11", "small"),
    _e("Keminmaan Metallityö Oy", "241", "metal", "25.11", "small"),
    _e("Keminmaan Laiteasennus Oy", "241", "metal", "33.20", "small"),
    _e("Rovaniemen Levytyö Oy", "698", "metal", "25.62", "micro"),
    # Forestry and bioproducts: mill contractors in Kemi, sawmills, harvesting.
    _e("Veitsiluodon Prosessipalvelut Oy", "240", "bioproducts", "33.12", "medium",
       "Veitsiluoto"),
    _e("Kemin Kartonkihuolto Oy", "240", "bioproducts", "17.12", "medium"),
    _e("Kemin Biotuoteurakointi Oy", "240", "bioproducts", "17.11", "small"),
    _e("Ajoksen Teollisuuspuhdistus Oy", "240", "bioproducts", "81.22", "small", "Ajos"),
    _e("Tervolan Kuitu ja Kuori Oy", "845", "bioproducts", "16.29", "micro"),
    _e("Kemijärven Sahapuu Oy", "320", "sawmill", "16.10", "medium"),
    _e("Pellon Lautatarha Oy", "854", "sawmill", "16.10", "small"),
    _e("Ranuan Hirsitalotehdas Oy", "683", "sawmill", "16.23", "small"),
    _e("Posion Puutuote Oy", "614", "sawmill", "16.23", "micro"),
    _e("Ylitornion Höyläämö Oy", "976", "sawmill", "16.10", "small"),
    _e("Ranuan Puunkorjuu Oy", "683", "forestry", "02.20", "small"),
    _e("Kuru ja Pojat Metsäkone Oy", "683", "forestry", "02.20", "micro"),
    _e("Posion Metsäpalvelu Oy", "614", "forestry", "02.40", "small"),
    _e("Korpijärven Korjuu Oy", "614", "forestry", "02.20", "micro"),
    _e("Sallan Metsäkoneurakointi Oy", "732", "forestry", "02.20", "small"),
    _e("Savukosken Metsätyö Oy", "742", "forestry", "02.40", "micro"),
    _e("Rovaniemen Kuitupuukuljetus Oy", "698", "forestry", "02.20", "small"),
    # Nature products: berries in Ranua and Posio.
    _e("Ranuan Luonnonmarja Oy", "683", "nature", "10.39", "small"),
    _e("Lakkasuon Marjanosto Oy", "683", "nature", "46.31", "micro"),
    _e("Posion Metsämarja Oy", "614", "nature", "10.39", "small"),
    _e("Kitkan Kuivatuotteet Oy", "614", "nature", "10.89", "micro"),
    # Logistics and transport.
    _e("Rovaniemen Rahtilinja Oy", "698", "logistics", "49.41", "medium"),
    _e("Napapiirin Terminaali Oy", "698", "logistics", "52.10", "small"),
    _e("Lapin Jakelupalvelut Oy", "698", "logistics", "53.20", "small"),
    _e("Tornion Rajahuolinta Oy", "851", "logistics", "52.29", "small", "", "sv"),
    _e("Tornion Kaukokuljetus Oy", "851", "logistics", "49.41", "small"),
    _e("Kemin Satamalogistiikka Oy", "240", "logistics", "52.24", "medium"),
    _e("Sodankylän Raskaskuljetus Oy", "758", "logistics", "49.41", "small"),
    _e("Rovaniemen Tilausajot Oy", "698", "transport", "49.39", "small"),
    _e("Levin Kenttäkuljetukset Oy", "261", "transport", "49.39", "small", "Levi"),
    _e("Ivalon Linja ja Taksi Oy", "148", "transport", "49.32", "micro", "Ivalo"),
    # Construction.
    _e("Rakennusliike Ounaskoski Oy", "698", "construction", "41.20", "medium"),
    _e("Rovaniemen Kattotyö Oy", "698", "construction", "43.91", "small"),
    _e("Napapiirin Saneeraus Oy", "698", "construction", "43.39", "small"),
    _e("Kemin Rakennuspalvelu Oy", "240", "construction", "41.20", "small"),
    _e("Perämeren Elementtiasennus Oy", "240", "construction", "43.99", "small"),
    _e("Tornion Talorakentajat Oy", "851", "construction", "41.20", "small"),
    _e("Tornion Maalaus ja Lattia Oy", "851", "construction", "43.34", "micro", "", "sv"),
    _e("Levin Lomarakentajat Oy", "261", "construction", "41.20", "medium", "Levi"),
    _e("Kittilän Hirsirakenne Oy", "261", "construction", "43.99", "small"),
    _e("Ylläksen Rakennustyö Oy", "273", "construction", "41.20", "small", "Ylläs"),
    # Earthworks: excavator operators are needed everywhere.
    _e("Ranuan Maansiirto Oy", "683", "earthworks", "43.12", "small"),
    _e("Posion Konetyö Oy", "614", "earthworks", "43.12", "micro"),
    _e("Kolarin Kaivuu ja Kuljetus Oy", "273", "earthworks", "43.12", "small"),
    _e("Levin Maarakennus Oy", "261", "earthworks", "43.12", "medium"),
    _e("Rovaniemen Maanrakennus Tervo Oy", "698", "earthworks", "43.12", "medium"),
    _e("Napapiirin Tie- ja Kunnallistekniikka Oy", "698", "earthworks", "42.11", "medium"),
    _e("Kemin Maa ja Kivi Oy", "240", "earthworks", "43.12", "small"),
    _e("Tornion Konerakennus Oy", "851", "earthworks", "42.21", "small"),
    _e("Keminmaan Maansiirto Oy", "241", "earthworks", "43.12", "small"),
    _e("Simon Sora ja Kone Oy", "751", "earthworks", "08.12", "micro"),
    _e("Sodankylän Tienrakennus Oy", "758", "earthworks", "42.11", "small"),
    # Electrical and plumbing contractors.
    _e("Rovaniemen Sähköasennus Oy", "698", "hvac_electric", "43.21", "small"),
    _e("Napapiirin LVI-Palvelu Oy", "698", "hvac_electric", "43.22", "small"),
    _e("Kemin Sähkö ja Automaatio Oy", "240", "hvac_electric", "43.21", "medium"),
    _e("Tornion Putkityö Oy", "851", "hvac_electric", "43.22", "small"),
    _e("Levin Talotekniikka Oy", "261", "hvac_electric", "43.22", "small", "Levi"),
    # Cleaning and property services.
    _e("Rovaniemen Siivouspalvelu Puhdas Oy", "698", "property", "81.21", "medium"),
    _e("Napapiirin Kiinteistöhuolto Oy", "698", "property", "81.10", "medium"),
    _e("Kemin Kiinteistöpalvelut Oy", "240", "property", "81.10", "small"),
    _e("Tornion Pesula ja Siivous Oy", "851", "property", "96.01", "small"),
    _e("Levin Mökkihuolto Oy", "261", "property", "81.21", "small", "Levi"),
    _e("Ylläksen Kiinteistöhuolto Oy", "273", "property", "81.10", "small", "Ylläs"),
    _e("Saariselän Siivouspalvelut Oy", "148", "property", "81.21", "small", "Saariselkä"),
    _e("Ranuan Piha ja Puhtaus Oy", "683", "property", "81.30", "micro"),
    # Retail and wholesale.
    _e("Rovaniemen Kauppahalli Oy", "698", "retail", "47.11", "medium"),
    _e("Napapiirin Rautakauppa Oy", "698", "retail", "47.52", "small"),
    _e("Kemin Kodintarvike Oy", "240", "retail", "47.59", "small"),
    _e("Tornion Gränshandel Oy Ab", "851", "retail", "47.19", "medium", "", "sv"),
    _e("Äkäslompolon Kyläkauppa Oy", "273", "retail", "47.11", "small", "Äkäslompolo"),
    _e("Levin Urheiluvälinekauppa Oy", "261", "retail", "47.64", "small", "Levi"),
    _e("Ranuan Kauppakeskus Oy", "683", "retail", "47.11", "small"),
    _e("Posion Liikenneasema Oy", "614", "retail", "47.30", "micro"),
    _e("Muonion Erä ja Kala Oy", "498", "retail", "47.64", "micro"),
    _e("Lapin Teknokauppa Oy", "698", "wholesale", "46.69", "small"),
    _e("Tornedalens Partihandel Oy Ab", "851", "wholesale", "46.73", "small", "", "sv"),
    # Care and early childhood education.
    _e("Hoivakoti Ounasrinne Oy", "698", "care", "87.30", "medium"),
    _e("Rovaniemen Kotihoito Oy", "698", "care", "88.10", "small"),
    _e("Kemin Palvelukoti Merituuli Oy", "240", "care", "87.30", "medium"),
    _e("Tornion Hoivapalvelu Oy", "851", "care", "87.10", "small"),
    _e("Kemijärven Hoivakoti Oy", "320", "care", "87.30", "small"),
    _e("Sodankylän Palveluasunnot Oy", "758", "care", "87.30", "small"),
    _e("Ranuan Kotipalvelu Oy", "683", "care", "88.10", "micro"),
    _e("Kolarin Hoivakoti Oy", "273", "care", "87.30", "small"),
    _e("Pellon Palvelutalo Oy", "854", "care", "87.30", "small"),
    _e("Päiväkoti Revontuli Oy", "698", "childcare", "88.91", "small"),
    _e("Rovaniemen Lapsiparkki Oy", "698", "childcare", "88.91", "micro"),
    _e("Tornion Päiväkoti Pikku-Kuukkeli Oy", "851", "childcare", "88.91", "small"),
    # Other services.
    _e("Rovaniemen Autokorjaamo Oy", "698", "auto", "45.20", "small"),
    _e("Kemin Raskaskonehuolto Oy", "240", "auto", "45.20", "small"),
    _e("Tornion Autohuolto Oy", "851", "auto", "45.20", "micro"),
    _e("Sodankylän Kone ja Auto Oy", "758", "auto", "45.20", "small"),
    _e("Lapin Vartiointipalvelu Oy", "698", "security", "80.10", "medium"),
    _e("Levin Turvapalvelut Oy", "261", "security", "80.10", "small", "Levi"),
    _e("Kampaamo Kaamos Oy", "698", "beauty", "96.02", "micro"),
    _e("Tornion Hius ja Hoito Oy", "851", "beauty", "96.02", "micro"),
    _e("Rovaniemen Asiakaspalvelukeskus Oy", "698", "office", "82.20", "medium"),
    _e("Kemin Tilitoimisto Oy", "240", "office", "69.20", "small"),
    _e("Lapin Insinööritoimisto Oy", "698", "engineering", "71.12", "small"),
    _e("Perämeren Suunnittelu Oy", "240", "engineering", "71.12", "small"),
    _e("Rovaniemen Henkilöstöpalvelut Oy", "698", "staffing", "78.20", "medium"),
    _e("Meri-Lapin Työvoimapalvelu Oy", "240", "staffing", "78.20", "small"),
    _e("Tunturi-Lapin Rekrytointi Oy", "261", "staffing", "78.20", "small"),
]  # fmt: skip

FIRST_NAMES = [
    "Aino", "Antti", "Arto", "Eero", "Elina", "Hanna", "Heidi", "Heikki", "Jaana", "Janne",
    "Jari", "Johanna", "Juha", "Jukka", "Kaisa", "Kari", "Katja", "Lauri", "Leena", "Marko",
    "Merja", "Mikko", "Minna", "Niina", "Outi", "Päivi", "Pasi", "Pekka", "Raimo", "Riikka",
    "Sami", "Sanna", "Satu", "Seppo", "Teemu", "Tiina", "Timo", "Tuula", "Ville", "Anu",
]  # fmt: skip
LAST_NAMES = [
    "Aikio", "Alatalo", "Autto", "Hannula", "Heikkilä", "Hietala", "Jokela", "Kaikkonen",
    "Kallio", "Kangas", "Kemppainen", "Keskitalo", "Kivelä", "Korva", "Kumpula", "Kuru",
    "Körkkö", "Lampela", "Lantto", "Lehtola", "Liikamaa", "Magga", "Mourujärvi", "Mäkelä",
    "Niemelä", "Niva", "Ojala", "Ollila", "Paadar", "Palo", "Pietilä", "Rautio", "Ruokangas",
    "Saarenpää", "Salmela", "Sirviö", "Tapio", "Tervo", "Vaara", "Ylitalo",
]  # fmt: skip

CONTACT_TITLES = {
    "micro": ["yrittäjä", "toimitusjohtaja"],
    "small": ["toimitusjohtaja", "tuotantopäällikkö", "palvelupäällikkö"],
    "medium": ["henkilöstöpäällikkö", "toimitusjohtaja", "työmaapäällikkö", "palvelupäällikkö"],
    "large": ["henkilöstöjohtaja", "rekrytointipäällikkö", "tuotantojohtaja"],
}
SECOND_TITLES = ["esihenkilö", "työnjohtaja", "vuoropäällikkö", "rekrytointivastaava"]


@dataclass(frozen=True)
class ContactPlan:
    name: str
    title: str
    email: str
    is_primary: bool


@dataclass(frozen=True)
class EmployerPlan:
    key: int  # position in EMPLOYERS: stable, never a database id
    name: str
    business_id: str
    industry: str
    municipality: str
    sector: str
    size: str
    place: str
    language: str
    peak_months: tuple[int, ...]
    partners: tuple[str, ...]
    contacts: tuple[ContactPlan, ...]

    @property
    def season(self) -> str:
        """ "winter" in tourism and in a resort's services, "summer" in building and berries."""
        seasonal = SECTORS[self.sector].seasonal
        if not seasonal and self.place and self.sector in RESORT_SERVICES:
            return "winter"
        return seasonal

    @property
    def place_name(self) -> str:
        return self.place or MUNICIPALITIES[self.municipality][0]

    @property
    def in_place(self) -> str:
        """ "in Levi" / "in Kemi" in Finnish, for texts."""
        return PLACES[self.place] if self.place else MUNICIPALITIES[self.municipality][1]

    @property
    def in_municipality(self) -> str:
        return MUNICIPALITIES[self.municipality][1]


def business_ids(rng: random.Random, count: int) -> list[str]:
    """Distinct valid business ids in 9100000-9899999, a range no Finnish company has."""
    ids: list[str] = []
    seen: set[str] = set()
    while len(ids) < count:
        digits = f"{rng.randrange(9_100_000, 9_900_000):07d}"
        check = check_digit(digits)
        if check is None or digits in seen:
            continue
        seen.add(digits)
        ids.append(f"{digits}-{check}")
    return ids


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum() or c in ".-")


def peak_months(rng: random.Random, row: EmployerRow) -> tuple[int, ...]:
    """The sector's busy months, with the local twists: summer and autumn colours in the fells,
    the Christmas season in Rovaniemi, winter in every shop and restaurant of a resort."""
    sector = SECTORS[row.sector]
    months = set(sector.peak_months)
    if row.sector in ("tourism_stay", "tourism_activity"):
        if rng.random() < 0.5:
            months.add(9)  # ruska, the autumn colours
        if rng.random() < 0.4:
            months.update((7, 8))
        if row.municipality == "698":
            months.add(11)
    elif row.place and row.sector in RESORT_SERVICES:
        months.update(WINTER)
    elif row.sector == "restaurant":
        months = set(SUMMER_HOLIDAYS) if rng.random() < 0.5 else set(WINTER)
    return tuple(sorted(months))


def _contacts(rng: random.Random, row: EmployerRow, used: set[str]) -> tuple[ContactPlan, ...]:
    count = 1 if row.size == "micro" or rng.random() < 0.4 else 2
    contacts = []
    for index in range(count):
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{ascii_slug(first)}.{ascii_slug(last)}@example.fi"
            if email not in used:
                used.add(email)
                break
        title = rng.choice(CONTACT_TITLES[row.size] if index == 0 else SECOND_TITLES)
        contacts.append(ContactPlan(f"{first} {last}", title, email, is_primary=index == 0))
    return tuple(contacts)


def partners_of(municipality: str) -> tuple[str, ...]:
    return (*PARTNERS.get(municipality, OTHER_PARTNERS), TE_OFFICE)


def plan_employers(rng: random.Random) -> list[EmployerPlan]:
    """The demo employers, the same for the same random generator state."""
    ids = business_ids(rng, len(EMPLOYERS))
    used_emails: set[str] = set()
    return [
        EmployerPlan(
            key=key,
            name=row.name,
            business_id=ids[key],
            industry=row.industry,
            municipality=row.municipality,
            sector=row.sector,
            size=row.size,
            place=row.place,
            language=row.language,
            peak_months=peak_months(rng, row),
            partners=partners_of(row.municipality),
            contacts=_contacts(rng, row, used_emails),
        )
        for key, row in enumerate(EMPLOYERS)
    ]
