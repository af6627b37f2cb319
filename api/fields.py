"""Serializer fields of the API's answers."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}$", "example": "14:00"})
class LocalTimeField(serializers.TimeField):
    """A time of day as ``HH:MM``, at the place (no time zone: OpenAPI's ``time`` format would
    require one)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(format="%H:%M", **kwargs)


class CodeField(serializers.ChoiceField):
    """A vocabulary code; a blank one (an attack whose damage is not recorded) is null."""

    def __init__(self, choices, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(choices, **kwargs)

    def to_representation(self, value):
        return value or None


class NamedOnly(serializers.CharField):
    """A victim's text that may be public only with the name (``publish_name``): their name, other
    names and biography. Null when the name is not to be published, whatever is recorded."""

    def __init__(self, field: str, **kwargs):
        kwargs.setdefault("help_text", _("Null unless the victim's name may be published."))
        super().__init__(source="*", allow_null=True, read_only=True, **kwargs)
        self.model_field = field

    def to_representation(self, victim):
        return getattr(victim, self.model_field) if victim.publish_name else None


def code_of(source: str, help_text, **kwargs) -> serializers.CharField:
    """The public code of a related record at ``source`` (null when there is none)."""
    return serializers.CharField(
        source=source, allow_null=True, read_only=True, help_text=help_text, **kwargs
    )
