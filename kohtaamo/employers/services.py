"""Changes to employer records, their contact persons and partnerships, imports and exports.

Every function is keyword-only, checks the actor's right in `perms`, validates with errors keyed
by field name, and writes its audit event in the same transaction as the change.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.employers import businessid, industries, perms, tables
from kohtaamo.employers.enums import ReportLanguage, SizeClass
from kohtaamo.employers.models import ContactPerson, Employer, EmployerPartnership
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Organisation

EMPLOYER_FIELDS = (
    "business_id",
    "name",
    "industry",
    "municipality",
    "size_class",
    "peak_months",
    "language",
    "website",
)
CONTACT_FIELDS = ("name", "title", "email", "phone", "is_primary")


# Validation -------------------------------------------------------------------------------


def clean_business_id(value: str) -> str:
    """The canonical form, or a ValidationError a person can act on."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Give the business ID (Y-tunnus), e.g. 0210427-6."))
    try:
        return businessid.normalise(value)
    except businessid.InvalidBusinessId as exc:
        if businessid.PATTERN.match(value.replace(" ", "")):
            message = _("%(value)s is not a valid business ID: the check digit does not match.")
        else:
            message = _(
                "%(value)s is not a business ID: write seven digits, a hyphen and a check digit, "
                "e.g. 0210427-6."
            )
        raise ValidationError(message % {"value": value}) from exc


def clean_industry(value: str) -> str:
    value = industries.normalise(value)
    if value and not industries.is_known(value):
        raise ValidationError(
            _("%(value)s is not a TOL 2008 industry code; write it like 55.10.") % {"value": value}
        )
    return value


def clean_peak_months(value) -> list[int]:
    if isinstance(value, str):
        try:
            return tables.parse_months(value)
        except ValueError as exc:
            raise ValidationError(_("Write months as numbers 1-12, e.g. 6,7,12 or 6-8.")) from exc
    months = []
    for month in value or []:
        if not str(month).isdigit() or not 1 <= int(month) <= 12:
            raise ValidationError(_("%(value)s is not a month 1-12.") % {"value": month})
        months.append(int(month))
    return sorted(set(months))


def clean_website(value: str) -> str:
    value = (value or "").strip()
    if value and "://" not in value:
        value = f"https://{value}"
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as exc:
            raise ValidationError(_("%(value)s is not a web address.") % {"value": value}) from exc
    return value


def _clean_choice(value: str, choices, message: str) -> str:
    value = (value or "").strip()
    if value and value not in choices.values:
        raise ValidationError(message % {"value": value})
    return value


def _clean_name(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Give the employer's name."))
    if len(value) > 200:
        raise ValidationError(_("The name is longer than 200 characters."))
    return value


def _clean_municipality(value):
    """A Municipality, or its code or Finnish or Swedish name as text."""
    if value is None or isinstance(value, Municipality):
        return value
    return find_municipality(str(value))


CLEANERS = {
    "business_id": clean_business_id,
    "name": _clean_name,
    "industry": clean_industry,
    "municipality": _clean_municipality,
    "size_class": lambda v: _clean_choice(
        v, SizeClass, _("%(value)s is not a size class: micro, small, medium or large.")
    ),
    "peak_months": clean_peak_months,
    "language": lambda v: (
        _clean_choice(v, ReportLanguage, _("%(value)s is not a report language: fi, sv or en."))
        or ReportLanguage.FI
    ),
    "website": clean_website,
}


def clean_employer_fields(fields: dict, *, instance: Employer | None = None) -> dict:
    """Validated values of the given fields; one ValidationError naming every bad field."""
    unknown = set(fields) - set(EMPLOYER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown employer fields: {', '.join(sorted(unknown))}")
    cleaned, errors = {}, {}
    for name, value in fields.items():
        try:
            cleaned[name] = CLEANERS[name](value)
        except ValidationError as exc:
            errors[name] = exc.messages
    if "business_id" in cleaned and _is_taken(cleaned["business_id"], instance):
        errors["business_id"] = [_duplicate_message(cleaned["business_id"])]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _is_taken(business_id: str, instance: Employer | None) -> bool:
    others = Employer.objects.filter(business_id=business_id)
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    return others.exists()


def _duplicate_message(business_id: str) -> str:
    return _(
        "An employer with business ID %(value)s is already in Kohtaamo. Ask an organisation "
        "that works with it to share it with yours, or import it."
    ) % {"value": business_id}


# Employers -------------------------------------------------------------------------------


@transaction.atomic
def create_employer(*, actor, organisation: Organisation, **fields) -> Employer:
    """A new employer in `organisation`'s register (the organisation becomes its partner)."""
    if not perms.can_create_employers_in(actor, organisation):
        raise PermissionError("The actor cannot add employers for this organisation")
    fields.setdefault("language", "")
    cleaned = clean_employer_fields(fields)
    employer = Employer.objects.create(created_by=actor, **cleaned)
    EmployerPartnership.objects.create(employer=employer, organisation=organisation, added_by=actor)
    audit.record(actor=actor, action=AuditAction.CREATE, obj=employer, organisation=organisation)
    return employer


@transaction.atomic
def update_employer(*, actor, employer: Employer, organisation=None, **fields) -> Employer:
    """Change the given fields. `organisation` (the session's) names who acted in the audit."""
    if not perms.can_edit_employer(actor, employer):
        raise PermissionError("The actor does not work with this employer")
    cleaned = clean_employer_fields(fields, instance=employer)
    changed = [name for name, value in cleaned.items() if getattr(employer, name) != value]
    if changed:
        for name in changed:
            setattr(employer, name, cleaned[name])
        employer.save(update_fields=changed)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=employer,
            organisation=perms.acting_organisation(actor, employer, organisation),
            detail={"fields": sorted(changed)},
        )
    return employer


@transaction.atomic
def add_partner(*, actor, employer: Employer, organisation: Organisation) -> EmployerPartnership:
    """Share the employer with another organisation, whose working members then see it."""
    if not perms.can_edit_employer(actor, employer):
        raise PermissionError("The actor does not work with this employer")
    if not organisation.is_active:
        raise ValidationError({"organisation": _("The organisation is not active.")})
    if employer.partnerships.filter(organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(name)s already works with the employer.")
                % {"name": organisation}
            }
        )
    partnership = EmployerPartnership.objects.create(
        employer=employer, organisation=organisation, added_by=actor
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=employer,
        organisation=perms.acting_organisation(actor, employer),
        detail={"partner_added": str(organisation.public_id)},
    )
    return partnership


@transaction.atomic
def record_employer_view(*, actor, employer: Employer, organisation=None) -> None:
    """Opening an employer with contact persons shows their personal data: audited."""
    if employer.contacts.exists():
        audit.record(
            actor=actor,
            action=AuditAction.VIEW,
            obj=employer,
            organisation=perms.acting_organisation(actor, employer, organisation),
        )


# Contact persons -------------------------------------------------------------------------


def clean_contact_fields(fields: dict) -> dict:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {', '.join(sorted(unknown))}")
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    errors = {}
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = [_("Give the contact person's name.")]
    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = [
                _("%(value)s is not an email address.") % {"value": cleaned["email"]}
            ]
    phone = cleaned.get("phone", "")
    if phone and not set(phone) <= set("+0123456789 ()-/"):
        errors["phone"] = [_("A phone number has digits, spaces and + ( ) - / only.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def add_contact(*, actor, employer: Employer, organisation=None, **fields) -> ContactPerson:
    if not perms.can_edit_employer(actor, employer):
        raise PermissionError("The actor does not work with this employer")
    cleaned = clean_contact_fields({"name": "", **fields})
    if not employer.contacts.exists():
        cleaned["is_primary"] = True
    contact = ContactPerson.objects.create(employer=employer, **cleaned)
    _keep_one_primary(contact)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=contact,
        organisation=perms.acting_organisation(actor, employer, organisation),
        detail={"employer": str(employer.public_id)},
    )
    return contact


@transaction.atomic
def update_contact(*, actor, contact: ContactPerson, organisation=None, **fields) -> ContactPerson:
    employer = contact.employer
    if not perms.can_edit_employer(actor, employer):
        raise PermissionError("The actor does not work with this employer")
    cleaned = clean_contact_fields(fields)
    changed = [name for name, value in cleaned.items() if getattr(contact, name) != value]
    if changed:
        for name in changed:
            setattr(contact, name, cleaned[name])
        contact.save(update_fields=changed)
        _keep_one_primary(contact)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=contact,
            organisation=perms.acting_organisation(actor, employer, organisation),
            detail={"employer": str(employer.public_id), "fields": sorted(changed)},
        )
    return contact


@transaction.atomic
def remove_contact(*, actor, contact: ContactPerson, organisation=None) -> None:
    """Delete the contact person's data; the audit row keeps only ids."""
    employer = contact.employer
    if not perms.can_edit_employer(actor, employer):
        raise PermissionError("The actor does not work with this employer")
    audit.record(
        actor=actor,
        action=AuditAction.ERASE,
        obj=contact,
        organisation=perms.acting_organisation(actor, employer, organisation),
        detail={"employer": str(employer.public_id)},
    )
    was_primary = contact.is_primary
    contact.delete()
    if was_primary and (successor := employer.contacts.order_by("name").first()):
        ContactPerson.objects.filter(pk=successor.pk).update(is_primary=True)


def _keep_one_primary(contact: ContactPerson) -> None:
    if contact.is_primary:
        contact.employer.contacts.exclude(pk=contact.pk).update(is_primary=False)


# Export ----------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "business_id",
    "name",
    "industry",
    "municipality",
    "size_class",
    "peak_months",
    "language",
    "website",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
)


@transaction.atomic
def export_employers_csv(*, actor, organisation, employers: QuerySet[Employer]) -> str:
    """The employers as CSV in the import's columns (so an export can be edited and imported
    back), with the primary contact person. `;`-separated with a BOM, as Finnish Excel expects.
    """
    rows = list(employers.select_related("municipality").prefetch_related("contacts"))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for employer in rows:
        writer.writerow([tables.csv_cell(v) for v in _export_row(employer)])
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type=Employer._meta.label_lower,
        organisation=organisation,
        detail={"format": "csv", "count": len(rows)},
    )
    return out.getvalue()


def _export_row(employer: Employer) -> list:
    contacts = list(employer.contacts.all())
    contact = contacts[0] if contacts else None  # primary first (model ordering)
    return [
        employer.business_id,
        employer.name,
        employer.industry,
        employer.municipality.code if employer.municipality else "",
        employer.size_class,
        tables.format_months(employer.peak_months),
        employer.language,
        employer.website,
        contact.name if contact else "",
        contact.title if contact else "",
        contact.email if contact else "",
        contact.phone if contact else "",
    ]


# Import ----------------------------------------------------------------------------------

IMPORT_COLUMNS = EXPORT_COLUMNS
REQUIRED_COLUMNS = ("business_id", "name")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
SIZE_WORDS = {
    "mikro": "micro",
    "pieni": "small",
    "keskisuuri": "medium",
    "suuri": "large",
    "liten": "small",
    "medelstor": "medium",
    "stor": "large",
}


@dataclass(frozen=True)
class RowError:
    row: int  # as numbered in the file: the header is usually row 1
    column: str
    message: str
    value: str = ""


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


@dataclass
class _ImportRow:
    number: int
    fields: dict
    contact: dict


def import_employers(
    *, actor, organisation: Organisation, file, filename: str, dry_run: bool = False
) -> ImportReport:
    """Create or update employers from a CSV or XLSX file, all or nothing.

    Every row is checked first; when any row is wrong nothing is written and the report lists
    each error by row and column. An employer already in Kohtaamo (same business ID) gets the
    filled-in cells of its row and is linked to `organisation`. `dry_run` only checks.
    `actor=None` is an operator's management command.
    """
    if actor is not None and not perms.can_create_employers_in(actor, organisation):
        raise PermissionError("The actor cannot add employers for this organisation")
    report = ImportReport(dry_run=dry_run)
    content = file.read(MAX_IMPORT_BYTES + 1)
    if len(content) > MAX_IMPORT_BYTES:
        report.errors.append(RowError(0, "", _("The file is larger than 5 MB; split it.")))
        return report
    try:
        table = tables.read_table(content, filename)
    except tables.TableError as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return report
    columns = _check_header(table, report)
    if report.errors:
        return report
    rows = _parse_rows(table, columns, report)
    report.rows = len(rows)
    ids = [r.fields["business_id"] for r in rows]
    existing = {e.business_id: e for e in Employer.objects.filter(business_id__in=ids)}
    report.updated = sum(r.fields["business_id"] in existing for r in rows)
    report.created = len(rows) - report.updated
    if report.written:
        _write_import(actor, organisation, rows, existing, report, table.format)
    return report


def _check_header(table: tables.Table, report: ImportReport) -> list[str]:
    """Column names in the header, lower-cased; errors for unknown, repeated and missing ones."""
    columns = [c.strip().lower().replace(" ", "_") for c in table.header]
    seen: set[str] = set()
    for column in filter(None, columns):
        if column not in IMPORT_COLUMNS:
            message = _("Unknown column. The columns are: %(columns)s.") % {
                "columns": ", ".join(IMPORT_COLUMNS)
            }
            report.errors.append(RowError(table.header_row, column, message))
        elif column in seen:
            report.errors.append(RowError(table.header_row, column, _("The column is twice.")))
        seen.add(column)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            report.errors.append(RowError(table.header_row, column, _("The column is missing.")))
    return columns


def _parse_rows(table: tables.Table, columns: list[str], report: ImportReport) -> list[_ImportRow]:
    municipalities = _municipality_lookup()
    first_row_of: dict[str, int] = {}
    rows = []
    for number, cells in table.rows:
        values = {c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns) if c}
        errors_before = len(report.errors)
        row = _parse_row(number, values, municipalities, report)
        business_id = row.fields.get("business_id")
        if business_id in first_row_of:
            report.errors.append(
                RowError(
                    number,
                    "business_id",
                    _("The same business ID is already on row %(row)d.")
                    % {"row": first_row_of[business_id]},
                    values["business_id"],
                )
            )
        elif business_id:
            first_row_of[business_id] = number
        if len(report.errors) == errors_before:
            rows.append(row)
    return rows


def _parse_row(number: int, values: dict, municipalities: dict, report: ImportReport):
    fields, contact = {}, {}
    for column, value in values.items():
        if column.startswith("contact_"):
            contact[column.removeprefix("contact_")] = value
            continue
        if not value and column not in REQUIRED_COLUMNS:
            continue  # a new employer gets the default, an existing one keeps its value
        try:
            fields[column] = _import_value(column, value, municipalities)
        except ValidationError as exc:
            report.errors.append(RowError(number, column, " ".join(exc.messages), value))
    contact = {k: v for k, v in contact.items() if v}
    if contact:
        try:
            contact = clean_contact_fields({"name": "", **contact})
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                report.errors.append(
                    RowError(number, f"contact_{name}", " ".join(messages), contact.get(name, ""))
                )
    return _ImportRow(number=number, fields=fields, contact=contact)


def _import_value(column: str, value: str, municipalities: dict):
    if column == "municipality":
        return _municipality(value, municipalities)
    if column == "size_class":
        value = SIZE_WORDS.get(value.lower(), value.lower())
    if column == "language":
        value = value.lower()
    return CLEANERS[column](value)


def _municipality_lookup() -> dict[str, Municipality]:
    lookup = {}
    for municipality in Municipality.objects.all():
        lookup[municipality.code] = municipality
        for name in (municipality.name_fi, municipality.name_sv):
            if name:
                lookup.setdefault(name.lower(), municipality)
    return lookup


def _municipality(value: str, lookup: dict) -> Municipality | None:
    key = value.strip().zfill(3) if value.strip().isdigit() else value.strip().lower()
    if key not in lookup:
        raise ValidationError(_unknown_municipality())
    return lookup[key]


def _unknown_municipality() -> str:
    return _("Unknown municipality: write its code (e.g. 698) or its name in Finnish or Swedish.")


def find_municipality(value: str) -> Municipality | None:
    """A municipality by its code ("698", "47") or its Finnish or Swedish name (None for an
    empty value; ValidationError when there is no such municipality)."""
    value = (value or "").strip()
    if not value:
        return None
    code = value.zfill(3) if value.isdigit() else None
    found = Municipality.objects.filter(
        Q(code=code) if code else Q(name_fi__iexact=value) | Q(name_sv__iexact=value)
    ).first()
    if found is None:
        raise ValidationError(_unknown_municipality())
    return found


@transaction.atomic
def _write_import(actor, organisation, rows, existing, report, file_format) -> None:
    contacts = 0
    for row in rows:
        employer = existing.get(row.fields["business_id"])
        if employer is None:
            employer = Employer.objects.create(created_by=actor, **row.fields)
        else:
            _update_from_import(employer, row.fields)
        EmployerPartnership.objects.get_or_create(
            employer=employer, organisation=organisation, defaults={"added_by": actor}
        )
        if row.contact:
            contacts += _import_contact(employer, row.contact)
    audit.record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type=Employer._meta.label_lower,
        organisation=organisation,
        detail={
            "format": file_format,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "contacts": contacts,
        },
    )


def _update_from_import(employer: Employer, fields: dict) -> None:
    """Filled-in cells replace what is stored (empty ones were left out when parsing)."""
    changed = [k for k, v in fields.items() if getattr(employer, k) != v]
    for name in changed:
        setattr(employer, name, fields[name])
    if changed:
        employer.save(update_fields=changed)


def _import_contact(employer: Employer, fields: dict) -> int:
    """Update the contact with the same email (else name), or add one. 1 when anything changed."""
    contacts = employer.contacts.all()
    match = (
        contacts.filter(email__iexact=fields["email"]).first() if fields.get("email") else None
    ) or contacts.filter(name__iexact=fields["name"]).first()
    if match is None:
        ContactPerson.objects.create(employer=employer, is_primary=not contacts.exists(), **fields)
        return 1
    changed = [k for k, v in fields.items() if getattr(match, k) != v]
    for name in changed:
        setattr(match, name, fields[name])
    if changed:
        match.save(update_fields=changed)
    return int(bool(changed))
