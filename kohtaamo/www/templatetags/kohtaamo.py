from django import template
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kohtaamo.taxonomy.enums import SearchKind
from kohtaamo.taxonomy.models import concept_url as _concept_url

register = template.Library()

FACT_LABELS = {
    "code": _("Code"),
    "course_days": _("Typical course length (days)"),
    "validity_years": _("Valid for (years)"),
    "issuer": _("Issued by"),
    "scope": _("Scope (competence points)"),
}


@register.filter
def concept_url(uri: str) -> str:
    return _concept_url(uri)


@register.filter
def kind_label(kind: str) -> str:
    try:
        return SearchKind(kind).label
    except ValueError:
        return kind


MODALITY_LABELS = {
    "requirement": _("Required"),
    "merit": _("Counted as a merit"),
    "negated": _("Said not to be needed"),
    "mention": _("Mentioned"),
}


@register.filter
def modality_label(modality: str) -> str:
    return MODALITY_LABELS.get(modality, modality)


@register.filter
def percent(value: float) -> str:
    return f"{round(value * 100)} %"


@register.filter
def fact_label(key: str) -> str:
    return FACT_LABELS.get(key, key)


@register.simple_tag(takes_context=True)
def current_section(context, *prefixes: str) -> str:
    """`aria-current="page"` when the page's URL name starts with one of `prefixes`."""
    match = getattr(context.get("request"), "resolver_match", None)
    name = getattr(match, "url_name", "") or ""
    return mark_safe(' aria-current="page"') if name.startswith(prefixes) else ""  # noqa: S308


@register.simple_tag(takes_context=True)
def count(context, value, hidden=None):
    """A published count, or the product's one mark for a withheld count: an asterisk that
    screen readers read as "not shown".

    The mark never says "fewer than 5": a count may be withheld only so that a small one beside
    it cannot be worked out, and then it is not small. `hidden` defaults to `value is None`;
    pass it when None means "no data" (shown as a dash).
    """
    if hidden is None:
        hidden = value is None
    if hidden:
        return format_html(
            '<span class="count-hidden"><span aria-hidden="true">*</span>'
            '<span class="visually-hidden">{}</span></span>',
            gettext("not shown"),
        )
    if value is None:
        return "–"
    return render_value_in_context(value, context)
