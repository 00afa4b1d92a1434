"""The filters of the employer list page, the CSV export and the API, in one place."""

from django.db.models import Q, QuerySet

from kohtaamo.employers import industries
from kohtaamo.employers.models import Employer


def filter_employers(
    employers: QuerySet[Employer],
    *,
    q: str = "",
    municipality: str = "",
    section: str = "",
    size_class: str = "",
) -> QuerySet[Employer]:
    """Narrow a queryset by name or business ID (`q`), municipality code, TOL section letter
    (A-U) and size class. Unknown values of a filter match nothing rather than everything."""
    if q := (q or "").strip():
        employers = employers.filter(Q(name__icontains=q) | Q(business_id__startswith=q))
    if municipality:
        employers = employers.filter(municipality__code=municipality)
    if section:
        found = industries.SECTIONS_BY_LETTER.get(section.upper())
        divisions = found.divisions if found else []
        matches = Q(pk__in=[])
        for division in divisions:
            matches |= Q(industry__startswith=division)
        employers = employers.filter(matches)
    if size_class:
        employers = employers.filter(size_class=size_class)
    return employers
