"""Template helpers of a job seeker's competences (the summary on the client's page)."""

from django import template

from kohtaamo.clients.competences import LEVEL_WORDS
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.www.clients.competences import KIND_HEADINGS

register = template.Library()


@register.simple_tag
def confirmed_competences_by_kind(competences) -> list[dict]:
    """The confirmed competences grouped by kind, labelled in the UI language (one query for
    the labels the view did not set):
    `{% confirmed_competences_by_kind competences as groups %}`."""
    confirmed = [c for c in competences or () if c.confirmed]
    missing = [c.uri for c in confirmed if not getattr(c, "label", "")]
    labels = display_labels(missing, None) if missing else {}
    groups = []
    for kind, heading in KIND_HEADINGS.items():
        items = [
            {
                "uri": c.uri,
                "label": getattr(c, "label", "") or labels.get(c.uri, c.uri),
                "level": c.level,
                "level_word": LEVEL_WORDS.get(c.level, ""),
                "source": c.get_source_display(),
                "expires_on": c.expires_on,
            }
            for c in confirmed
            if c.kind == kind
        ]
        if items:
            groups.append({"kind": kind, "heading": heading, "items": sorted(items, key=_by_label)})
    return groups


def _by_label(item: dict) -> str:
    return item["label"].lower()


@register.filter
def level_word(level: int) -> str:
    return str(LEVEL_WORDS.get(level, ""))
