"""Employment services and support an employer can use, and which of them fit a mapping.

The descriptions are short and plain, for a company's report; they name who offers the
service in Lapland. Which services fit is a pure function of the mapping's answers: those the
company said it did not know about, those that match what it is willing to offer, and those
that match its planned hires.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kohtaamo.mappings.enums import Support

# Planning this many hires in one occupation makes training designed with the employer worth it.
TRAINING_THRESHOLD = 3

# Willingness field of CompetenceMapping -> the support that goes with it.
WILLINGNESS_SUPPORT = {
    "offers_work_trials": Support.WORK_TRIAL,
    "offers_apprenticeships": Support.APPRENTICESHIP,
    "offers_training_agreements": Support.TRAINING_AGREEMENT,
    "offers_student_placements": Support.STUDENT_PLACEMENT,
    "offers_shared_employment": Support.SHARED_EMPLOYMENT,
}


@dataclass(frozen=True)
class SupportInfo:
    code: str
    name: str
    what: str  # what it is, in a sentence or two
    offered_by: str


@dataclass(frozen=True)
class SupportMatch:
    info: SupportInfo
    reasons: list[str]  # why it fits this company, in plain words


def describe(code: str, *, employment_area: str = "") -> SupportInfo:
    """The description of one Support code, in the active language.

    `employment_area` (e.g. "Rovaseutu") names the employer's municipal employment services.
    """
    what, offered_by = _descriptions(employment_area)[code]
    return SupportInfo(code=code, name=str(Support(code).label), what=what, offered_by=offered_by)


def _descriptions(employment_area: str) -> dict[str, tuple[str, str]]:
    employment_services = (
        _("The employment services of the %(area)s employment area") % {"area": employment_area}
        if employment_area
        else _("The employment services of your municipality (formerly the TE office)")
    )
    colleges = _("Vocational colleges, such as REDU and Lappia")
    return {
        Support.PAY_SUBSIDY: (
            _(
                "A part of the pay of a person who has been out of work is paid to the employer "
                "for an agreed time, so that hiring them costs less while they learn the job."
            ),
            employment_services,
        ),
        Support.WORK_TRIAL: (
            _(
                "A job seeker tries the work at your workplace for a few months without an "
                "employment contract. You pay no wages; the job seeker keeps their benefit."
            ),
            employment_services,
        ),
        Support.APPRENTICESHIP: (
            _(
                "A person works for you under an employment contract and studies a vocational "
                "qualification at the same time, mostly at work. The college may pay you a "
                "training compensation."
            ),
            colleges,
        ),
        Support.TRAINING_AGREEMENT: (
            _(
                "A vocational student learns at your workplace for a period, without an "
                "employment contract or wages; a teacher from the college follows the learning."
            ),
            colleges,
        ),
        Support.RECRUITMENT_TRAINING: (
            _(
                "Training designed with you for the people you are going to hire "
                "(RekryKoulutus). You choose the students together and pay part of the cost."
            ),
            _("The ELY Centre of Lapland with the employment services"),
        ),
        Support.TARGETED_TRAINING: (
            _(
                "Training for your current staff when the work changes, e.g. new technology "
                "(TäsmäKoulutus). You pay part of the cost."
            ),
            _("The ELY Centre of Lapland"),
        ),
        Support.STUDENT_PLACEMENT: (
            _(
                "A university or UAS student does a work placement with you, often with a thesis "
                "on a question of yours; some schools support the pay."
            ),
            _("University of Lapland and Lapland University of Applied Sciences"),
        ),
        Support.SHARED_EMPLOYMENT: (
            _(
                "Two or more employers share one worker, e.g. a winter job in tourism and a "
                "summer job elsewhere, so that the worker has work all year round."
            ),
            _("Employment services and the regional business services help to find a partner"),
        ),
        Support.START_UP_GRANT: (
            _(
                "Support for a person who starts a business, e.g. to take over or to "
                "subcontract work from you."
            ),
            employment_services,
        ),
        Support.RECRUITMENT_SERVICE: (
            _(
                "Help to find workers: the vacancy is published in Job Market Finland, "
                "candidates are sought and recruitment events are arranged for you."
            ),
            employment_services,
        ),
    }


def matching_support(
    *,
    unknown: list[str],
    willingness: dict[str, bool],
    hires_by_occupation: dict[str, int],
    staff_needs: int = 0,
    employment_area: str = "",
) -> list[SupportMatch]:
    """The support that fits a company, in the order of Support, each with its reasons.

    `hires_by_occupation` maps an occupation's label to the number of people to hire;
    `staff_needs` is the number of competences the current staff need to develop.
    """
    reasons: dict[str, list[str]] = {code: [] for code in Support.values}
    for code in unknown:
        if code in reasons:
            reasons[code].append(_("You told us you did not know about this."))
    for name, offered in willingness.items():
        if offered and name in WILLINGNESS_SUPPORT:
            reasons[WILLINGNESS_SUPPORT[name]].append(_("You are willing to offer this."))
    for label, count in Counter(hires_by_occupation).most_common():
        if count >= TRAINING_THRESHOLD:
            reason = ngettext(
                "You plan to hire %(count)d person as %(occupation)s.",
                "You plan to hire %(count)d people as %(occupation)s.",
                count,
            ) % {"count": count, "occupation": label}
            reasons[Support.RECRUITMENT_TRAINING].append(reason)
            reasons[Support.TARGETED_TRAINING].append(reason)
    if staff_needs:
        reasons[Support.TARGETED_TRAINING].append(
            _("Your current staff need to develop their competences.")
        )
    if hires_by_occupation:
        reasons[Support.RECRUITMENT_SERVICE].append(_("You plan to hire."))
    return [
        SupportMatch(info=describe(code, employment_area=employment_area), reasons=found)
        for code, found in reasons.items()
        if found
    ]
