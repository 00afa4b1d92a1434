"""Everything Kohtaamo holds about one job seeker, as plain data.

The same dictionaries feed the person's JSON download, the readable PDF and the API
(`/api/v1/me`, `/api/v1/me/export`), so that the three never disagree. Codes of choices come
with their label in the active language (`*_label`), so that the JSON reads without a manual.

The audit trail names organisations, never the coordinators who acted: the person learns who
looked at or changed their record at the level they dealt with, without exposing staff.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone, translation

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import (
    ClientStatus,
    CompetenceSource,
    ConsentScope,
    EducationLevel,
    Gender,
    HoursWish,
    SeasonWish,
)
from kohtaamo.clients.models import TARGET_GROUPS, Client, Consent
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.taxonomy.search import display_labels

FORMAT = "kohtaamo-own-data/1"


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _organisation(organisation) -> dict | None:
    if organisation is None:
        return None
    return {"public_id": organisation.public_id, "name": organisation.name}


def _municipality(municipality) -> dict | None:
    return {"code": municipality.code, "name": municipality.name} if municipality else None


def record(client: Client) -> dict:
    """The fields of the record itself."""
    groups = dict(TARGET_GROUPS)
    return {
        "public_id": client.public_id,
        "organisation": _organisation(client.organisation),
        "first_name": client.first_name,
        "last_name": client.last_name,
        "email": client.email,
        "phone": client.phone,
        "identity_code": client.identity_code,
        "birth_year": client.birth_year,
        "gender": client.gender,
        "gender_label": _label(Gender, client.gender),
        "municipality": _municipality(client.municipality),
        "education_level": client.education_level,
        "education_level_label": _label(EducationLevel, client.education_level),
        "unemployment_start": client.unemployment_start,
        "immigrant": client.immigrant,
        "partial_work_ability": client.partial_work_ability,
        "target_groups": [
            {"code": code, "label": str(groups[code])} for code in client.target_groups()
        ],
        "status": client.status,
        "status_label": _label(ClientStatus, client.status),
        "last_contact_on": client.last_contact_on,
        "strengths_own": client.strengths_own,
        "development_own": client.development_own,
        "strengths_counsellor": client.strengths_counsellor,
        "development_counsellor": client.development_counsellor,
        "note": client.note,
        "created_at": client.created_at,
        "updated_at": client.updated_at,
    }


def wishes(client: Client) -> dict:
    occupations = list(client.wished_occupations.order_by("uri"))
    labels = display_labels([o.uri for o in occupations], None)
    return {
        "occupations": [{"uri": o.uri, "label": labels.get(o.uri, o.label)} for o in occupations],
        "municipalities": [
            _municipality(m) for m in client.wished_municipalities.order_by("name_fi")
        ],
        "commuting_radius_km": client.commuting_radius_km,
        "season_wish": client.season_wish,
        "season_wish_label": _label(SeasonWish, client.season_wish),
        "hours_wish": client.hours_wish,
        "hours_wish_label": _label(HoursWish, client.hours_wish),
        "willing_to_relocate": client.willing_to_relocate,
    }


def _language_name(code: str) -> str:
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def languages(client: Client) -> list[dict]:
    return [
        {"code": row.code, "name": _language_name(row.code), "level": row.level}
        for row in client.languages.all()
    ]


def competences(client: Client) -> list[dict]:
    """Each row as stored, by label: a competence may have a row for each source."""
    rows = list(client.competences.all())
    labels = display_labels([row.uri for row in rows], None)
    rows.sort(key=lambda row: (labels.get(row.uri, row.uri).lower(), row.uri, row.source))
    return [
        {
            "uri": row.uri,
            "label": labels.get(row.uri, row.uri),
            "kind": row.kind,
            "kind_label": _label(CompetenceKind, row.kind),
            "level": row.level,
            "source": row.source,
            "source_label": _label(CompetenceSource, row.source),
            "confirmed": row.confirmed,
            "confidence": row.confidence,
            "expires_on": row.expires_on,
            "evidence": row.evidence,
            "created_at": row.created_at,
        }
        for row in rows
    ]


def work_history(client: Client) -> list[dict]:
    rows = list(client.work_history.select_related("occupation"))
    labels = display_labels([row.occupation.uri for row in rows if row.occupation], None)
    return [
        {
            "occupation": {
                "uri": row.occupation.uri,
                "label": labels.get(row.occupation.uri, row.occupation.label),
            }
            if row.occupation
            else None,
            "title": row.title,
            "employer_name": row.employer_name,
            "years": float(row.years),
            "ended_year": row.ended_year,
        }
        for row in rows
    ]


def consents(client: Client) -> list[dict]:
    rows = client.consents.select_related("organisation").order_by("-given_at", "-id")
    return [
        {
            "public_id": row.public_id,
            "organisation": _organisation(row.organisation),
            "scope": row.scope,
            "scope_label": _label(ConsentScope, row.scope),
            "given_at": row.given_at,
            "valid_until": row.valid_until,
            "given_in_own_view": row.given_in_own_view,
            "withdrawn_at": row.withdrawn_at,
            "active": row.is_active,
        }
        for row in rows
    ]


def audit_trail(client: Client) -> list[dict]:
    """Who viewed or changed the record, and the consents, oldest first. The actor is named
    by organisation only; the person's own actions say `by_you`."""
    consent_ids = [str(pk) for pk in Consent.objects.filter(client=client).values_list(
        "public_id", flat=True
    )]  # fmt: skip
    events = (
        AuditEvent.objects.filter(
            Q(object_type="clients.client", object_id=str(client.public_id))
            | Q(object_type="clients.consent", object_id__in=consent_ids)
        )
        .select_related("organisation")
        .order_by("time", "id")
    )
    return [
        {
            "time": event.time,
            "action": event.action,
            "action_label": _label(AuditAction, event.action),
            "organisation": event.organisation.name if event.organisation else None,
            "by_you": client.user_id is not None and event.actor_id == client.user_id,
        }
        for event in events
    ]


def overview(client: Client) -> dict:
    """The person's own data as `GET /api/v1/me` and the own view show it."""
    return {
        "record": record(client),
        "languages": languages(client),
        "competences": competences(client),
        "wishes": wishes(client),
        "consents": consents(client),
    }


def client_export(client: Client) -> dict:
    """Everything: the overview, the work history and the audit trail."""
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        **overview(client),
        "work_history": work_history(client),
        "audit_trail": audit_trail(client),
    }
