"""The shared service catalogue: the Finnish employment services the Lapland projects used.

Plain data, written by the data migration and by `seed_catalogue` (idempotent: a type already
present keeps what the region's admins changed). Target group codes are those of
kohtaamo.clients.models.TARGET_GROUPS; provider kinds those of OrganisationKind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServicePlan:
    code: str
    names: tuple[str, str, str]  # fi, sv, en
    descriptions: tuple[str, str, str]
    providers: tuple[str, ...]
    groups: tuple[str, ...] = ()
    days: int | None = None


MUNICIPAL = ("municipality", "te_office")
COLLEGES = ("vocational_college",)

SERVICES: tuple[ServicePlan, ...] = (
    ServicePlan(
        "work_trial",
        ("Työkokeilu", "Arbetsprövning", "Work trial"),
        (
            "Työnhakija kokeilee työtä työpaikalla ilman työsuhdetta selvittääkseen "
            "ammatinvalinta- ja uravaihtoehtojaan tai paluuta työmarkkinoille.",
            "Den arbetssökande prövar på arbete på en arbetsplats utan anställningsförhållande för "
            "att utreda yrkes- och karriärval eller återgång till arbetsmarknaden.",
            "The job seeker tries out work at a workplace without an employment contract, to "
            "explore an occupation or a return to working life.",
        ),
        MUNICIPAL,
        days=90,
    ),
    ServicePlan(
        "training_trial",
        ("Koulutuskokeilu", "Utbildningsprövning", "Training trial"),
        (
            "Työnhakija tutustuu alaan ja oppilaitokseen osallistumalla opetukseen muutaman "
            "päivän tai viikon ajan ennen koulutukseen hakemista.",
            "Den arbetssökande bekantar sig med en bransch och en läroanstalt genom att delta i "
            "undervisningen några dagar eller veckor innan hen söker till utbildningen.",
            "The job seeker attends teaching for a few days or weeks to get to know a field and a "
            "college before applying.",
        ),
        (*MUNICIPAL, *COLLEGES),
        groups=("under_30", "no_vocational_qualification"),
        days=10,
    ),
    ServicePlan(
        "pay_subsidy",
        ("Palkkatuki", "Lönesubvention", "Pay subsidy"),
        (
            "Työnantaja saa tukea työttömän palkkauskustannuksiin, kun työnhakijan osaaminen ei "
            "vielä vastaa työn vaatimuksia; pidempään työttömänä olleille ja osatyökykyisille.",
            "Arbetsgivaren får stöd för lönekostnaderna för en arbetslös vars kompetens ännu inte "
            "motsvarar kraven; för långtidsarbetslösa och personer med partiell arbetsförmåga.",
            "The employer gets support towards the wages of an unemployed person whose skills do "
            "not yet meet the job's demands; for the long-term unemployed and people with partial "
            "work ability.",
        ),
        MUNICIPAL,
        groups=("long_term_unemployed", "partial_work_ability"),
        days=300,
    ),
    ServicePlan(
        "apprenticeship",
        ("Oppisopimus", "Läroavtal", "Apprenticeship"),
        (
            "Tutkinto tai sen osa suoritetaan työsuhteessa työpaikalla oppien, oppilaitoksen "
            "tukemana.",
            "En examen eller en del av den avläggs i ett anställningsförhållande genom lärande "
            "på arbetsplatsen, med stöd av läroanstalten.",
            "A qualification or part of one is completed in employment, learning at the "
            "workplace with the college's support.",
        ),
        COLLEGES,
        days=540,
    ),
    ServicePlan(
        "training_agreement",
        ("Koulutussopimus", "Utbildningsavtal", "Training agreement"),
        (
            "Opiskelija oppii työpaikalla ilman työsuhdetta osana ammatillista koulutusta.",
            "Den studerande lär sig på en arbetsplats utan anställningsförhållande som en del av "
            "yrkesutbildningen.",
            "The student learns at a workplace without an employment contract as part of "
            "vocational education.",
        ),
        COLLEGES,
        days=60,
    ),
    ServicePlan(
        "recruitment_training",
        ("Rekrytoiva koulutus (RekryKoulutus)", "Rekryteringsutbildning", "Recruitment training"),
        (
            "Työnantajan kanssa yhteishankintana järjestetty koulutus, jonka jälkeen työnantaja "
            "palkkaa koulutetut.",
            "Utbildning som ordnas som gemensam anskaffning med arbetsgivaren, som efteråt "
            "anställer de utbildade.",
            "Training bought together with an employer, who then hires the people trained.",
        ),
        ("te_office", "ely_centre", *COLLEGES),
        days=120,
    ),
    ServicePlan(
        "targeted_training",
        ("Täsmäkoulutus", "Skräddarsydd utbildning", "Targeted training"),
        (
            "Lyhyt koulutus, joka kohdistetaan yrityksen tai työnhakijan tiettyyn "
            "osaamistarpeeseen.",
            "En kort utbildning som riktas till ett visst kompetensbehov hos ett företag eller en "
            "arbetssökande.",
            "A short course aimed at one competence need of a company or a job seeker.",
        ),
        ("ely_centre", *COLLEGES),
        days=30,
    ),
    ServicePlan(
        "short_course",
        ("Lyhytkoulutus", "Kort utbildning", "Short course"),
        (
            "Muutaman päivän tai viikon koulutus, esimerkiksi tutkinnon osa tai ammatillinen "
            "täydennyskoulutus.",
            "En utbildning på några dagar eller veckor, till exempel en examensdel eller "
            "yrkesinriktad fortbildning.",
            "A course of a few days or weeks, such as a qualification unit or further vocational "
            "training.",
        ),
        COLLEGES,
        days=20,
    ),
    ServicePlan(
        "card_course",
        ("Korttikoulutus", "Kortutbildning", "Card course"),
        (
            "Työelämän kortit ja luvat: hygieniapassi, työturvallisuuskortti, ensiapu, "
            "tieturva, trukkikortti, tulityö, anniskelupassi.",
            "Arbetslivets kort och tillstånd: hygienpass, arbetarskyddskort, första hjälpen, "
            "vägsäkerhet, truckkort, heta arbeten, serveringspass.",
            "Working-life cards and licences: hygiene passport, occupational safety card, first "
            "aid, road safety, forklift, hot work, alcohol serving licence.",
        ),
        (*COLLEGES, "company"),
        days=1,
    ),
    ServicePlan(
        "coaching_workshop",
        ("Valmennuksellinen työpaja", "Coachande verkstad", "Coaching workshop"),
        (
            "Kunnan työpajalla työnhakija vahvistaa työ- ja toimintakykyään ja osaamistaan "
            "ohjatussa työssä; osaaminen voidaan tunnistaa tutkinnon osina.",
            "I kommunens verkstad stärker den arbetssökande sin arbets- och funktionsförmåga och "
            "kompetens i handlett arbete; kompetensen kan erkännas som examensdelar.",
            "In a municipal workshop the job seeker builds work ability and skills in supervised "
            "work; the skills can be recognised as qualification units.",
        ),
        ("municipality", "association"),
        groups=("under_30", "long_term_unemployed", "partial_work_ability", "immigrant"),
        days=180,
    ),
    ServicePlan(
        "job_club",
        ("Työnhakuklubi", "Jobbsökarklubb", "Job club"),
        (
            "Ryhmässä harjoitellaan työnhakua: ansioluettelo, hakemukset, haastattelut ja "
            "piilotyöpaikat.",
            "I grupp övas jobbsökande: cv, ansökningar, intervjuer och dolda jobb.",
            "A group practises job searching: CV, applications, interviews and the hidden job "
            "market.",
        ),
        MUNICIPAL,
        days=20,
    ),
    ServicePlan(
        "entrepreneurship_coaching",
        ("Yrittäjyysvalmennus", "Företagarcoachning", "Entrepreneurship coaching"),
        (
            "Valmennus yrityksen perustamista harkitsevalle: liikeidea, kannattavuus, "
            "starttiraha ja yrityksen perustaminen.",
            "Coachning för den som överväger att grunda ett företag: affärsidé, lönsamhet, "
            "startpeng och grundande av företaget.",
            "Coaching for someone thinking of starting a business: the idea, profitability, the "
            "start-up grant and setting up the company.",
        ),
        ("te_office", "project", *COLLEGES),
        days=60,
    ),
)


def seed(service_type_model) -> int:
    """Add the missing shared types; return how many were added. Takes the model as an
    argument so that the data migration can pass its historical model."""
    existing = set(
        service_type_model.objects.filter(organisation__isnull=True).values_list("code", flat=True)
    )
    new = [
        service_type_model(
            code=plan.code,
            name_fi=plan.names[0],
            name_sv=plan.names[1],
            name_en=plan.names[2],
            description_fi=plan.descriptions[0],
            description_sv=plan.descriptions[1],
            description_en=plan.descriptions[2],
            provider_kinds=list(plan.providers),
            eligible_groups=list(plan.groups),
            typical_duration_days=plan.days,
        )
        for plan in SERVICES
        if plan.code not in existing
    ]
    service_type_model.objects.bulk_create(new)
    return len(new)
