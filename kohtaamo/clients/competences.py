"""Competence mapping of a job seeker: competences with level and source, languages, work
history, strengths and development needs.

Competences come in three ways, all ending in rows of `ClientCompetence`:

- by search: `add_competence` with a URI the coordinator picked;
- from a text such as a CV: `suggest_from_text` proposes (stores nothing), `add_suggestions`
  stores the ones the counsellor checked, confirmed;
- from work history: `suggest_from_work_history` stores the essential ESCO skills of the
  person's past occupations UNCONFIRMED, at a lower confidence, for the person or the
  counsellor to confirm (`confirm`, `confirm_all_from_work_history`).

Every function that changes something is keyword-only, runs in one transaction and writes its
audit event (ids and URIs, never the person's data) in it. Who may change a record is
`perms.can_edit_client` (the owner organisation's coordinators and admins, or a partner whose
consent covers everything); the person themself may change their own words and their
self-assessments, and confirm what was suggested to them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms
from kohtaamo.clients.enums import CompetenceSource, ConsentScope
from kohtaamo.clients.languages import ISO_639_1, LEVELS, normalise_level
from kohtaamo.clients.models import Client, ClientCompetence, ClientLanguage, WorkHistoryEntry
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.competences.services import (
    TextTooLong,
    concept_kind,
    extract_competences,
    normalise_title,
)
from kohtaamo.lang.extract import MENTION, NEGATED
from kohtaamo.taxonomy.enums import RelationType
from kohtaamo.taxonomy.models import Concept, Licence, OccupationSkill

COMPETENCE_KINDS = [CompetenceKind.SKILL, CompetenceKind.LICENCE, CompetenceKind.UNIT]
LEVEL_WORDS = {
    1: gettext_lazy("beginner"),
    2: gettext_lazy("basic"),
    3: gettext_lazy("competent"),
    4: gettext_lazy("advanced"),
    5: gettext_lazy("expert"),
}
PROPOSED_LEVEL = 3
MAX_EVIDENCE = 300
MAX_OWN_WORDS = 5000
MIN_TITLE_SCORE = 0.6  # below it a typed job title is kept without an occupation
HELD_CONFIRMED, HELD_SUGGESTED = "confirmed", "suggested"
STRENGTH_FIELDS = (
    "strengths_counsellor",
    "development_counsellor",
    "strengths_own",
    "development_own",
)
OWN_FIELDS = ("strengths_own", "development_own")


# -- Who may change what ------------------------------------------------------------------


def competences_visible_to(user):
    """Clients whose competences the user may see: the owner's team, or a consent of at least
    the "competences" scope."""
    return Client.objects.visible_to(user, scope=ConsentScope.COMPETENCES)


def is_the_person(actor, client: Client) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and client.user_id == actor.pk)


def can_edit(actor, client: Client) -> bool:
    return perms.can_edit_client(actor, client)


def _editable(actor, client: Client, *, own: bool = False) -> Client:
    """The client, locked for the change; refuses anyone who may not change it. With `own`,
    the person themself may (their own words, self-assessments, confirmations)."""
    if not (can_edit(actor, client) or (own and is_the_person(actor, client))):
        raise PermissionError("The user may not change the job seeker's competences")
    return Client.objects.select_for_update().get(pk=client.pk)


def _audit(actor, client: Client, action=AuditAction.UPDATE, **detail) -> None:
    organisation = perms.acting_organisation(actor, client) or client.organisation
    audit.record(actor=actor, action=action, obj=client, organisation=organisation, detail=detail)


def _touch(client: Client) -> None:
    Client.objects.filter(pk=client.pk).update(updated_at=timezone.now())


@transaction.atomic
def record_view(*, actor, client: Client) -> None:
    """Every look at the competence mapping page is audited, whoever looks."""
    _audit(actor, client, AuditAction.VIEW, page="competences")


# -- Validation -----------------------------------------------------------------------------


def _competence_kind(uri: str) -> str:
    kind = concept_kind(uri) if uri else None
    if kind not in COMPETENCE_KINDS:
        raise ValidationError(
            {
                "uri": _("%(uri)s is not a known skill, licence or qualification unit.")
                % {"uri": uri or "–"}
            }
        )
    return kind


def _check_level(level) -> int:
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
        raise ValidationError({"level": _("The level is a number from 1 to 5.")})
    return level


def _check_source(source: str) -> str:
    if source not in CompetenceSource.values:
        raise ValidationError(
            {"source": _("%(source)s is not a known source.") % {"source": source}}
        )
    return source


def add_years(start: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def licence_expiry(
    uri: str, *, completed_on: date | None = None, expires_on: date | None = None
) -> date | None:
    """An explicit expiry wins; else completion date plus the licence's validity, if it has
    one (e.g. a hygiene passport never expires, a first aid card lasts three years)."""
    if expires_on is not None or completed_on is None:
        return expires_on
    years = (
        Licence.objects.filter(code=uri.removeprefix(Licence.URI_PREFIX))
        .values_list("validity_years", flat=True)
        .first()
    )
    return add_years(completed_on, years) if years else None


def _check_expiry(kind: str, expires_on: date | None) -> None:
    if expires_on is not None and kind != CompetenceKind.LICENCE:
        raise ValidationError({"expires_on": _("Only licences and cards have an expiry date.")})


# -- Competences ----------------------------------------------------------------------------


def _supersede_suggestions(client: Client, uri: str) -> None:
    """A competence a person states replaces what was only suggested of it."""
    client.competences.filter(uri=uri, confirmed=False).delete()


def _check_not_recorded(client: Client, uri: str, source: str, exclude: int | None = None):
    existing = client.competences.filter(uri=uri, source=source)
    if exclude is not None:
        existing = existing.exclude(pk=exclude)
    if existing.exists():
        raise ValidationError(
            {
                "uri": _("%(uri)s is already recorded with the source “%(source)s”.")
                % {"uri": uri, "source": CompetenceSource(source).label}
            }
        )


@transaction.atomic
def add_competence(
    *,
    actor,
    client: Client,
    uri: str,
    level: int = PROPOSED_LEVEL,
    source: str = CompetenceSource.COUNSELLOR,
    completed_on: date | None = None,
    expires_on: date | None = None,
    evidence: str = "",
) -> ClientCompetence:
    """Record a confirmed competence. A licence's expiry is `expires_on`, or its completion
    date plus the licence's validity. The person themself adds self-assessments only."""
    client = _editable(actor, client, own=True)
    if not can_edit(actor, client):
        source = CompetenceSource.SELF
    kind = _competence_kind(uri)
    _check_level(level)
    _check_source(source)
    expires_on = licence_expiry(uri, completed_on=completed_on, expires_on=expires_on)
    _check_expiry(kind, expires_on)
    _supersede_suggestions(client, uri)
    _check_not_recorded(client, uri, source)
    competence = ClientCompetence.objects.create(
        client=client,
        uri=uri,
        kind=kind,
        level=level,
        source=source,
        expires_on=expires_on,
        evidence=evidence.strip()[:MAX_EVIDENCE],
        added_by=_user(actor),
    )
    _touch(client)
    _audit(actor, client, AuditAction.UPDATE, competence_added=uri, source=source)
    return competence


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _changeable(actor, competence: ClientCompetence) -> ClientCompetence:
    """The competence, locked; the person themself changes only their self-assessments."""
    client = _editable(actor, competence.client, own=True)
    if not can_edit(actor, client) and competence.source != CompetenceSource.SELF:
        raise PermissionError("The person changes only their own self-assessments")
    return ClientCompetence.objects.select_for_update().get(pk=competence.pk)


@transaction.atomic
def update_competence(
    *,
    actor,
    competence: ClientCompetence,
    level: int,
    source: str | None = None,
    expires_on: date | None = None,
) -> ClientCompetence:
    """Change the level, the source and (for a licence) the expiry date."""
    competence = _changeable(actor, competence)
    source = competence.source if source is None else _check_source(source)
    if source != competence.source and not can_edit(actor, competence.client):
        raise PermissionError("The person changes only their own self-assessments")
    _check_level(level)
    _check_expiry(competence.kind, expires_on)
    _check_not_recorded(competence.client, competence.uri, source, exclude=competence.pk)
    changed = [
        name
        for name, value in (("level", level), ("source", source), ("expires_on", expires_on))
        if getattr(competence, name) != value
    ]
    competence.level, competence.source, competence.expires_on = level, source, expires_on
    competence.save(update_fields=["level", "source", "expires_on"])
    _touch(competence.client)
    _audit(actor, competence.client, competence=competence.pk, uri=competence.uri, fields=changed)
    return competence


@transaction.atomic
def remove_competence(*, actor, competence: ClientCompetence) -> None:
    competence = _changeable(actor, competence)
    client, uri, pk = competence.client, competence.uri, competence.pk
    competence.delete()
    _touch(client)
    _audit(actor, client, competence_removed=pk, uri=uri)


@transaction.atomic
def confirm(*, actor, competence: ClientCompetence) -> ClientCompetence:
    """A person vouches for a suggested competence: it counts from now on, at full confidence.
    The source stays as it was (e.g. work history), so the evidence stays honest."""
    client = _editable(actor, competence.client, own=True)
    competence = ClientCompetence.objects.select_for_update().get(pk=competence.pk, client=client)
    if not competence.confirmed:
        competence.confirmed, competence.confidence = True, 1.0
        competence.save(update_fields=["confirmed", "confidence"])
        _touch(client)
        _audit(actor, client, competence_confirmed=competence.pk, uri=competence.uri)
    return competence


@transaction.atomic
def confirm_all_from_work_history(*, actor, client: Client) -> int:
    """Confirm every skill suggested from the person's work history; how many."""
    client = _editable(actor, client, own=True)
    pending = client.competences.filter(confirmed=False, source=CompetenceSource.WORK_HISTORY)
    ids = list(pending.values_list("pk", flat=True))
    ClientCompetence.objects.filter(pk__in=ids).update(confirmed=True, confidence=1.0)
    if ids:
        _touch(client)
        _audit(actor, client, competences_confirmed=len(ids), source="work_history")
    return len(ids)


# -- From a text (a CV) ---------------------------------------------------------------------


@dataclass(frozen=True)
class CompetenceSuggestion:
    """A competence a text names, proposed for the counsellor to check; nothing stored."""

    uri: str
    kind: str
    label: str
    confidence: float
    evidence: str
    start: int
    end: int
    by_meaning: bool
    held: str = ""  # HELD_CONFIRMED, HELD_SUGGESTED (unconfirmed) or "" (new)
    level: int = PROPOSED_LEVEL
    source: str = CompetenceSource.COUNSELLOR

    @property
    def proposed(self) -> bool:
        """Checked by default: the text names it in its own words and it is not held yet.
        Ones ranked only by meaning are left for the counsellor to judge."""
        return not self.by_meaning and self.held != HELD_CONFIRMED


def _held(client: Client) -> dict[str, str]:
    held: dict[str, str] = {}
    for uri, confirmed in client.competences.values_list("uri", "confirmed"):
        if confirmed or uri not in held:
            held[uri] = HELD_CONFIRMED if confirmed else HELD_SUGGESTED
    return held


def suggest_from_text(
    *, actor, client: Client, text: str, lang: str = "detect"
) -> list[CompetenceSuggestion]:
    """The skills, licences and qualification units a text (e.g. a pasted CV) names, the
    negated ones ("no driving licence") left out; those the person already holds are marked.
    Raises ValidationError on an empty or too long text."""
    visible = competences_visible_to(actor).filter(pk=client.pk).exists()
    if not (visible or is_the_person(actor, client)):
        raise PermissionError("The user may not see the job seeker's competences")
    try:
        result = extract_competences(
            text=text,
            lang=lang,
            organisation=client.organisation,
            kinds=list(COMPETENCE_KINDS),
            default_modality=MENTION,
        )
    except TextTooLong as exc:
        raise ValidationError(
            {"text": _("The text is too long: %(reason)s") % {"reason": exc}}
        ) from exc
    except ValueError as exc:
        raise ValidationError({"text": _("Paste or write a text first.")}) from exc
    held, seen, suggestions = _held(client), set(), []
    for found in result.competences:
        s = found.suggestion
        if s.modality == NEGATED or s.kind not in COMPETENCE_KINDS or s.uri in seen:
            continue
        seen.add(s.uri)
        suggestions.append(
            CompetenceSuggestion(
                uri=s.uri,
                kind=s.kind,
                label=found.concept_label,
                confidence=round(s.confidence, 3),
                evidence=s.evidence[:MAX_EVIDENCE],
                start=s.start,
                end=s.end,
                by_meaning=s.method == "meaning",
                held=held.get(s.uri, ""),
            )
        )
    return suggestions


@transaction.atomic
def add_suggestions(
    *,
    actor,
    client: Client,
    chosen: list[str],
    suggestions: list[CompetenceSuggestion],
    source: str = CompetenceSource.COUNSELLOR,
    levels: dict[str, int] | None = None,
) -> list[ClientCompetence]:
    """Store the chosen suggestions as confirmed competences: the counsellor checked them.

    Those the person already holds confirmed are skipped; an unconfirmed suggestion of the
    same competence (from work history) is replaced. A chosen URI that is not among the
    suggestions is an error naming it: nothing is stored then.
    """
    client = _editable(actor, client, own=True)
    if not can_edit(actor, client):
        source = CompetenceSource.SELF
    _check_source(source)
    by_uri = {s.uri: s for s in suggestions}
    unknown = [uri for uri in chosen if uri not in by_uri]
    if unknown:
        raise ValidationError(
            {"uri": _("Not among the text's suggestions: %(uris)s") % {"uris": ", ".join(unknown)}}
        )
    levels = levels or {}
    confirmed = set(client.competences.filter(confirmed=True).values_list("uri", flat=True))
    added = []
    for uri in dict.fromkeys(chosen):
        if uri in confirmed:
            continue
        s = by_uri[uri]
        _supersede_suggestions(client, uri)
        added.append(
            ClientCompetence(
                client=client,
                uri=uri,
                kind=s.kind,
                level=_check_level(levels.get(uri, s.level)),
                source=source,
                confidence=s.confidence,
                evidence=s.evidence,
                added_by=_user(actor),
            )
        )
    ClientCompetence.objects.bulk_create(added)
    if added:
        _touch(client)
    _audit(actor, client, competences_added=[c.uri for c in added], source=source, origin="text")
    return added


# -- From work history ----------------------------------------------------------------------


def level_for_years(years: float) -> int:
    """The level a skill of one's occupation is assumed at: under a year 2 (basic), from one
    to under three years 3 (competent), three years or more 4 (advanced). Never 5: expertise
    is for a person to state, not to derive."""
    if years < 1:
        return 2
    return 3 if years < 3 else 4


def confidence_for_years(years: float) -> float:
    """How sure a derived skill is, 0.5-0.7: an occupation's essential skills are likely, not
    certain, for a person who did the work, and likelier the longer they did it (under a year
    0.5, one to under three years 0.6, three or more 0.7). A confirmed competence counts 1.0."""
    if years < 1:
        return 0.5
    return 0.6 if years < 3 else 0.7


def derive_from_work_history(client: Client) -> list[ClientCompetence]:
    """Unsaved, unconfirmed skills from the essential ESCO skills of the person's past
    occupations, without those the person already has. The years of all entries whose
    occupation needs a skill add up. Also for the demo data, which builds many at once."""
    entries = list(client.work_history.filter(occupation__isnull=False))
    years_by_occupation: dict[int, float] = defaultdict(float)
    for entry in entries:
        years_by_occupation[entry.occupation_id] += float(entry.years)
    links = OccupationSkill.objects.filter(
        occupation__in=list(years_by_occupation),
        relation=RelationType.ESSENTIAL,
        skill__kind="skill",
    ).values_list("occupation_id", "skill__uri")
    years_by_skill: dict[str, float] = defaultdict(float)
    for occupation_id, uri in links:
        years_by_skill[uri] += years_by_occupation[occupation_id]
    held = set(client.competences.values_list("uri", flat=True))
    return [
        ClientCompetence(
            client=client,
            uri=uri,
            kind=CompetenceKind.SKILL,
            level=level_for_years(years),
            source=CompetenceSource.WORK_HISTORY,
            confidence=confidence_for_years(years),
            confirmed=False,
            evidence=_years_evidence(years),
        )
        for uri, years in sorted(years_by_skill.items())
        if uri not in held
    ]


def _years_evidence(years: float) -> str:
    return _("essential in past occupations, %(years)s years") % {"years": f"{years:g}"}


@transaction.atomic
def suggest_from_work_history(*, actor, client: Client) -> list[ClientCompetence]:
    """Store the skills the work history suggests, unconfirmed, for a person to confirm."""
    client = _editable(actor, client)
    derived = derive_from_work_history(client)
    for competence in derived:
        competence.added_by = _user(actor)
    ClientCompetence.objects.bulk_create(derived)
    if derived:
        _touch(client)
    _audit(actor, client, competences_suggested=len(derived), source="work_history")
    return derived


def occupation_for_title(title: str) -> Concept | None:
    """The ESCO occupation a typed job title most likely means, if any is likely enough."""
    try:
        _lang, matches = normalise_title(title=title[:200], limit=1)
    except ValueError:
        return None
    if not matches or matches[0].score < MIN_TITLE_SCORE:
        return None
    return Concept.objects.active().filter(uri=matches[0].uri, kind="occupation").first()


def _check_years(years) -> Decimal:
    try:
        value = Decimal(str(years)).quantize(Decimal("0.1"))
    except InvalidOperation:
        value = Decimal(-1)
    if not Decimal(0) <= value <= Decimal(60):
        raise ValidationError({"years": _("Give the years as a number from 0 to 60.")})
    return value


def _check_ended_year(ended_year: int | None) -> None:
    this_year = timezone.localdate().year
    if ended_year is not None and not 1950 <= ended_year <= this_year:
        raise ValidationError(
            {"ended_year": _("The year must be from 1950 to %(year)s.") % {"year": this_year}}
        )


@transaction.atomic
def add_work_history(
    *,
    actor,
    client: Client,
    title: str,
    employer_name: str = "",
    years=1,
    ended_year: int | None = None,
    occupation_uri: str | None = None,
) -> WorkHistoryEntry:
    """A past job. Its ESCO occupation is the one given, else the one the title most likely
    means (`normalise_title`); a title that means no known occupation is kept as written."""
    client = _editable(actor, client, own=True)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Write the job title.")})
    if occupation_uri:
        occupation = Concept.objects.active().filter(uri=occupation_uri, kind="occupation").first()
        if occupation is None:
            raise ValidationError(
                {"occupation": _("%(uri)s is not an occupation.") % {"uri": occupation_uri}}
            )
    else:
        occupation = occupation_for_title(title)
    _check_ended_year(ended_year)
    entry = WorkHistoryEntry.objects.create(
        client=client,
        occupation=occupation,
        title=title[:200],
        employer_name=employer_name.strip()[:200],
        years=_check_years(years),
        ended_year=ended_year,
    )
    _touch(client)
    _audit(actor, client, work_history_added=entry.pk, occupation=getattr(occupation, "uri", ""))
    return entry


@transaction.atomic
def remove_work_history(*, actor, entry: WorkHistoryEntry) -> None:
    """Remove a past job. Skills already derived from it stay: they may have been confirmed."""
    client = _editable(actor, entry.client, own=True)
    pk = entry.pk
    WorkHistoryEntry.objects.filter(pk=pk, client=client).delete()
    _touch(client)
    _audit(actor, client, work_history_removed=pk)


# -- Languages ------------------------------------------------------------------------------


def _check_language(code: str, level: str) -> tuple[str, str]:
    code = (code or "").strip().lower()
    if code not in ISO_639_1:
        raise ValidationError(
            {"code": _("%(code)s is not a language code such as fi, sv or en.") % {"code": code}}
        )
    return code, _check_cefr(level)


def _check_cefr(level: str) -> str:
    level = normalise_level(level)
    if level not in LEVELS:
        raise ValidationError({"level": _("The level is one of A1, A2, B1, B2, C1, C2 or native.")})
    return level


@transaction.atomic
def add_language(*, actor, client: Client, code: str, level: str) -> ClientLanguage:
    client = _editable(actor, client, own=True)
    code, level = _check_language(code, level)
    if client.languages.filter(code=code).exists():
        raise ValidationError({"code": _("The language is already listed: change its level.")})
    language = ClientLanguage.objects.create(client=client, code=code, level=level)
    _touch(client)
    _audit(actor, client, language_added=code, level=level)
    return language


@transaction.atomic
def update_language(*, actor, language: ClientLanguage, level: str) -> ClientLanguage:
    client = _editable(actor, language.client, own=True)
    language.level = _check_cefr(level)
    language.save(update_fields=["level"])
    _touch(client)
    _audit(actor, client, language_changed=language.code, level=language.level)
    return language


@transaction.atomic
def remove_language(*, actor, language: ClientLanguage) -> None:
    client = _editable(actor, language.client, own=True)
    code = language.code
    ClientLanguage.objects.filter(pk=language.pk, client=client).delete()
    _touch(client)
    _audit(actor, client, language_removed=code)


# -- Strengths and development needs --------------------------------------------------------


@transaction.atomic
def update_strengths(*, actor, client: Client, **fields: str) -> Client:
    """Strengths and development needs, as the counsellor sees them and in the person's own
    words. A counsellor may write the person's words down in a meeting; the person changes
    only their own."""
    unknown = set(fields) - set(STRENGTH_FIELDS)
    if unknown:
        raise TypeError(f"Not a strengths field: {', '.join(sorted(unknown))}")
    client = _editable(actor, client, own=True)
    if not can_edit(actor, client) and set(fields) - set(OWN_FIELDS):
        raise PermissionError("The person changes only their own words")
    for name, value in fields.items():
        if len(value) > MAX_OWN_WORDS:
            raise ValidationError(
                {name: _("Write at most %(n)s characters.") % {"n": f"{MAX_OWN_WORDS:,}"}}
            )
    changed = [name for name, value in fields.items() if getattr(client, name) != value.strip()]
    for name in changed:
        setattr(client, name, fields[name].strip())
    client.updated_at = timezone.now()
    client.save(update_fields=[*changed, "updated_at"])
    _audit(actor, client, fields=changed)
    return client
