"""Write the qualifications demo set of data/reference/qualifications/.

    python data/reference/qualifications/build_demo.py [SAMPLES_DIR]

- demo/*.json.gz: the qualifications the Lapland employment projects used, as full ePerusteet
  peruste documents (the shape of /api/perusteet/{id}/kaikki), written from the tables below.
- eperusteet/*.json.gz: the real ePerusteet API samples that the importer reads, gzipped
  unchanged, when SAMPLES_DIR (default ../shared/data/eperusteet-samples) exists.

Output is byte-identical between runs (gzip mtime 0, sorted keys), so it diffs cleanly.
"""

import gzip
import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
DEFAULT_SAMPLES = HERE.parents[3] / "shared" / "data" / "eperusteet-samples"
# Real samples the importer reads on their own (structures, osa-alue lists and preparatory
# education parts are not: see README.md).
IMPORTABLE_SAMPLES = (
    "eperusteet_api_perusteet.json",
    "eperusteet-service_api_perusteet_diaari.json",
    "eperusteet-service_api_tutkinnonosat.json",
    "eperusteet-service_api_tutkinnonosat_400014.json",
    "eperusteet-service_api_tutkinnonosat_telma.json",
    "eperusteet-service_api_tutkinnonosat_3003003_viitteet.json",
    "eperusteet-service_api_tutkinnonosat_52824_viitteet.json",
    "eperusteet-tutkinnonosa-asteikko1.json",
    "eperusteet-tutkinnonosa-asteikko2.json",
    "eperusteet-tutkinnonosa-asteikko3.json",
)
FINLAND = ZoneInfo("Europe/Helsinki")
LEAD_IN = {"fi": "Opiskelija osaa", "sv": "Den studerande kan", "en": "The student is able to"}


@dataclass
class Unit:
    id: int
    code: str
    fi: str
    sv: str
    en: str
    requirements: list[tuple[str, str]]
    common_areas: list[tuple[str, str, int, list[tuple[str, str]]]] = field(default_factory=list)


@dataclass
class Module:
    fi: str
    sv: str
    en: str
    units: list[tuple[Unit, int, bool]]  # unit, competence points, mandatory
    competence_area: bool = False


@dataclass
class Peruste:
    id: int
    slug: str
    fi: str
    sv: str
    en: str
    koulutustyyppi: str
    diary_number: str
    valid_from: date
    scope: int
    modules: list[Module]


# --- Common units (yhteiset tutkinnon osat) of every vocational qualification ----------------

VVO = Unit(
    9100901,
    "990901",
    "Viestintä- ja vuorovaikutusosaaminen",
    "Kunnande inom kommunikation och interaktion",
    "Communication and interaction competence",
    [],
    [
        (
            "Viestintä ja vuorovaikutus äidinkielellä",
            "Kommunikation och interaktion på modersmålet",
            4,
            [
                (
                    "toimia tarkoituksenmukaisesti erilaisissa vuorovaikutustilanteissa",
                    "kommunicera ändamålsenligt i olika situationer",
                ),
                (
                    "tulkita ja tuottaa oman alansa tekstejä",
                    "tolka och producera texter inom den egna branschen",
                ),
            ],
        ),
        (
            "Viestintä ja vuorovaikutus toisella kotimaisella kielellä",
            "Kommunikation och interaktion på det andra inhemska språket",
            1,
            [
                (
                    "viestiä toisella kotimaisella kielellä tavallisissa työtilanteissa",
                    "kommunicera på det andra inhemska språket i vanliga arbetssituationer",
                ),
            ],
        ),
        (
            "Viestintä ja vuorovaikutus vieraalla kielellä",
            "Kommunikation och interaktion på främmande språk",
            3,
            [
                ("palvella asiakkaita vieraalla kielellä", "betjäna kunder på ett främmande språk"),
            ],
        ),
    ],
)
MLO = Unit(
    9100902,
    "990902",
    "Matemaattis-luonnontieteellinen osaaminen",
    "Kunnande inom matematik och naturvetenskap",
    "Mathematics and science competence",
    [],
    [
        (
            "Matematiikka ja matematiikan soveltaminen",
            "Matematik och tillämpad matematik",
            4,
            [
                (
                    "laskea työssä tarvittavia mittayksiköitä, prosentteja ja kustannuksia",
                    "räkna måttenheter, procent och kostnader som behövs i arbetet",
                ),
            ],
        ),
        (
            "Fysiikka ja kemia",
            "Fysik och kemi",
            2,
            [
                (
                    "käyttää aineita ja energiaa turvallisesti ja ympäristöä säästäen",
                    "använda ämnen och energi säkert och miljövänligt",
                ),
            ],
        ),
    ],
)
YTO = Unit(
    9100903,
    "990903",
    "Yhteiskunta- ja työelämäosaaminen",
    "Kunnande om samhälle och arbetsliv",
    "Citizenship and working life competence",
    [],
    [
        (
            "Työelämässä toimiminen",
            "Verksamhet i arbetslivet",
            2,
            [
                (
                    "toimia työelämän pelisääntöjen, oikeuksien ja velvollisuuksien mukaisesti",
                    "följa arbetslivets spelregler, rättigheter och skyldigheter",
                ),
            ],
        ),
        (
            "Työkyvyn ja hyvinvoinnin ylläpitäminen",
            "Upprätthållande av arbetsförmåga och välbefinnande",
            2,
            [
                (
                    "ylläpitää työkykyään ja toimia ergonomisesti",
                    "upprätthålla sin arbetsförmåga och arbeta ergonomiskt",
                ),
            ],
        ),
        (
            "Kestävän kehityksen edistäminen",
            "Främjande av hållbar utveckling",
            1,
            [
                (
                    "toimia työssään kestävän kehityksen periaatteiden mukaisesti",
                    "arbeta enligt principerna för hållbar utveckling",
                ),
            ],
        ),
    ],
)
COMMON_MODULE = Module(
    "Yhteiset tutkinnon osat",
    "Gemensamma examensdelar",
    "Common units",
    [(VVO, 11, True), (MLO, 6, True), (YTO, 9, True)],
)

MANDATORY = ("Pakolliset tutkinnon osat", "Obligatoriska examensdelar", "Compulsory units")
FOR_ALL = (
    "Kaikille pakolliset tutkinnon osat",
    "Obligatoriska examensdelar för alla",
    "Units compulsory for all",
)
OPTIONAL = ("Valinnaiset tutkinnon osat", "Valbara examensdelar", "Optional units")


def unit(unit_id: int, fi: str, sv: str, en: str, *requirements: tuple[str, str]) -> Unit:
    return Unit(unit_id, str(990000 + unit_id % 1000), fi, sv, en, list(requirements))


# --- Luonto- ja ympäristöala ---------------------------------------------------------------

LUO_MOVING = unit(
    9100101,
    "Luonnossa liikkuminen ja toimiminen",
    "Att röra sig och verka i naturen",
    "Moving and working in nature",
    (
        "liikkua turvallisesti maastossa eri vuodenaikoina ja sääolosuhteissa",
        "röra sig tryggt i terrängen under olika årstider och väderförhållanden",
    ),
    (
        "käyttää karttaa, kompassia ja satelliittipaikannusta suunnistamiseen",
        "använda karta, kompass och satellitpositionering för orientering",
    ),
    (
        "tunnistaa alueen yleisimmät kasvi-, sieni- ja eläinlajit",
        "känna igen de vanligaste växt-, svamp- och djurarterna i området",
    ),
    (
        "noudattaa jokaisenoikeuksia ja luonnonsuojelusäädöksiä",
        "följa allemansrätten och naturskyddsbestämmelserna",
    ),
)
LUO_GATHERING = unit(
    9100102,
    "Luonnontuotteiden keruu ja käsittely",
    "Insamling och hantering av naturprodukter",
    "Gathering and handling natural products",
    (
        "tunnistaa kaupalliset marja-, sieni- ja yrttilajit",
        "känna igen kommersiella bär-, svamp- och örtarter",
    ),
    (
        "kerätä luonnontuotteita laatuvaatimusten ja elintarvikehygienian mukaisesti",
        "plocka naturprodukter enligt kvalitetskraven och livsmedelshygienen",
    ),
    (
        "puhdistaa, lajitella, kuivata tai pakastaa keräämänsä luonnontuotteet",
        "rensa, sortera, torka eller frysa de naturprodukter hen har plockat",
    ),
    (
        "kirjata keruualueet ja -määrät luomukeruun vaatimusten mukaisesti",
        "dokumentera plockområden och mängder enligt kraven för ekologisk insamling",
    ),
)
LUO_REINDEER = unit(
    9100103,
    "Poronhoitotyöt",
    "Renskötselarbete",
    "Reindeer husbandry work",
    ("ruokkia ja hoitaa poroja eri vuodenaikoina", "utfodra och sköta renar under olika årstider"),
    ("toimia poroerotuksessa ja merkitä vasat", "arbeta vid renskiljning och märka kalvar"),
    (
        "käyttää moottorikelkkaa ja mönkijää turvallisesti poronhoitotöissä",
        "använda snöskoter och fyrhjuling säkert i renskötselarbetet",
    ),
)
LUO_PROCESSING = unit(
    9100104,
    "Luonnontuotteiden jalostaminen",
    "Förädling av naturprodukter",
    "Processing natural products",
    (
        "valmistaa luonnontuotteista elintarvikkeita omavalvontasuunnitelman mukaisesti",
        "tillverka livsmedel av naturprodukter enligt planen för egenkontroll",
    ),
    (
        "hinnoitella ja pakata tuotteet myyntiä varten",
        "prissätta och förpacka produkterna för försäljning",
    ),
    (
        "noudattaa elintarvikelainsäädännön pakkausmerkintävaatimuksia",
        "följa livsmedelslagstiftningens krav på förpackningsmärkningar",
    ),
)
LUO_GUIDING = unit(
    9100105,
    "Luonto-ohjauksessa toimiminen",
    "Att arbeta med naturguidning",
    "Working as a nature guide",
    (
        "suunnitella ja toteuttaa luontoretken asiakasryhmälle",
        "planera och genomföra en naturutflykt för en kundgrupp",
    ),
    ("laatia retken turvallisuussuunnitelman", "göra upp en säkerhetsplan för utflykten"),
    (
        "kertoa luonnon ilmiöistä asiakasryhmälle sopivalla tavalla",
        "berätta om naturfenomen på ett sätt som passar kundgruppen",
    ),
)

# --- Luonnontuotealan ammattitutkinto ------------------------------------------------------

LTA_HARVEST = unit(
    9100201,
    "Luonnontuotteiden talteenottaminen",
    "Tillvaratagande av naturprodukter",
    "Harvesting natural products",
    (
        "suunnitella talteenoton kasvupaikkojen ja satoennusteiden perusteella",
        "planera tillvaratagandet utifrån växtplatser och skördeprognoser",
    ),
    (
        "johtaa poimijaryhmän työtä ja perehdyttää poimijat",
        "leda en plockargrupps arbete och introducera plockarna",
    ),
    (
        "huolehtia tuotteiden jäljitettävyydestä ja laadusta koko talteenottoketjussa",
        "sörja för produkternas spårbarhet och kvalitet i hela kedjan",
    ),
)
LTA_BUSINESS = unit(
    9100202,
    "Luonnontuotealan yrityksessä toimiminen",
    "Att verka i ett företag inom naturproduktbranschen",
    "Working in a natural products business",
    (
        "laatia luonnontuotealan yritykselle liiketoimintasuunnitelman",
        "göra upp en affärsplan för ett företag inom naturproduktbranschen",
    ),
    ("solmia osto- ja myyntisopimuksia", "ingå köp- och försäljningsavtal"),
    ("laskea tuotteiden kannattavuuden", "beräkna produkternas lönsamhet"),
)
LTA_FOOD = unit(
    9100203,
    "Luonnontuotteiden jalostaminen elintarvikkeiksi",
    "Förädling av naturprodukter till livsmedel",
    "Processing natural products into food",
    (
        "kehittää luonnontuotepohjaisen elintarvikkeen reseptin ja valmistusprosessin",
        "utveckla recept och tillverkningsprocess för ett livsmedel av naturprodukter",
    ),
    (
        "laatia omavalvontasuunnitelman ja noudattaa sitä",
        "göra upp och följa en plan för egenkontroll",
    ),
)
LTA_ADVISOR = unit(
    9100204,
    "Luonnontuoteneuvojana toimiminen",
    "Att arbeta som naturproduktrådgivare",
    "Working as a natural products advisor",
    (
        "neuvoa keruusta, käsittelystä ja käytöstä kiinnostuneita asiakkaita",
        "ge råd till kunder om insamling, hantering och användning av naturprodukter",
    ),
    (
        "järjestää luonnontuotekursseja ja -tapahtumia",
        "ordna kurser och evenemang om naturprodukter",
    ),
)

# --- Matkailuala ---------------------------------------------------------------------------

MAT_SERVICE = unit(
    9100301,
    "Matkailualan asiakaspalvelu",
    "Kundservice inom turismbranschen",
    "Customer service in the tourism industry",
    (
        "vastaanottaa kotimaisia ja kansainvälisiä asiakkaita ja selvittää heidän tarpeensa",
        "ta emot inhemska och internationella kunder och ta reda på deras behov",
    ),
    (
        "käyttää alakohtaista kielitaitoa asiakaspalvelussa",
        "använda branschspecifika språkkunskaper i kundservicen",
    ),
    (
        "käyttää varausjärjestelmiä ja tieto- ja viestintätekniikkaa",
        "använda bokningssystem samt informations- och kommunikationsteknik",
    ),
    (
        "tehdä yhteistyötä matkailualan yritysten ja organisaatioiden kanssa",
        "samarbeta med företag och organisationer inom turismbranschen",
    ),
)
MAT_PRODUCING = unit(
    9100302,
    "Matkailupalvelujen toteuttaminen",
    "Genomförande av turisttjänster",
    "Providing tourism services",
    (
        "toteuttaa ohjelmapalveluja turvallisuussuunnitelman mukaisesti",
        "genomföra programtjänster enligt säkerhetsplanen",
    ),
    ("opastaa asiakkaita luonto- ja kulttuurikohteissa", "guida kunder vid natur- och kulturmål"),
    (
        "huoltaa ohjelmapalveluissa käytettäviä välineitä",
        "underhålla utrustning som används i programtjänsterna",
    ),
)
MAT_SALES = unit(
    9100303,
    "Matkailupalvelujen myynti ja neuvonta",
    "Försäljning av och rådgivning om turisttjänster",
    "Sales and advice in tourism services",
    (
        "myydä matkailupalveluja ja lisäpalveluja asiakkaan tarpeen mukaan",
        "sälja turisttjänster och tilläggstjänster enligt kundens behov",
    ),
    ("antaa matkailuneuvontaa alueen palveluista", "ge turistinformation om områdets tjänster"),
    ("tehdä varauksia ja laskuttaa asiakkaita", "göra bokningar och fakturera kunder"),
)
MAT_ACCOMMODATION = unit(
    9100304,
    "Majoituspalvelut",
    "Inkvarteringstjänster",
    "Accommodation services",
    (
        "hoitaa majoitusliikkeen vastaanoton tehtäviä",
        "sköta receptionsuppgifter på en inkvarteringsrörelse",
    ),
    (
        "valmistella majoitustilat asiakkaiden saapumista varten",
        "förbereda logiet inför kundernas ankomst",
    ),
)
MAT_GUIDING = unit(
    9100305,
    "Opastuspalvelut",
    "Guidningstjänster",
    "Guiding services",
    ("suunnitella ja toteuttaa opastetun kierroksen", "planera och genomföra en guidad tur"),
    (
        "kertoa alueen historiasta, kulttuurista ja luonnosta",
        "berätta om områdets historia, kultur och natur",
    ),
)
MAT_OUTDOOR = unit(
    9100306,
    "Retki-, erä- ja luontoruokailupalvelut",
    "Mattjänster i naturen och på vildmarksturer",
    "Outdoor and wilderness catering services",
    (
        "valmistaa ruokaa nuotiolla ja retkikeittimellä",
        "laga mat över öppen eld och på friluftskök",
    ),
    (
        "noudattaa elintarvikehygieniaa maasto-olosuhteissa",
        "följa livsmedelshygienen i terrängförhållanden",
    ),
)
MAT_CLEANING = unit(
    9100307,
    "Puhdistuspalvelut matkailukohteessa",
    "Rengöringstjänster på turistmål",
    "Cleaning services at tourist destinations",
    (
        "siivota majoitus- ja yleiset tilat laatuvaatimusten mukaisesti",
        "städa logi och allmänna utrymmen enligt kvalitetskraven",
    ),
    (
        "valita puhdistusaineet ja -menetelmät pintamateriaalien mukaan",
        "välja rengöringsmedel och metoder enligt ytmaterialen",
    ),
)

# --- Logistiikka ---------------------------------------------------------------------------

LOG_DRIVING = unit(
    9100401,
    "Kuorma-autolla tai linja-autolla kuljettaminen",
    "Transport med lastbil eller buss",
    "Driving a lorry or a bus",
    (
        "tarkastaa ajoneuvon ja sen kuormauslaitteiden kunnon ennen ajoa",
        "kontrollera fordonets och lastanordningarnas skick före körningen",
    ),
    (
        "kuljettaa kuorma- tai linja-autoa ennakoivasti ja taloudellisesti eri keliolosuhteissa",
        "köra lastbil eller buss förutseende och ekonomiskt i olika väglag",
    ),
    (
        "noudattaa ajo- ja lepoaikasäädöksiä ja käyttää ajopiirturia",
        "följa bestämmelserna om kör- och vilotider och använda färdskrivaren",
    ),
    ("toimia onnettomuus- ja vaaratilanteissa", "agera vid olyckor och farosituationer"),
)
LOG_PROFESSIONAL = unit(
    9100402,
    "Kuljettajan perustason ammattipätevyys",
    "Grundläggande yrkeskompetens för förare",
    "Initial qualification of professional drivers",
    (
        "optimoida polttoaineen kulutuksen ajoneuvon voimansiirron ominaisuuksien mukaan",
        "optimera bränsleförbrukningen enligt fordonets kraftöverföring",
    ),
    (
        "varmistaa kuorman tai matkustajien turvallisuuden",
        "säkerställa lastens eller passagerarnas säkerhet",
    ),
    (
        "toimia asiakaspalvelutilanteissa kuljetusyrityksen edustajana",
        "sköta kundservicesituationer som representant för transportföretaget",
    ),
)
LOG_FREIGHT = unit(
    9100403,
    "Kuorma-auton tavarankuljetusten hallinta",
    "Hantering av godstransporter med lastbil",
    "Managing lorry freight transport",
    ("suunnitella kuljetusreitin ja aikataulun", "planera transportrutten och tidtabellen"),
    ("laatia ja tarkastaa kuljetusasiakirjat", "upprätta och kontrollera transportdokumenten"),
    (
        "kuormata ja sitoa kuorman säädösten mukaisesti",
        "lasta och säkra lasten enligt bestämmelserna",
    ),
)
LOG_DISTRIBUTION = unit(
    9100404,
    "Jakelukuljetukset",
    "Distributionstransporter",
    "Distribution transport",
    (
        "suunnitella jakelureitin ja purkaa kuorman asiakkaalle",
        "planera distributionsrutten och lossa lasten hos kunden",
    ),
    (
        "käyttää käsiteltäviä päätelaitteita toimitusten kuittaamiseen",
        "använda handdatorer för att kvittera leveranser",
    ),
)
LOG_FOOD = unit(
    9100405,
    "Elintarvikekuljetukset",
    "Livsmedelstransporter",
    "Food transport",
    (
        "tarkastaa ja säätää elintarvikkeiden kuljetuslämpötilat",
        "kontrollera och reglera transporttemperaturerna för livsmedel",
    ),
    (
        "kuormata eri elintarvikelaadut samaan kuormatilaan säädösten mukaisesti",
        "lasta olika livsmedel i samma lastutrymme enligt bestämmelserna",
    ),
)
LOG_BULK = unit(
    9100406,
    "Massatavarakuljetukset",
    "Bulkgodstransporter",
    "Bulk goods transport",
    (
        "kuljettaa maa-aineksia ja puutavaraa työmaaolosuhteissa",
        "transportera jordmaterial och virke på byggarbetsplatser",
    ),
    (
        "toimia tie- ja työmaaliikenteessä Tieturva-ohjeiden mukaisesti",
        "arbeta i väg- och arbetsplatstrafik enligt Tieturva-anvisningarna",
    ),
)
LOG_MACHINES = unit(
    9100407,
    "Työkoneiden käyttö ja huolto",
    "Användning och underhåll av arbetsmaskiner",
    "Operating and maintaining work machines",
    ("käyttää trukkia ja kuormausnosturia turvallisesti", "använda truck och lastkran säkert"),
    ("tehdä työkoneiden päivittäiset huollot", "utföra dagligt underhåll av arbetsmaskiner"),
)

# --- Infra-ala -----------------------------------------------------------------------------

INF_SITE = unit(
    9100501,
    "Infra-alan työmaalla toimiminen",
    "Att arbeta på en arbetsplats inom infrabranschen",
    "Working on an infrastructure site",
    (
        "toimia infratyömaalla työturvallisuusmääräysten mukaisesti",
        "arbeta på en infraarbetsplats enligt arbetarskyddsbestämmelserna",
    ),
    (
        "tulkita työmaan piirustuksia ja työselityksiä",
        "tolka arbetsplatsens ritningar och arbetsbeskrivningar",
    ),
    ("tehdä mittauksia tasolaserilla", "göra mätningar med laservåg"),
)
INF_MACHINES = unit(
    9100502,
    "Maarakennuskoneiden käyttö",
    "Användning av jordbyggnadsmaskiner",
    "Operating earthmoving machines",
    (
        "tehdä kaivu-, täyttö- ja tiivistystöitä kaivinkoneella ja pyöräkuormaajalla",
        "utföra grävnings-, fyllnings- och packningsarbeten med grävmaskin och hjullastare",
    ),
    (
        "ottaa huomioon kaapeli- ja johtoselvitykset kaivutöissä",
        "beakta utredningarna om kablar och ledningar vid grävarbeten",
    ),
    ("kuormata maa-aineksia kuorma-autoon", "lasta jordmaterial på lastbil"),
    (
        "käyttää koneohjausjärjestelmää tarkkuutta vaativissa töissä",
        "använda maskinstyrningssystemet i arbeten som kräver precision",
    ),
)
INF_SERVICE = unit(
    9100503,
    "Maarakennuskoneiden huolto",
    "Underhåll av jordbyggnadsmaskiner",
    "Maintenance of earthmoving machines",
    (
        "tehdä koneen päivittäiset ja määräaikaiset huollot",
        "utföra maskinens dagliga och periodiska underhåll",
    ),
    (
        "paikantaa yksinkertaisia vikoja hydrauliikka- ja sähköjärjestelmistä",
        "lokalisera enkla fel i hydraul- och elsystemen",
    ),
)
INF_3D = unit(
    9100504,
    "Maarakennuskoneiden 3D-ohjaus",
    "3D-styrning av jordbyggnadsmaskiner",
    "3D machine control of earthmoving machines",
    (
        "ottaa käyttöön 3D-mallin ja kalibroida koneohjausjärjestelmän",
        "ta i bruk en 3D-modell och kalibrera maskinstyrningssystemet",
    ),
    ("tehdä toteumamittaukset ja tallentaa ne", "göra relationsmätningar och spara dem"),
)
INF_PIPES = unit(
    9100505,
    "Putkilinjojen rakentaminen",
    "Byggande av rörledningar",
    "Pipeline construction",
    ("asentaa vesi- ja viemäriputkia kaivantoon", "installera vatten- och avloppsrör i schakt"),
    ("tuentaa kaivannon turvallisesti", "stötta schaktet säkert"),
)
INF_ROADS = unit(
    9100506,
    "Liikenneväylien kunnossapito",
    "Underhåll av trafikleder",
    "Maintenance of traffic routes",
    ("aurata ja hiekoittaa liikenneväyliä", "ploga och sanda trafikleder"),
    (
        "toimia liikenteen seassa Tieturva 1 -ohjeiden mukaisesti",
        "arbeta bland trafiken enligt anvisningarna i Tieturva 1",
    ),
)

# --- Puhtaus- ja kiinteistöpalveluala ------------------------------------------------------

PUH_CUSTOMER = unit(
    9100601,
    "Asiakaslähtöisten puhtaus- ja kiinteistöpalvelujen tuottaminen",
    "Kundorienterad rengörings- och fastighetsservice",
    "Providing customer-oriented cleaning and property services",
    (
        "toimia asiakaskohteessa palvelusopimuksen mukaisesti",
        "arbeta på kundobjektet enligt serviceavtalet",
    ),
    (
        "tunnistaa pintamateriaalit ja valita niille sopivat puhdistusmenetelmät",
        "identifiera ytmaterial och välja lämpliga rengöringsmetoder",
    ),
    (
        "noudattaa työturvallisuus- ja ergonomiaohjeita",
        "följa anvisningar om arbetarskydd och ergonomi",
    ),
)
PUH_MAINTENANCE = unit(
    9100602,
    "Puhtaana- ja kunnossapito",
    "Städning och underhåll",
    "Cleaning and maintenance",
    (
        "tehdä ylläpitosiivousta erilaisissa toimitiloissa",
        "utföra underhållsstädning i olika lokaler",
    ),
    (
        "käyttää siivouskoneita ja -välineitä turvallisesti",
        "använda städmaskiner och redskap säkert",
    ),
    (
        "tarkistaa siivouksen laadun ja kirjata poikkeamat",
        "kontrollera städkvaliteten och dokumentera avvikelser",
    ),
)
PUH_BASIC = unit(
    9100603,
    "Perussiivouspalvelut",
    "Grundrengöringstjänster",
    "Basic cleaning services",
    ("tehdä perussiivouksen ja lattiapinnoitteen hoidon", "utföra grundrengöring och golvvård"),
    (
        "poistaa tahroja ja kalkkia pintamateriaalia vahingoittamatta",
        "avlägsna fläckar och kalk utan att skada ytmaterialet",
    ),
)
PUH_HOME = unit(
    9100604,
    "Kotityöpalveluissa toimiminen",
    "Att arbeta inom hemservice",
    "Working in household services",
    (
        "siivota asiakkaan kodin asiakkaan toiveiden mukaan",
        "städa kundens hem enligt kundens önskemål",
    ),
    ("hoitaa tekstiilejä ja vaatteita", "sköta textilier och kläder"),
    ("valmistaa yksinkertaisia aterioita asiakkaan kotona", "laga enkla måltider i kundens hem"),
)
PUH_HOME_CLEANING = unit(
    9100605,
    "Kotisiivouspalvelujen tuottaminen",
    "Hemstädningstjänster",
    "Providing home cleaning services",
    (
        "suunnitella kotisiivouksen ja sopia siitä asiakkaan kanssa",
        "planera hemstädningen och komma överens om den med kunden",
    ),
    ("käyttää ympäristöä säästäviä puhdistusaineita", "använda miljövänliga rengöringsmedel"),
)
PUH_OUTDOOR = unit(
    9100606,
    "Kiinteistön ulkoalueiden hoito",
    "Skötsel av fastighetens utomhusområden",
    "Maintaining the outdoor areas of properties",
    (
        "hoitaa piha- ja viheralueita vuodenaikojen mukaan",
        "sköta gårds- och grönområden enligt årstiderna",
    ),
    ("tehdä lumityöt ja liukkaudentorjunnan", "utföra snöarbeten och halkbekämpning"),
)
PUH_TECHNICAL = unit(
    9100607,
    "Kiinteistön teknisten järjestelmien hoito",
    "Skötsel av fastighetens tekniska system",
    "Maintaining the technical systems of properties",
    (
        "tarkkailla lämmitys-, vesi- ja ilmanvaihtojärjestelmien toimintaa",
        "övervaka värme-, vatten- och ventilationssystemen",
    ),
    ("tehdä pieniä korjaus- ja huoltotöitä", "utföra små reparations- och underhållsarbeten"),
)
PUH_HOTEL = unit(
    9100608,
    "Hotelli- ja majoitustilojen puhtauspalvelut",
    "Rengöringstjänster i hotell och logi",
    "Cleaning services in hotels and accommodation",
    (
        "siivota hotellihuoneet ja vaihtaa vuodevaatteet laatuvaatimusten mukaan",
        "städa hotellrum och byta sängkläder enligt kvalitetskraven",
    ),
    (
        "huolehtia asiakkaiden tavaroista ja löytötavaroista",
        "ta hand om kundernas saker och hittegods",
    ),
)
PUH_TEXTILE = unit(
    9100609,
    "Tekstiilihuoltopalvelut",
    "Textilvårdstjänster",
    "Textile care services",
    (
        "pestä, kuivata ja viimeistellä tekstiilejä hoito-ohjeiden mukaan",
        "tvätta, torka och efterbehandla textilier enligt skötselråden",
    ),
    ("tehdä pieniä korjausompeluita", "utföra små lagningar"),
)

# --- Ravintola- ja catering-ala ------------------------------------------------------------

RAC_BASIC = unit(
    9100701,
    "Ruoka- ja asiakaspalvelun perustehtävissä toimiminen",
    "Grundläggande uppgifter inom mat- och kundservice",
    "Basic tasks in food and customer service",
    (
        "huolehtia henkilökohtaisesta hygieniasta ja noudattaa omavalvontaa",
        "sköta sin personliga hygien och följa egenkontrollen",
    ),
    (
        "valmistaa ja tarjoilla yksinkertaisia ruokia ja juomia",
        "tillreda och servera enkla maträtter och drycker",
    ),
    (
        "palvella asiakkaita ja kertoa tarjolla olevista tuotteista",
        "betjäna kunder och berätta om produkterna som serveras",
    ),
)
RAC_FOOD = unit(
    9100702,
    "Ruokapalvelujen tuottaminen",
    "Produktion av mattjänster",
    "Producing food services",
    (
        "suunnitella ja valmistaa lounasruokia suurkeittiössä",
        "planera och tillreda lunchmat i ett storkök",
    ),
    ("ottaa huomioon erityisruokavaliot ja allergeenit", "beakta specialkost och allergener"),
    (
        "välttää hävikkiä ja laskea ruoka-annosten kustannukset",
        "undvika svinn och räkna ut kostnaderna för portionerna",
    ),
)
RAC_SERVICE = unit(
    9100703,
    "Asiakaspalvelussa ja myynnissä toimiminen",
    "Kundservice och försäljning",
    "Customer service and sales",
    (
        "tarjoilla ruokia ja juomia eri tarjoilutavoilla",
        "servera mat och drycker på olika serveringssätt",
    ),
    ("myydä ja suositella tuotteita asiakkaalle", "sälja och rekommendera produkter till kunden"),
    (
        "käyttää kassajärjestelmää ja käsitellä maksuja",
        "använda kassasystemet och hantera betalningar",
    ),
)
RAC_ALACARTE = unit(
    9100704,
    "À la carte -ruoanvalmistus",
    "À la carte-matlagning",
    "À la carte cooking",
    ("valmistaa annosruokia tilauksesta", "tillreda portionsrätter på beställning"),
    (
        "esivalmistella raaka-aineet ja kastikkeet palvelua varten",
        "förbereda råvaror och såser inför serveringen",
    ),
)
RAC_DIETS = unit(
    9100705,
    "Erityisruokavalioiden mukaisten ruokien valmistus",
    "Tillredning av specialkost",
    "Preparing food for special diets",
    (
        "valmistaa gluteenittomia, laktoosittomia ja kasvisruokia",
        "tillreda glutenfria, laktosfria och vegetariska maträtter",
    ),
    ("estää allergeenien ristikontaminaation", "förhindra korskontaminering av allergener"),
)
RAC_CAFE = unit(
    9100706,
    "Kahvilapalvelut",
    "Kafétjänster",
    "Café services",
    ("valmistaa kahvi- ja teejuomia", "tillreda kaffe- och tedrycker"),
    ("leipoa ja myydä kahvilan tuotteita", "baka och sälja kaféprodukter"),
)
RAC_DRINKS = unit(
    9100707,
    "Juomien myynti ja tarjoilu",
    "Försäljning och servering av drycker",
    "Selling and serving drinks",
    (
        "tarjoilla alkoholijuomia anniskelusäädösten mukaisesti",
        "servera alkoholdrycker enligt bestämmelserna om utskänkning",
    ),
    ("suositella ruoalle sopivia juomia", "rekommendera drycker som passar till maten"),
)


def area(fi: str, sv: str, en: str, units: list[tuple[Unit, int, bool]]) -> Module:
    return Module(fi, sv, en, units, competence_area=True)


PERUSTEET = [
    Peruste(
        9000001,
        "luonto-ja-ymparistoala",
        "Luonto- ja ympäristöalan perustutkinto",
        "Grundexamen inom natur och miljö",
        "Vocational Qualification in Nature and Environment",
        "koulutustyyppi_1",
        "DEMO-2021-LUO",
        date(2021, 1, 1),
        180,
        [
            Module(*FOR_ALL, [(LUO_MOVING, 40, True)]),
            area(
                "Luontoalan osaamisala",
                "Kompetensområdet för naturbranschen",
                "Competence area of nature",
                [(LUO_GATHERING, 35, True)],
            ),
            area(
                "Porotalouden osaamisala",
                "Kompetensområdet för renskötsel",
                "Competence area of reindeer husbandry",
                [(LUO_REINDEER, 35, True)],
            ),
            Module(*OPTIONAL, [(LUO_PROCESSING, 25, False), (LUO_GUIDING, 25, False)]),
        ],
    ),
    Peruste(
        9000002,
        "luonnontuoteala-at",
        "Luonnontuotealan ammattitutkinto",
        "Yrkesexamen inom naturproduktbranschen",
        "Further Vocational Qualification in Natural Products",
        "koulutustyyppi_11",
        "DEMO-2019-LTA",
        date(2019, 8, 1),
        150,
        [
            Module(*MANDATORY, [(LTA_HARVEST, 50, True), (LTA_BUSINESS, 30, True)]),
            Module(*OPTIONAL, [(LTA_FOOD, 40, False), (LTA_ADVISOR, 40, False)]),
        ],
    ),
    Peruste(
        9000003,
        "matkailuala",
        "Matkailualan perustutkinto",
        "Grundexamen inom turismbranschen",
        "Vocational Qualification in Tourism Industry",
        "koulutustyyppi_1",
        "DEMO-2022-MAT",
        date(2022, 8, 1),
        180,
        [
            Module(*FOR_ALL, [(MAT_SERVICE, 30, True)]),
            area(
                "Matkailupalvelujen osaamisala",
                "Kompetensområdet för turisttjänster",
                "Competence area of tourism services",
                [(MAT_PRODUCING, 45, True)],
            ),
            area(
                "Matkailupalvelujen myynnin ja tietopalvelujen osaamisala",
                "Kompetensområdet för försäljning av turisttjänster och informationstjänster",
                "Competence area of tourism sales and information services",
                [(MAT_SALES, 45, True)],
            ),
            Module(
                *OPTIONAL,
                [
                    (MAT_ACCOMMODATION, 15, False),
                    (MAT_GUIDING, 20, False),
                    (MAT_OUTDOOR, 15, False),
                    (MAT_CLEANING, 15, False),
                ],
            ),
        ],
    ),
    Peruste(
        9000004,
        "logistiikka",
        "Logistiikan perustutkinto",
        "Grundexamen i logistik",
        "Vocational Qualification in Logistics",
        "koulutustyyppi_1",
        "DEMO-2022-LOG",
        date(2022, 8, 1),
        180,
        [
            area(
                "Kuljetuspalvelujen osaamisala",
                "Kompetensområdet för transporttjänster",
                "Competence area of transport services",
                [(LOG_DRIVING, 40, True), (LOG_PROFESSIONAL, 15, True), (LOG_FREIGHT, 40, True)],
            ),
            Module(
                *OPTIONAL,
                [
                    (LOG_DISTRIBUTION, 15, False),
                    (LOG_FOOD, 30, False),
                    (LOG_BULK, 30, False),
                    (LOG_MACHINES, 15, False),
                ],
            ),
        ],
    ),
    Peruste(
        9000005,
        "infra-ala",
        "Infra-alan perustutkinto",
        "Grundexamen inom infrabranschen",
        "Vocational Qualification in Infrastructure",
        "koulutustyyppi_1",
        "DEMO-2022-INF",
        date(2022, 8, 1),
        180,
        [
            Module(*FOR_ALL, [(INF_SITE, 30, True)]),
            area(
                "Maarakennuskoneenkuljettajan osaamisala",
                "Kompetensområdet för jordbyggnadsmaskinförare",
                "Competence area of earthmoving machine operation",
                [(INF_MACHINES, 45, True), (INF_SERVICE, 15, True)],
            ),
            Module(
                *OPTIONAL, [(INF_3D, 15, False), (INF_PIPES, 15, False), (INF_ROADS, 15, False)]
            ),
        ],
    ),
    Peruste(
        9000006,
        "puhtaus-ja-kiinteistopalveluala",
        "Puhtaus- ja kiinteistöpalvelualan perustutkinto",
        "Grundexamen inom rengörings- och fastighetsservice",
        "Vocational Qualification in Cleaning and Property Services",
        "koulutustyyppi_1",
        "DEMO-2022-PUH",
        date(2022, 8, 1),
        180,
        [
            Module(*FOR_ALL, [(PUH_CUSTOMER, 15, True)]),
            area(
                "Toimitilahuollon osaamisala",
                "Kompetensområdet för lokalvård",
                "Competence area of facility services",
                [(PUH_MAINTENANCE, 30, True), (PUH_BASIC, 30, True)],
            ),
            area(
                "Kotityöpalvelujen osaamisala",
                "Kompetensområdet för hemservice",
                "Competence area of household services",
                [(PUH_HOME, 30, True), (PUH_HOME_CLEANING, 30, True)],
            ),
            area(
                "Kiinteistönhoidon osaamisala",
                "Kompetensområdet för fastighetsskötsel",
                "Competence area of property maintenance",
                [(PUH_OUTDOOR, 30, True), (PUH_TECHNICAL, 30, True)],
            ),
            Module(*OPTIONAL, [(PUH_HOTEL, 15, False), (PUH_TEXTILE, 15, False)]),
        ],
    ),
    Peruste(
        9000007,
        "ravintola-ja-catering-ala",
        "Ravintola- ja catering-alan perustutkinto",
        "Grundexamen inom restaurang- och cateringbranschen",
        "Vocational Qualification in Restaurant and Catering Services",
        "koulutustyyppi_1",
        "DEMO-2024-RAC",
        date(2024, 8, 1),
        180,
        [
            Module(*FOR_ALL, [(RAC_BASIC, 40, True)]),
            area(
                "Ruokapalvelun osaamisala",
                "Kompetensområdet för matservice",
                "Competence area of food services",
                [(RAC_FOOD, 45, True)],
            ),
            area(
                "Asiakaspalvelun osaamisala",
                "Kompetensområdet för kundservice",
                "Competence area of customer service",
                [(RAC_SERVICE, 45, True)],
            ),
            Module(
                *OPTIONAL,
                [
                    (RAC_ALACARTE, 25, False),
                    (RAC_DIETS, 15, False),
                    (RAC_CAFE, 15, False),
                    (RAC_DRINKS, 15, False),
                ],
            ),
        ],
    ),
]


# --- ePerusteet JSON -----------------------------------------------------------------------


def text(fi: str, sv: str = "", en: str = "") -> dict:
    return {lang: value for lang, value in (("fi", fi), ("sv", sv), ("en", en)) if value}


def millis(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=FINLAND).timestamp() * 1000)


def requirements_2019(pairs: list[tuple[str, str]]) -> dict:
    return {
        "kohde": text(LEAD_IN["fi"], LEAD_IN["sv"]),
        "vaatimukset": [{"koodi": None, "vaatimus": text(fi, sv)} for fi, sv in pairs],
        "kohdealueet": [],
    }


def area_json(index: int, unit: Unit, fi: str, sv: str, points: int, pairs) -> dict:
    return {
        "id": unit.id * 10 + index,
        "nimi": text(fi, sv),
        "tyyppi": "osaalue2020",
        "pakollisetOsaamistavoitteet": {"laajuus": points, "tavoitteet": requirements_2019(pairs)},
        "valinnaisetOsaamistavoitteet": None,
    }


def unit_json(unit: Unit) -> dict:
    common = bool(unit.common_areas)
    return {
        "id": unit.id,
        "nimi": text(unit.fi, unit.sv, unit.en),
        "tila": "valmis",
        "osanTyyppi": "tutkinnonosa",
        "tyyppi": "reformi_tutke2" if common else "normaali",
        "koodi": {
            "nimi": text(unit.fi, unit.sv, unit.en),
            "arvo": unit.code,
            "uri": f"tutkinnonosat_{unit.code}",
            "koodisto": "tutkinnonosat",
            "versio": None,
        },
        "koodiUri": f"tutkinnonosat_{unit.code}",
        "koodiArvo": unit.code,
        "kuvaus": None,
        "ammattitaitovaatimukset": None,
        "ammattitaitovaatimuksetLista": [],
        "ammattitaitovaatimukset2019": None if common else requirements_2019(unit.requirements),
        "osaAlueet": [area_json(i, unit, *a) for i, a in enumerate(unit.common_areas, 1)],
        "arviointi": None,
    }


def rule(points: int) -> dict:
    return {"laajuus": {"minimi": points, "maksimi": points, "yksikko": None}, "koko": None}


def module_json(module: Module, viite_ids: dict[int, int]) -> dict:
    return {
        "nimi": text(module.fi, module.sv, module.en),
        "rooli": "osaamisala" if module.competence_area else "määritelty",
        "pakollinen": False,
        "muodostumisSaanto": rule(sum(points for _, points, must in module.units if must)),
        "osat": [
            {
                "pakollinen": mandatory,
                "erikoisuus": None,
                "_tutkinnonOsaViite": str(viite_ids[u.id]),
            }
            for u, _, mandatory in module.units
        ],
    }


def rakenne(peruste: Peruste, viite_ids: dict[int, int]) -> dict:
    modules = [module_json(m, viite_ids) for m in peruste.modules]
    if peruste.koulutustyyppi == "koulutustyyppi_1":
        vocational = {
            "nimi": text(
                "Ammatilliset tutkinnon osat", "Yrkesinriktade examensdelar", "Vocational units"
            ),
            "rooli": "määritelty",
            "pakollinen": False,
            "muodostumisSaanto": rule(145),
            "osat": modules,
        }
        modules = [vocational, module_json(COMMON_MODULE, viite_ids)]
    return {
        "nimi": text(peruste.fi, peruste.sv, peruste.en),
        "rooli": "määritelty",
        "pakollinen": False,
        "muodostumisSaanto": rule(peruste.scope),
        "osat": modules,
    }


def peruste_json(peruste: Peruste) -> dict:
    modules = list(peruste.modules)
    if peruste.koulutustyyppi == "koulutustyyppi_1":
        modules.append(COMMON_MODULE)
    placements = [(u, points) for m in modules for u, points, _ in m.units]
    viite_ids = {u.id: peruste.id * 100 + i for i, (u, _) in enumerate(placements, 1)}
    return {
        "id": peruste.id,
        "nimi": text(peruste.fi, peruste.sv, peruste.en),
        "koulutustyyppi": peruste.koulutustyyppi,
        "diaarinumero": peruste.diary_number,
        "voimassaoloAlkaa": millis(peruste.valid_from),
        "voimassaoloLoppuu": None,
        "tila": "valmis",
        "kielet": ["fi", "sv"],
        "osaamisalat": [
            {"nimi": text(m.fi, m.sv), "arvo": None, "uri": None}
            for m in peruste.modules
            if m.competence_area
        ],
        "suoritustavat": [
            {
                "suoritustapakoodi": "reformi",
                "laajuusYksikko": "OSAAMISPISTE",
                "rakenne": rakenne(peruste, viite_ids),
                "tutkinnonOsaViitteet": [
                    {
                        "id": viite_ids[u.id],
                        "laajuus": points,
                        "jarjestys": i,
                        "_tutkinnonOsa": str(u.id),
                    }
                    for i, (u, points) in enumerate(placements, 1)
                ],
            }
        ],
        "tutkinnonOsat": [unit_json(u) for u, _ in placements],
    }


def write_gzip(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(data)


def main(samples: Path) -> None:
    for peruste in PERUSTEET:
        document = json.dumps(peruste_json(peruste), ensure_ascii=False, indent=1, sort_keys=True)
        write_gzip(
            HERE / "demo" / f"peruste-{peruste.id}-{peruste.slug}.json.gz", document.encode()
        )
    if not samples.is_dir():
        print(f"No samples at {samples}; kept eperusteet/ as it is.")
        return
    for name in IMPORTABLE_SAMPLES:
        write_gzip(HERE / "eperusteet" / f"{name}.gz", (samples / name).read_bytes())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SAMPLES)
