"""What a job seeker may do to their own record in "Oma Kohtaamo".

Every function takes the person's own login as `actor` and refuses any other record: the
own view reaches a record only through `request.user.client_profile`, and these services check
it again. Each change is audited in the same transaction against the record's owner
organisation, so that the counsellors see what the person changed, and the person sees it in
their own data export. Errors are keyed by the field they concern.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import export
from kohtaamo.clients.enums import CompetenceSource, HoursWish, SeasonWish
from kohtaamo.clients.models import Client, ClientCompetence
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.competences.services import concept_kind
from kohtaamo.geo.models import Municipality
from kohtaamo.taxonomy.models import Concept

PHONE_CHARACTERS = set("+0123456789 ()-/")
MAX_OWN_TEXT = 4000
MAX_RADIUS_KM = 1000
LEVELS = range(1, 6)


def own_client(user) -> Client | None:
    """The record the user logs in to as a job seeker; None for anyone else.

    Reads the `client_profile` relation, which Django caches on the user object, so that the
    middleware and the view of one request ask the database once.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        client = user.client_profile
    except ObjectDoesNotExist:
        return None
    return None if client.erased_at else client


def _check_own(actor, client: Client) -> None:
    if client.user_id is None or client.user_id != getattr(actor, "pk", None) or client.erased_at:
        raise PermissionError("Only the person themself can change their record here")


def _record(actor, client: Client, action: str, detail: dict) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=client,
        organisation=client.organisation,
        detail={"own_view": True, **detail},
    )


# Contact details -------------------------------------------------------------------------


@transaction.atomic
def update_own_contact(
    *, actor, client: Client, email: str, phone: str, municipality: Municipality | None
) -> Client:
    """The person corrects their email, phone and home municipality; names and birth year
    are changed by the counsellor, who checks them."""
    _check_own(actor, client)
    email, phone = (email or "").strip(), (phone or "").strip()
    errors = {}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Write the email address like this: name@example.fi.")]
    if phone and not set(phone) <= PHONE_CHARACTERS:
        errors["phone"] = [_("A phone number has digits, spaces and + ( ) - / only.")]
    if len(phone) > Client._meta.get_field("phone").max_length:
        errors["phone"] = [_("The phone number is too long.")]
    if errors:
        raise ValidationError(errors)
    values = {"email": email, "phone": phone, "municipality": municipality}
    changed = sorted(name for name, value in values.items() if getattr(client, name) != value)
    if changed:
        for name in changed:
            setattr(client, name, values[name])
        client.updated_at = timezone.now()
        client.save(update_fields=[*changed, "updated_at"])
        _record(actor, client, AuditAction.UPDATE, {"fields": changed})
    return client


# Competences -----------------------------------------------------------------------------


def _clean_level(level) -> int:
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in LEVELS:
        raise ValidationError({"level": [_("Choose a level from 1 to 5.")]})
    return level


@transaction.atomic
def set_self_assessment(*, actor, client: Client, uri: str, level: int) -> ClientCompetence:
    """The person's own level of a competence already in their record. It is kept as a row of
    its own (source "self") next to the counsellor's or the certificate's, never over them."""
    _check_own(actor, client)
    level = _clean_level(level)
    existing = client.competences.filter(uri=uri).order_by("id").first()
    if existing is None:
        raise ValidationError({"uri": [_("This competence is not in your record.")]})
    return _save_self_row(actor, client, uri=uri, kind=existing.kind, level=level)


@transaction.atomic
def add_own_competence(*, actor, client: Client, uri: str, level: int = 3) -> ClientCompetence:
    """A competence the person says they have, found by search: a skill, a licence or card,
    or a qualification unit."""
    _check_own(actor, client)
    level = _clean_level(level)
    kind = concept_kind(uri or "")
    if kind not in CompetenceKind.values:
        raise ValidationError({"uri": [_("Choose a skill, licence or qualification unit.")]})
    return _save_self_row(actor, client, uri=uri, kind=kind, level=level)


def _save_self_row(actor, client: Client, *, uri: str, kind: str, level: int):
    row, created = ClientCompetence.objects.get_or_create(
        client=client,
        uri=uri,
        source=CompetenceSource.SELF,
        defaults={"kind": kind, "level": level, "added_by": actor},
    )
    if not created and row.level == level:
        return row
    if not created:
        row.level = level
        row.save(update_fields=["level"])
    _record(
        actor,
        client,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        {"competence": uri, "source": CompetenceSource.SELF, "level": level},
    )
    return row


def _suggestion(client: Client, uri: str) -> ClientCompetence:
    row = client.competences.filter(
        uri=uri, source=CompetenceSource.WORK_HISTORY, confirmed=False
    ).first()
    if row is None:
        raise ValidationError({"uri": [_("There is no such suggestion.")]})
    return row


@transaction.atomic
def confirm_suggestion(*, actor, client: Client, uri: str) -> ClientCompetence:
    """The person says yes to a competence derived from their work history."""
    _check_own(actor, client)
    row = _suggestion(client, uri)
    row.confirmed = True
    row.save(update_fields=["confirmed"])
    _record(
        actor,
        client,
        AuditAction.UPDATE,
        {"competence": uri, "source": row.source, "suggestion": "confirmed"},
    )
    return row


@transaction.atomic
def reject_suggestion(*, actor, client: Client, uri: str) -> None:
    """The person says no: the suggestion is removed, and the audit trail keeps that it was."""
    _check_own(actor, client)
    row = _suggestion(client, uri)
    row.delete()
    _record(
        actor,
        client,
        AuditAction.UPDATE,
        {"competence": uri, "source": CompetenceSource.WORK_HISTORY, "suggestion": "rejected"},
    )


# Wishes ------------------------------------------------------------------------------------


@transaction.atomic
def update_own_wishes(
    *,
    actor,
    client: Client,
    occupations: list[str],
    municipalities: list[str],
    commuting_radius_km: int,
    season_wish: str,
    hours_wish: str,
    willing_to_relocate: bool,
    strengths_own: str,
    development_own: str,
) -> Client:
    """The work the person wishes for, and their strengths and development needs in their own
    words. `occupations` are ESCO occupation URIs; `municipalities` municipality codes."""
    _check_own(actor, client)
    errors: dict[str, list[str]] = {}
    found_occupations = _occupations(occupations, errors)
    found_municipalities = _municipalities(municipalities, errors)
    values = {
        "commuting_radius_km": _radius(commuting_radius_km, errors),
        "season_wish": _choice(season_wish, SeasonWish, "season_wish", errors),
        "hours_wish": _choice(hours_wish, HoursWish, "hours_wish", errors),
        "willing_to_relocate": bool(willing_to_relocate),
        "strengths_own": _own_text(strengths_own, "strengths_own", errors),
        "development_own": _own_text(development_own, "development_own", errors),
    }
    if errors:
        raise ValidationError(errors)
    fields = [name for name, value in values.items() if getattr(client, name) != value]
    many = _set_many(client, "wished_occupations", found_occupations)
    many += _set_many(client, "wished_municipalities", found_municipalities)
    if fields or many:
        for name in fields:
            setattr(client, name, values[name])
        client.updated_at = timezone.now()
        client.save(update_fields=[*fields, "updated_at"])
        _record(actor, client, AuditAction.UPDATE, {"fields": sorted(fields + many)})
    return client


def _occupations(uris: list[str], errors: dict) -> list[Concept]:
    uris = list(dict.fromkeys(u for u in uris if u))
    found = list(Concept.objects.active().filter(kind="occupation", uri__in=uris))
    if len(found) != len(uris):
        errors["occupations"] = [_("Choose the occupations from the list.")]
    return found


def _municipalities(codes: list[str], errors: dict) -> list[Municipality]:
    codes = list(dict.fromkeys(c for c in codes if c))
    found = list(Municipality.objects.filter(code__in=codes))
    if len(found) != len(codes):
        errors["municipalities"] = [_("Choose the municipalities from the list.")]
    return found


def _radius(value, errors: dict) -> int:
    try:
        radius = int(value)
    except (TypeError, ValueError):
        radius = -1
    if not 0 <= radius <= MAX_RADIUS_KM:
        errors["commuting_radius_km"] = [
            _("Write the distance in kilometres, from 0 to %(max)s.") % {"max": MAX_RADIUS_KM}
        ]
    return radius


def _choice(value: str, choices, field: str, errors: dict) -> str:
    if value not in choices.values:
        errors[field] = [_("Choose one of the options.")]
    return value


def _own_text(value: str, field: str, errors: dict) -> str:
    value = (value or "").strip()
    if len(value) > MAX_OWN_TEXT:
        errors[field] = [
            _("Write at most %(max)s characters (now %(n)s).")
            % {"max": MAX_OWN_TEXT, "n": len(value)}
        ]
    return value


def _set_many(client: Client, name: str, objects: list) -> list[str]:
    """Replace a many-to-many wish; the field's name if it changed."""
    manager = getattr(client, name)
    if {o.pk for o in manager.all()} == {o.pk for o in objects}:
        return []
    manager.set(objects)
    return [name]


# Viewing and exporting ---------------------------------------------------------------------


@transaction.atomic
def record_own_view(*, actor, client: Client, page: str) -> None:
    """The person's own visits are audited like everyone's: a stolen login shows in the trail."""
    _check_own(actor, client)
    _record(actor, client, AuditAction.VIEW, {"page": page})


@transaction.atomic
def export_own_data(*, actor, client: Client, file_format: str) -> dict:
    """Everything Kohtaamo holds about the person (see `clients.export`), audited as EXPORT."""
    _check_own(actor, client)
    data = export.client_export(client)
    _record(actor, client, AuditAction.EXPORT, {"format": file_format})
    return data
