"""`{% load employer_tags %}`: industries and months as a reader of the page's language wants."""

from django import template
from django.utils.dates import MONTHS

from kohtaamo.core.i18n import active_language
from kohtaamo.employers import industries

register = template.Library()


@register.filter
def industry_label(code: str) -> str:
    """ "55.10 – Majoitus- ja ravitsemistoiminta" in the interface language."""
    return industries.label(code, active_language())


@register.filter
def month_name(number: int) -> str:
    return str(MONTHS.get(int(number), number))


@register.filter
def month_names(numbers) -> str:
    """[6, 7, 12] -> "June, July, December" (translated)."""
    return ", ".join(month_name(n) for n in sorted(numbers or []))
