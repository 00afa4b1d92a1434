"""What the taxonomy browser shows of one concept: labels, hierarchy and relations."""

from __future__ import annotations

from dataclasses import dataclass, field

from kohtaamo.taxonomy.enums import ConceptKind, RelationType
from kohtaamo.taxonomy.models import Concept, Licence, OccupationSkill, SkillRelation

RELATED_LIMIT = 200


@dataclass
class ConceptPage:
    kind: str
    uri: str
    title: str
    labels: dict[str, str]
    description: str = ""
    obj: object = None
    broader: list = field(default_factory=list)
    narrower: list = field(default_factory=list)
    essential: list = field(default_factory=list)
    optional: list = field(default_factory=list)
    related: list = field(default_factory=list)
    licences: list = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    compositions: list = field(default_factory=list)  # qualification <-> unit links


def describe(uri: str) -> ConceptPage | None:
    """The page of the concept, licence or qualification unit with this URI, or None."""
    if uri.startswith(Licence.URI_PREFIX):
        return _licence_page(uri)
    if uri.startswith("urn:eperusteet:"):
        return _qualification_page(uri)
    concept = Concept.objects.filter(uri=uri).prefetch_related("collections").first()
    return _concept_page(concept) if concept else None


def _labels(obj, prefix: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{prefix}_{lang}", "") for lang in ("fi", "sv", "en")}


def _concept_page(concept: Concept) -> ConceptPage:
    page = ConceptPage(
        kind=concept.kind,
        uri=concept.uri,
        title=concept.label,
        labels=_labels(concept, "label"),
        description=concept.description_en,
        obj=concept,
        broader=list(concept.broader.all()),
        narrower=list(concept.narrower.active().order_by("label_fi")[:RELATED_LIMIT]),
    )
    if concept.code:
        page.facts.append(("code", concept.code))
    if concept.kind == ConceptKind.SKILL:
        _add_skill_relations(page, concept)
    elif concept.kind == ConceptKind.OCCUPATION:
        _add_occupation_skills(page, concept)
    return page


def _add_skill_relations(page: ConceptPage, skill: Concept) -> None:
    links = OccupationSkill.objects.filter(skill=skill).select_related("occupation")
    links = links.order_by("occupation__label_fi")[:RELATED_LIMIT]
    for link in links:
        target = page.essential if link.relation == RelationType.ESSENTIAL else page.optional
        target.append(link.occupation)
    related = SkillRelation.objects.filter(skill=skill).select_related("related")
    page.related = [r.related for r in related[:RELATED_LIMIT]]
    page.licences = list(skill.licences.all())


def _add_occupation_skills(page: ConceptPage, occupation: Concept) -> None:
    links = OccupationSkill.objects.filter(occupation=occupation).select_related("skill")
    for link in links.order_by("skill__label_fi"):
        target = page.essential if link.relation == RelationType.ESSENTIAL else page.optional
        target.append(link.skill)
    page.licences = list(
        Licence.objects.filter(skills__in=[s.pk for s in page.essential]).distinct()
    )


def _licence_page(uri: str) -> ConceptPage | None:
    licence = Licence.objects.filter(code=uri.removeprefix(Licence.URI_PREFIX)).first()
    if licence is None:
        return None
    page = ConceptPage(
        kind="licence",
        uri=uri,
        title=licence.name,
        labels=_labels(licence, "name"),
        description=licence.description,
        obj=licence,
        related=list(licence.skills.all()),
        broader=list(licence.requires.all()),
    )
    page.facts = [("course_days", licence.course_days), ("validity_years", licence.validity_years)]
    if licence.issuer:
        page.facts.append(("issuer", licence.issuer))
    return page


def _qualification_page(uri: str) -> ConceptPage | None:
    from kohtaamo.qualifications.services import get_by_uri

    obj = get_by_uri(uri)
    if obj is None:
        return None
    kind = "unit" if uri.startswith("urn:eperusteet:tutkinnonosa:") else "qualification"
    page = ConceptPage(kind=kind, uri=uri, title=obj.name, labels=_labels(obj, "name"), obj=obj)
    if obj.scope is not None:
        page.facts.append(("scope", obj.scope))
    if kind == "unit":
        page.facts.insert(0, ("code", obj.code))
        page.description = obj.description
        page.compositions = list(obj.compositions.select_related("qualification"))
    else:
        page.compositions = list(obj.compositions.select_related("unit").order_by("module"))
    return page
