"""Changes to job seekers' records, and the audit of every look at them.

Every function is keyword-only, checks the actor's right in `perms`, validates with errors keyed
by field name (`languages.1.level` for a row of a list), and writes its audit event in the same
transaction as the change. Audit rows carry ids and field names, never the person's data.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import hetu, perms
from kohtaamo.clients.enums import ClientStatus, EducationLevel, Gender, HoursWish, SeasonWish
from kohtaamo.clients.languages import ISO_639_1, LEVELS, normalise_level
from kohtaamo.clients.models import Client, ClientLanguage
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.models import Concept

CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "identity_code",
    "birth_year",
    "gender",
    "municipality",
    "education_level",
    "unemployment_start",
    "immigrant",
    "partial_work_ability",
    "status",
    "last_contact_on",
    "responsible",
    "commuting_radius_km",
    "season_wish",
    "hours_wish",
    "willing_to_relocate",
    "strengths_counsellor",
    "strengths_own",
    "development_counsellor",
    "development_own",
    "note",
)
REQUIRED_FIELDS = ("first_name", "last_name", "birth_year")
# The lists next to the fields, under the names `perms.editable_fields` and errors use.
RELATIONS = ("languages", "wished_occupations", "wished_municipalities")
OLDEST_BIRTH_YEAR = 1930
YOUNGEST_AGE = 15
MAX_RADIUS_KM = 1000
MAX_NOTE_CHARS = 5000
MAX_TEXT_CHARS = 2000
TRUE_WORDS = {"1", "true", "yes", "on", "kyllä", "k", "ja", "x"}
FALSE_WORDS = {"", "0", "false", "no", "off", "ei", "e", "nej"}


# Validation of single fields ----------------------------------------------------------------


def _clean_name(value, *, label: str) -> str:
    value = " ".join(str(value or "").split())
    if not value:
        raise ValidationError(_("Give the %(field)s.") % {"field": label})
    if len(value) > 100:
        raise ValidationError(_("Write at most 100 characters."))
    return value


def clean_email(value) -> str:
    value = str(value or "").strip()
    if value:
        try:
            validate_email(value)
        except ValidationError as exc:
            raise ValidationError(
                _("%(value)s is not an email address.") % {"value": value}
            ) from exc
    return value


def clean_phone(value) -> str:
    value = " ".join(str(value or "").split())
    if value and (len(value) > 40 or any(ch not in "0123456789 +()-/" for ch in value)):
        raise ValidationError(_("Write the phone number with digits, spaces and + ( ) - / only."))
    return value


def clean_birth_year(value) -> int:
    latest = timezone.localdate().year - YOUNGEST_AGE
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Write the year of birth as four digits, e.g. 1988.")) from exc
    if not OLDEST_BIRTH_YEAR <= year <= latest:
        raise ValidationError(
            _("The year of birth must be between %(first)d and %(last)d.")
            % {"first": OLDEST_BIRTH_YEAR, "last": latest}
        )
    return year


def clean_identity_code(value, *, organisation: Organisation) -> str:
    value = str(value or "").strip()
    if not value:
        return ""
    if not organisation.stores_identity_codes:
        raise ValidationError(
            _("%(organisation)s does not store personal identity codes: leave it out.")
            % {"organisation": organisation.name}
        )
    try:
        return hetu.normalise(value)
    except hetu.InvalidIdentityCode as exc:
        raise ValidationError(
            _(
                "This is not a valid personal identity code: check the date, the century sign "
                "and the check character."
            )
        ) from exc


def _clean_choice(value, choices, default: str = "") -> str:
    value = str(value or "").strip() or default
    if value not in choices.values:
        raise ValidationError(
            _("%(value)s is not one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(choices.values)}
        )
    return value


def clean_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value if value is not None else "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("Answer yes or no."))


def clean_date(value, *, past_only: bool = True) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, date):
        parsed = parse_date(str(value).strip()) if str(value).strip() else None
        if parsed is None:
            raise ValidationError(_("Write the date as YYYY-MM-DD."))
        value = parsed
    if past_only and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    if value.year < OLDEST_BIRTH_YEAR:
        raise ValidationError(_("The date is too far in the past."))
    return value


def clean_radius(value) -> int:
    try:
        radius = int(str(value).strip())
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Write the radius in whole kilometres.")) from exc
    if not 0 <= radius <= MAX_RADIUS_KM:
        raise ValidationError(
            _("The commuting radius must be 0-%(max)d km.") % {"max": MAX_RADIUS_KM}
        )
    return radius


def _clean_text(value, *, limit: int = MAX_TEXT_CHARS) -> str:
    value = str(value or "").strip()
    if len(value) > limit:
        raise ValidationError(_("Write at most %(limit)d characters.") % {"limit": limit})
    return value


def clean_municipality(value) -> Municipality | None:
    """A Municipality, or its code or Finnish or Swedish name."""
    if value is None or isinstance(value, Municipality):
        return value
    text = str(value).strip()
    if not text:
        return None
    found = (
        Municipality.objects.filter(code=text.zfill(3) if text.isdigit() else text).first()
        or Municipality.objects.filter(name_fi__iexact=text).first()
        or Municipality.objects.filter(name_sv__iexact=text).first()
    )
    if found is None:
        raise ValidationError(_("%(value)s is not a Finnish municipality.") % {"value": text})
    return found


def _cleaners(organisation: Organisation) -> dict:
    return {
        "first_name": lambda v: _clean_name(v, label=_("first name")),
        "last_name": lambda v: _clean_name(v, label=_("last name")),
        "email": clean_email,
        "phone": clean_phone,
        "identity_code": lambda v: clean_identity_code(v, organisation=organisation),
        "birth_year": clean_birth_year,
        "gender": lambda v: _clean_choice(v, Gender, Gender.NOT_TOLD),
        "municipality": clean_municipality,
        "education_level": lambda v: _clean_choice(v, EducationLevel, EducationLevel.UNKNOWN),
        "unemployment_start": clean_date,
        "immigrant": clean_bool,
        "partial_work_ability": clean_bool,
        "status": lambda v: _clean_choice(v, ClientStatus, ClientStatus.ACTIVE),
        "last_contact_on": clean_date,
        "responsible": lambda v: _clean_responsible(v, organisation),
        "commuting_radius_km": clean_radius,
        "season_wish": lambda v: _clean_choice(v, SeasonWish, SeasonWish.ANY),
        "hours_wish": lambda v: _clean_choice(v, HoursWish, HoursWish.ANY),
        "willing_to_relocate": clean_bool,
        "strengths_counsellor": _clean_text,
        "strengths_own": _clean_text,
        "development_counsellor": _clean_text,
        "development_own": _clean_text,
        "note": lambda v: _clean_text(v, limit=MAX_NOTE_CHARS),
    }


def _clean_responsible(user, organisation: Organisation):
    if user is None or user == "":
        return None
    if not perms.working_memberships(user).filter(organisation=organisation).exists():
        raise ValidationError(
            _("The responsible coordinator must work with job seekers at %(organisation)s.")
            % {"organisation": organisation.name}
        )
    return user


# Validation of lists ----------------------------------------------------------------------


def clean_languages(rows: Iterable) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """[(code, level)] from dicts or pairs; errors keyed `languages.<row>.<code|level>`."""
    cleaned, errors, seen = [], {}, set()
    for index, row in enumerate(rows or []):
        code, level = (row.get("code"), row.get("level")) if isinstance(row, dict) else row
        code = str(code or "").strip().lower()
        level = normalise_level(level)
        if not code:
            errors[f"languages.{index}.code"] = [_("Choose the language.")]
        elif code not in ISO_639_1:
            errors[f"languages.{index}.code"] = [
                _("%(value)s is not an ISO 639-1 language code such as fi, sv or en.")
                % {"value": code}
            ]
        elif code in seen:
            errors[f"languages.{index}.code"] = [_("The language is listed twice.")]
        if level not in LEVELS:
            errors[f"languages.{index}.level"] = [
                _("Choose a level: %(levels)s.") % {"levels": ", ".join(LEVELS)}
            ]
        seen.add(code)
        cleaned.append((code, level))
    return cleaned, errors


def clean_occupations(uris: Iterable[str]) -> tuple[list[Concept], dict[str, list[str]]]:
    """ESCO occupations by URI, each once; errors keyed `wished_occupations.<row>`."""
    uris = [str(u).strip() for u in uris or []]
    found = {c.uri: c for c in Concept.objects.filter(uri__in=uris, kind="occupation")}
    cleaned, errors = [], {}
    for index, uri in enumerate(uris):
        if uri not in found:
            errors[f"wished_occupations.{index}"] = [
                _("%(value)s is not an ESCO occupation.") % {"value": uri or "–"}
            ]
        elif found[uri] not in cleaned:
            cleaned.append(found[uri])
    return cleaned, errors


def clean_municipalities(codes: Iterable[str]) -> tuple[list[Municipality], dict]:
    codes = [str(c).strip() for c in codes or []]
    found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        return [], {
            "wished_municipalities": [
                _("Not Finnish municipality codes: %(codes)s.") % {"codes": ", ".join(unknown)}
            ]
        }
    return list({code: found[code] for code in codes}.values()), {}


def clean_client(
    fields: dict, *, organisation: Organisation, instance: Client | None = None, relations: dict
) -> tuple[dict, dict]:
    """Validated fields and lists; one ValidationError naming every bad field and row."""
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown client fields: {', '.join(sorted(unknown))}")
    cleaners = _cleaners(organisation)
    cleaned, errors = {}, {}
    for name, value in fields.items():
        try:
            cleaned[name] = cleaners[name](value)
        except ValidationError as exc:
            errors[name] = exc.messages
    if instance is None:
        for name in REQUIRED_FIELDS:
            if name not in fields:
                errors.setdefault(name, [_("This field is required.")])
    _check_identity_code_year(cleaned, errors, instance)
    lists = {}
    if relations.get("languages") is not None:
        lists["languages"], found = clean_languages(relations["languages"])
        errors.update(found)
    if relations.get("wished_occupations") is not None:
        lists["wished_occupations"], found = clean_occupations(relations["wished_occupations"])
        errors.update(found)
    if relations.get("wished_municipalities") is not None:
        municipalities = relations["wished_municipalities"]
        lists["wished_municipalities"], found = clean_municipalities(municipalities)
        errors.update(found)
    if errors:
        raise ValidationError(errors)
    return cleaned, lists


def _check_identity_code_year(cleaned: dict, errors: dict, instance: Client | None) -> None:
    code = cleaned.get("identity_code", instance.identity_code if instance else "")
    year = cleaned.get("birth_year", instance.birth_year if instance else None)
    if not code or not year or {"identity_code", "birth_year"} & set(errors):
        return
    if hetu.birth_date(code).year != year:
        errors["identity_code"] = [
            _("The personal identity code and the year of birth do not match.")
        ]


# Clients ---------------------------------------------------------------------------------


@transaction.atomic
def create_client(
    *,
    actor,
    organisation: Organisation,
    languages: Iterable | None = None,
    wished_occupation_uris: Iterable[str] | None = None,
    wished_municipality_codes: Iterable[str] | None = None,
    **fields,
) -> Client:
    """A new job seeker owned by `organisation`; the actor is responsible unless told."""
    if not perms.can_create_clients_in(actor, organisation):
        raise PermissionError("The actor cannot add job seekers for this organisation")
    fields.setdefault("responsible", actor)
    cleaned, lists = clean_client(
        fields,
        organisation=organisation,
        relations={
            "languages": languages or [],
            "wished_occupations": wished_occupation_uris or [],
            "wished_municipalities": wished_municipality_codes or [],
        },
    )
    client = Client.objects.create(organisation=organisation, **cleaned)
    _save_lists(client, lists)
    audit.record(actor=actor, action=AuditAction.CREATE, obj=client, organisation=organisation)
    return client


@transaction.atomic
def update_client(
    *,
    actor,
    client: Client,
    languages: Iterable | None = None,
    wished_occupation_uris: Iterable[str] | None = None,
    wished_municipality_codes: Iterable[str] | None = None,
    **fields,
) -> Client:
    """Change the given fields and lists (None: leave a list alone). The actor may change only
    what `perms.editable_fields` allows; the audit row names the changed fields."""
    relations = {
        "languages": languages,
        "wished_occupations": wished_occupation_uris,
        "wished_municipalities": wished_municipality_codes,
    }
    wanted = set(fields) | {name for name, value in relations.items() if value is not None}
    allowed = perms.editable_fields(actor, client, wanted)
    if wanted - allowed:
        refused = ", ".join(sorted(wanted - allowed))
        raise PermissionError(f"The actor may not change these fields of the client: {refused}")
    cleaned, lists = clean_client(
        fields, organisation=client.organisation, instance=client, relations=relations
    )
    changed = [name for name, value in cleaned.items() if getattr(client, name) != value]
    for name in changed:
        setattr(client, name, cleaned[name])
    changed += _save_lists(client, lists)
    if changed:
        client.updated_at = timezone.now()
        client.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=client,
            organisation=perms.acting_organisation(actor, client),
            detail={"fields": sorted(changed)},
        )
    return client


def _save_lists(client: Client, lists: dict) -> list[str]:
    """Store the lists that differ from what the client has; the names of those changed."""
    changed = []
    if "languages" in lists:
        current = list(client.languages.order_by("id").values_list("code", "level"))
        if current != lists["languages"]:
            client.languages.all().delete()
            ClientLanguage.objects.bulk_create(
                ClientLanguage(client=client, code=code, level=level)
                for code, level in lists["languages"]
            )
            changed.append("languages")
    for name in ("wished_occupations", "wished_municipalities"):
        if name in lists:
            manager = getattr(client, name)
            if set(manager.values_list("pk", flat=True)) != {o.pk for o in lists[name]}:
                manager.set(lists[name])
                changed.append(name)
    return changed


@transaction.atomic
def record_view(*, actor, client: Client, scope: str | None = None, page: str = "") -> AuditEvent:
    """Every look at a person's record is audited, with the scope the viewer had and, for a
    page other than the record itself (the edit form, the consents), which page. The caller
    found the client through `Client.objects.visible_to`; a viewer without scope is a bug."""
    scope = scope or perms.scope_for(actor, client)
    if scope is None:
        raise PermissionError("The actor is not in the client's team")
    detail = {"scope": scope} | ({"page": page} if page else {})
    return audit.record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=client,
        organisation=perms.acting_organisation(actor, client),
        detail=detail,
    )


@transaction.atomic
def set_status(*, actor, client: Client, status: str) -> Client:
    """Active, employed, in training or inactive; the audit row keeps the transition."""
    if not perms.can_edit_client(actor, client):
        raise PermissionError("The actor may not change the client")
    status = _clean_field("status", status, client)
    previous = client.status
    if status != previous:
        client.status = status
        client.updated_at = timezone.now()
        client.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=client,
            organisation=perms.acting_organisation(actor, client),
            detail={"fields": ["status"], "from": previous, "to": status},
        )
    return client


@transaction.atomic
def record_contact(*, actor, client: Client, on: date | None = None) -> Client:
    """Any organisation in the team notes a meeting or call; the latest date is kept."""
    if not perms.can_record_contact(actor, client):
        raise PermissionError("The actor is not in the client's team")
    on = _clean_field("last_contact_on", on or timezone.localdate(), client)
    if client.last_contact_on is None or on > client.last_contact_on:
        client.last_contact_on = on
        client.updated_at = timezone.now()
        client.save(update_fields=["last_contact_on", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=client,
        organisation=perms.acting_organisation(actor, client),
        detail={"fields": ["last_contact_on"], "contact_on": on.isoformat()},
    )
    return client


def _clean_field(name: str, value, client: Client):
    try:
        return _cleaners(client.organisation)[name](value)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from exc
