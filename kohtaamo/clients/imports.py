"""Importing job seekers from a CSV or Excel file: every row checked, all written or none.

`employers.tables` reads the file (rows numbered as a person sees them in it). Every cell is
parsed and every error is reported with its row, column and value; when any row is wrong,
nothing is written. Rows that look like the same person are errors too, within the file and
against the job seekers the importing organisation already sees (its own, and those whose
active consent lets it in): a second record of one person splits their history and consents.
Records the organisation may not see are never compared, so an import cannot reveal them.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms, services
from kohtaamo.clients.enums import EducationLevel, Gender
from kohtaamo.clients.languages import CEFR_LEVELS, ISO_639_1, NATIVE
from kohtaamo.clients.models import Client, ClientLanguage, Consent
from kohtaamo.employers import tables
from kohtaamo.employers.services import find_municipality
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.enums import ConceptKind
from kohtaamo.taxonomy.models import Concept

COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "birth_year",
    "gender",
    "municipality",
    "education_level",
    "unemployment_start",
    "immigrant",
    "partial_work_ability",
    "languages",
    "wished_occupations",
    "commuting_radius_km",
    "note",
)
REQUIRED_COLUMNS = ("first_name", "last_name", "birth_year")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_NOTE_LENGTH = services.MAX_NOTE_CHARS
LIST_SEPARATOR = re.compile(r"\s*[|,]\s*")


def _words(mapping: dict[str, Iterable[str]]) -> dict[str, str]:
    return {word: value for value, words in mapping.items() for word in words}


GENDER_WORDS = _words(
    {
        Gender.FEMALE: ("female", "woman", "f", "nainen", "kvinna"),
        Gender.MALE: ("male", "man", "m", "mies"),
        Gender.OTHER: ("other", "muu", "annan", "annat"),
        Gender.NOT_TOLD: ("not told", "ei halua kertoa", "ei kerrottu", "vill inte säga", ""),
    }
)
TRUE_WORDS = frozenset({"kyllä", "k", "yes", "y", "ja", "1", "true", "x"})
FALSE_WORDS = frozenset({"ei", "e", "no", "n", "nej", "0", "false", ""})
NATIVE_WORDS = frozenset({NATIVE, "äidinkieli", "modersmål", "mother tongue"})
EDUCATION_WORDS = _words(
    {
        EducationLevel.NONE: ("ei tutkintoa", "ingen examen"),
        EducationLevel.BASIC: ("perusopetus", "peruskoulu", "perusaste", "grundskola"),
        EducationLevel.GENERAL_UPPER_SECONDARY: ("lukio", "ylioppilas", "gymnasium"),
        EducationLevel.VOCATIONAL: ("ammatillinen perustutkinto", "ammatillinen", "yrkesexamen"),
        EducationLevel.SPECIALIST_VOCATIONAL: ("ammattitutkinto", "erikoisammattitutkinto"),
        EducationLevel.UAS: ("amk", "ammattikorkeakoulu", "yh", "yrkeshögskola"),
        EducationLevel.UNIVERSITY: ("yliopisto", "universitet"),
        EducationLevel.UNKNOWN: ("ei tiedossa", "okänd", ""),
    }
)


# Access ----------------------------------------------------------------------------------


def can_import_into(user, organisation: Organisation | None) -> bool:
    """Coordinators and admins of the organisation import job seekers it will own."""
    return perms.can_create_clients_in(user, organisation)


def clients_seen_by(organisation: Organisation) -> QuerySet[Client]:
    """The job seekers the organisation sees: its own and those of an active consent."""
    consented = Consent.objects.active().filter(organisation=organisation).values("client")
    return Client.objects.filter(
        Q(organisation=organisation) | Q(pk__in=consented), erased_at__isnull=True
    )


# Report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int  # as numbered in the file: the header is usually row 1; 0 for the whole file
    column: str
    message: str
    value: str = ""
    existing_client: uuid.UUID | None = None  # a job seeker the row seems to duplicate


@dataclass
class ClientRow:
    number: int
    fields: dict  # Client model fields
    languages: list[tuple[str, str]] = field(default_factory=list)  # (code, level)
    occupations: list[int] = field(default_factory=list)  # Concept ids


@dataclass
class ImportReport:
    dry_run: bool
    format: str = ""
    rows: list[ClientRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run and self.created > 0


# Cell parsers (each raises ValidationError with a message a person can act on) ------------


def _folded(value: str) -> str:
    return " ".join(value.casefold().replace("_", " ").split())


def parse_name(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValidationError(_("The name is required."))
    if len(value) > 100:
        raise ValidationError(_("The name is longer than 100 characters."))
    return value


def parse_gender(value: str) -> str:
    key = _folded(value)
    if key not in GENDER_WORDS:
        raise ValidationError(
            _("Write female, male, other or not_told (or nainen, mies, muu, ei halua kertoa).")
        )
    return GENDER_WORDS[key]


def parse_education_level(value: str) -> str:
    key = _folded(value)
    codes = {_folded(code): code for code in EducationLevel.values}
    if key in codes:
        return codes[key]
    if key in EDUCATION_WORDS:
        return EDUCATION_WORDS[key]
    raise ValidationError(
        _("Unknown education level. Write one of: %(codes)s.")
        % {"codes": ", ".join(EducationLevel.values)}
    )


def parse_date(value: str, *, today: date | None = None) -> date | None:
    """d.m.yyyy as Finns write it, or ISO (2024-03-01, also with a time from Excel)."""
    value = value.strip()
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", value):
            day, month, year = (int(part) for part in value.split("."))
            parsed = date(year, month, day)
        else:
            parsed = datetime.fromisoformat(value).date()
    except ValueError as exc:
        raise ValidationError(_("Write the date as d.m.yyyy, e.g. 1.3.2024.")) from exc
    if parsed > (today or timezone.localdate()):
        raise ValidationError(_("The date is in the future."))
    return parsed


def parse_bool(value: str) -> bool:
    key = _folded(value)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise ValidationError(_("Write kyllä or ei (yes or no, 1 or 0)."))


def parse_languages(value: str) -> list[tuple[str, str]]:
    """Languages with levels, e.g. "fi:native|en:B2" into [("fi", "native"), ("en", "B2")]."""
    languages: dict[str, str] = {}
    for item in filter(None, LIST_SEPARATOR.split(value.strip())):
        code, _colon, level = (part.strip() for part in item.partition(":"))
        code = code.lower()
        if code not in ISO_639_1:
            raise ValidationError(
                _("%(code)s is not a language code such as fi, sv or en.") % {"code": code}
            )
        level = NATIVE if level.casefold() in NATIVE_WORDS else level.upper()
        if level not in (*CEFR_LEVELS, NATIVE):
            raise ValidationError(
                _("Give each language a level A1–C2 or native, e.g. fi:native|en:B2.")
            )
        if code in languages:
            raise ValidationError(_("%(code)s is given twice.") % {"code": code})
        languages[code] = level
    return list(languages.items())


def parse_note(value: str) -> str:
    if len(value) > MAX_NOTE_LENGTH:
        raise ValidationError(
            _("The note is longer than %(max)d characters.") % {"max": MAX_NOTE_LENGTH}
        )
    return value


# Duplicate keys (pure) ---------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """A name for comparison: "Anna-Liisa  MÄKI" and "anna liisa mäki" compare equal."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("-", " ")
    return " ".join(text.split())


def normalise_phone(phone: str) -> str:
    """A phone number for comparison: "+358 40 123 4567" and "040-123 4567" compare equal."""
    digits = re.sub(r"\D", "", phone)
    for prefix in ("00358", "358"):
        if phone.strip().startswith(("+", "00")) and digits.startswith(prefix):
            return "0" + digits.removeprefix(prefix)
    return digits


def identity_keys(
    first_name: str, last_name: str, birth_year, email: str = "", phone: str = ""
) -> list[tuple[str, str]]:
    """The (kind, key) pairs by which two records are taken for the same person."""
    keys = [("name", f"{normalise_name(first_name)}|{normalise_name(last_name)}|{birth_year}")]
    if email:
        keys.append(("email", email.strip().casefold()))
    if phone and len(normalise_phone(phone)) >= 5:
        keys.append(("phone", normalise_phone(phone)))
    return keys


def _key_label(kind: str) -> str:
    return {
        "name": _("the same name and year of birth"),
        "email": _("the same email"),
        "phone": _("the same phone number"),
    }[kind]


KEY_COLUMN = {"name": "first_name", "email": "email", "phone": "phone"}


# The import ------------------------------------------------------------------------------


def import_clients(
    *, actor, organisation: Organisation, file, filename: str, dry_run: bool = False
) -> ImportReport:
    """Create job seekers from a CSV or XLSX file, all or nothing.

    The new records belong to `organisation`, with `actor` as the responsible coordinator.
    `dry_run` only checks. `actor=None` is an operator's management command.
    """
    if actor is not None and not can_import_into(actor, organisation):
        raise PermissionError("The actor cannot add job seekers for this organisation")
    report = ImportReport(dry_run=dry_run)
    table = _read(file, filename, report)
    if table is None:
        return report
    columns = _check_header(table, report)
    if report.errors:
        return report
    report.format = table.format
    if not table.rows:
        report.errors.append(RowError(0, "", _("The file has no job seekers, only a header.")))
        return report
    rows = _parse_rows(table, columns, report)
    _check_duplicates_in_file(rows, report)
    _check_existing_clients(rows, organisation, report)
    report.errors.sort(key=lambda e: (e.row, COLUMNS.index(e.column)))
    report.rows = rows
    if report.ok and not dry_run:
        _write(actor, organisation, rows, report)
    return report


def _read(file, filename: str, report: ImportReport) -> tables.Table | None:
    content = file.read(MAX_IMPORT_BYTES + 1)
    if len(content) > MAX_IMPORT_BYTES:
        report.errors.append(RowError(0, "", _("The file is larger than 5 MB; split it.")))
        return None
    try:
        return tables.read_table(content, filename)
    except tables.TableError as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return None


def _check_header(table: tables.Table, report: ImportReport) -> list[str]:
    """Column names lower-cased; errors for unknown, repeated and missing ones."""
    columns = [c.strip().lower().replace(" ", "_") for c in table.header]
    seen: set[str] = set()
    for column in filter(None, columns):
        if column not in COLUMNS:
            message = _("Unknown column. The columns are: %(columns)s.") % {
                "columns": ", ".join(COLUMNS)
            }
            report.errors.append(RowError(table.header_row, "", message, column))
        elif column in seen:
            report.errors.append(RowError(table.header_row, column, _("The column is twice.")))
        seen.add(column)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            report.errors.append(RowError(table.header_row, column, _("The column is missing.")))
    return columns


def _parse_rows(table: tables.Table, columns: list[str], report: ImportReport) -> list[ClientRow]:
    occupations = _occupation_lookup(table, columns)
    municipality = lru_cache(maxsize=None)(find_municipality)
    rows = []
    for number, cells in table.rows:
        values = {c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns) if c}
        row = ClientRow(number=number, fields={})
        for column in COLUMNS:
            value = values.get(column, "")
            try:
                _parse_cell(row, column, value, municipality, occupations)
            except ValidationError as exc:
                report.errors.append(RowError(number, column, " ".join(exc.messages), value))
        rows.append(row)
    return rows


def _parse_cell(row: ClientRow, column: str, value: str, municipality, occupations) -> None:
    if column == "languages":
        row.languages = parse_languages(value)
    elif column == "wished_occupations":
        row.occupations = _parse_occupations(value, occupations)
    elif column == "municipality":
        row.fields[column] = municipality(value.strip())
    elif value.strip() or column in REQUIRED_COLUMNS:
        row.fields[column] = CELL_PARSERS[column](value)


CELL_PARSERS: dict[str, Callable[[str], object]] = {
    "first_name": parse_name,
    "last_name": parse_name,
    "email": services.clean_email,
    "phone": services.clean_phone,
    "birth_year": services.clean_birth_year,
    "gender": parse_gender,
    "education_level": parse_education_level,
    "unemployment_start": parse_date,
    "immigrant": parse_bool,
    "partial_work_ability": parse_bool,
    "commuting_radius_km": services.clean_radius,
    "note": parse_note,
}


def _occupation_lookup(table: tables.Table, columns: list[str]) -> dict[str, int]:
    """{URI or occupation code: Concept id} of every occupation the file names, one query."""
    if "wished_occupations" not in columns:
        return {}
    index = columns.index("wished_occupations")
    tokens = {
        token
        for _number, cells in table.rows
        if index < len(cells)
        for token in LIST_SEPARATOR.split(cells[index].strip())
        if token
    }
    found = Concept.objects.active().filter(
        Q(uri__in=tokens) | Q(code__in=tokens), kind=ConceptKind.OCCUPATION
    )
    lookup = {}
    for concept_id, uri, code in found.values_list("id", "uri", "code"):
        lookup[uri] = concept_id
        if code:
            lookup[code] = concept_id
    return lookup


def _parse_occupations(value: str, lookup: dict[str, int]) -> list[int]:
    ids = []
    for token in filter(None, LIST_SEPARATOR.split(value.strip())):
        if token not in lookup:
            raise ValidationError(
                _(
                    "%(value)s is not an occupation: give its ESCO URI or its code, e.g. 5120.1, "
                    "separated by |."
                )
                % {"value": token}
            )
        if lookup[token] not in ids:
            ids.append(lookup[token])
    return ids


def _keys_of_row(row: ClientRow) -> list[tuple[str, str]]:
    fields = row.fields
    if not all(fields.get(name) for name in REQUIRED_COLUMNS):
        return []  # already an error; comparing half a row would only add noise
    return identity_keys(
        fields["first_name"],
        fields["last_name"],
        fields["birth_year"],
        fields.get("email", ""),
        fields.get("phone", ""),
    )


def _check_duplicates_in_file(rows: list[ClientRow], report: ImportReport) -> None:
    """A row that repeats a person of an earlier row is an error naming both rows."""
    first_row_of: dict[tuple[str, str], int] = {}
    for row in rows:
        named: set[int] = set()
        for kind, key in _keys_of_row(row):
            earlier = first_row_of.setdefault((kind, key), row.number)
            if earlier != row.number and earlier not in named:
                named.add(earlier)
                column = KEY_COLUMN[kind]
                message = _("Rows %(first)d and %(row)d look like the same person (%(what)s).") % {
                    "first": earlier,
                    "row": row.number,
                    "what": _key_label(kind),
                }
                report.errors.append(RowError(row.number, column, message, _cell_text(row, column)))


def _check_existing_clients(
    rows: list[ClientRow], organisation: Organisation, report: ImportReport
) -> None:
    """Compared with the organisation's job seekers only: others are never looked at."""
    existing: dict[tuple[str, str], uuid.UUID] = {}
    known = clients_seen_by(organisation).values_list(
        "public_id", "first_name", "last_name", "birth_year", "email", "phone"
    )
    for public_id, first_name, last_name, birth_year, email, phone in known.iterator():
        for key in identity_keys(first_name, last_name, birth_year, email, phone):
            existing.setdefault(key, public_id)
    for row in rows:
        named: set[uuid.UUID] = set()
        for kind, key in _keys_of_row(row):
            public_id = existing.get((kind, key))
            if public_id is None or public_id in named:
                continue
            named.add(public_id)
            column = KEY_COLUMN[kind]
            message = _("Row %(row)d looks like an existing job seeker (%(what)s).") % {
                "row": row.number,
                "what": _key_label(kind),
            }
            report.errors.append(
                RowError(row.number, column, message, _cell_text(row, column), public_id)
            )


def _cell_text(row: ClientRow, column: str) -> str:
    if column == "first_name":
        return " ".join(str(row.fields[name]) for name in ("first_name", "last_name", "birth_year"))
    return str(row.fields.get(column, ""))


@transaction.atomic
def _write(actor, organisation: Organisation, rows: list[ClientRow], report: ImportReport):
    now = timezone.now()
    clients = Client.objects.bulk_create(
        [
            Client(
                organisation=organisation,
                responsible=actor,
                created_at=now,
                updated_at=now,
                **row.fields,
            )
            for row in rows
        ],
        batch_size=500,
    )
    languages = [
        ClientLanguage(client=client, code=code, level=level)
        for client, row in zip(clients, rows, strict=True)
        for code, level in row.languages
    ]
    ClientLanguage.objects.bulk_create(languages, batch_size=1000)
    through = Client.wished_occupations.through
    wishes = [
        through(client_id=client.pk, concept_id=concept_id)
        for client, row in zip(clients, rows, strict=True)
        for concept_id in row.occupations
    ]
    through.objects.bulk_create(wishes, batch_size=1000)
    report.created = len(clients)
    audit.record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type=Client._meta.label_lower,
        organisation=organisation,
        detail={
            "format": report.format,
            "rows": len(rows),
            "created": len(clients),
            "languages": len(languages),
            "wished_occupations": len(wishes),
        },
    )
