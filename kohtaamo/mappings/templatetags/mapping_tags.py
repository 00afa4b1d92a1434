from django import template

from kohtaamo.mappings.enums import MappingStatus

register = template.Library()


@register.filter
def open_draft(mappings):
    """The draft among `mappings`, or None: an employer has at most one."""
    return next((m for m in mappings if m.status == MappingStatus.DRAFT), None)
