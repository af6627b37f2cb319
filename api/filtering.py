"""The public lists' FilterSets, applied to the API's lists (``filterset_class`` of a view).

One definition serves both: a FilterSet of ``incidents.filters`` or ``victims.filters`` reads the
same parameters here as on its HTML list, and a malformed one answers 400 naming the parameter
(``date_after``, not the form's field ``date``). The schema's parameters are worked out from the
same form fields (``parameters``), so a filter added to a list is documented here by itself.
"""

from django import forms
from django.utils.translation import gettext as _
from django_filters.widgets import SuffixedMultiWidget
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from core.filters import FALSE_WORDS, TRUE_WORDS, FlagField, MonthField, SearchFilter
from facilities.filters import PlaceField
from incidents.filters import UNATTRIBUTED, PartyField


class PublicFilterBackend(BaseFilterBackend):
    """Filters a list with its view's ``filterset_class``; the valid FilterSet is kept on the view
    (``view.filterset``) for the paginator's count."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None or getattr(view, "action", "list") != "list":
            return queryset
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise ValidationError(parameter_errors(filterset.form))
        view.filterset = filterset
        return filterset.qs

    def get_schema_operation_parameters(self, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return []
        return parameters(filterset_class())


def part_names(name: str, field) -> list[str]:
    """The query parameters of a field read in parts (``date`` reads ``date_after`` and
    ``date_before``); [] for a field read under its own name."""
    widget = field.widget
    if isinstance(widget, SuffixedMultiWidget):
        return [widget.suffixed(name, suffix) for suffix in widget.suffixes]
    if isinstance(widget, forms.MultiWidget):
        return [name + part for part in widget.widgets_names]
    return []


def parameter_errors(form) -> dict[str, list[str]]:
    """``{parameter: [message, ...]}``: a field read in parts names the part that is wrong."""
    errors = {}
    for name, messages in form.errors.items():
        field = form.fields.get(name)
        parts = part_names(name, field) if field is not None else []
        if not parts:
            errors[name] = list(messages)
            continue
        wrong = [
            part for part, sub in zip(parts, field.fields, strict=False) if fails(sub, form.data.get(part))
        ]
        for part in wrong or parts:
            errors[part] = list(messages)
    return errors


def fails(field, value) -> bool:
    try:
        field.clean(value)
    except forms.ValidationError:
        return True
    return False


# The schema: one OpenAPI parameter per query parameter, from the form field that reads it.


def parameters(filterset) -> list[dict]:
    found = []
    for name, field in filterset.form.fields.items():
        label = str(field.label or name)
        parts = part_names(name, field)
        if parts:
            for part, sub in zip(parts, field.fields, strict=False):
                found.append(parameter(part, schema_of(sub), f"{label} ({part_hint(part)})"))
        else:
            search = isinstance(filterset.filters.get(name), SearchFilter)
            found.append(
                parameter(name, schema_of(field), described(label, field, search), many=is_many(field))
            )
    return found


def parameter(name: str, schema: dict, description: str, many: bool = False) -> dict:
    found = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if many:
        found |= {"style": "form", "explode": True}
    return found


def is_many(field) -> bool:
    return isinstance(field, forms.MultipleChoiceField)


def part_hint(part: str) -> str:
    if part.endswith("_after"):
        return _("from this day, included; YYYY-MM-DD")
    if part.endswith("_before"):
        return _("up to this day, included; YYYY-MM-DD")
    return part


def codes(field) -> list[str]:
    return [str(value) for value, _label in field.choices if value != ""]


def schema_of(field) -> dict:
    """The JSON schema of the values ``field`` accepts."""
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, PartyField):
        # Checked before ChoiceField: its choices are the parties, read from the database.
        return {"type": "string", "maxLength": 80}
    if isinstance(field, forms.MultipleChoiceField):
        return {"type": "array", "items": {"type": "string", "enum": codes(field)}}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": codes(field)}
    if isinstance(field, FlagField):
        return {"type": "string", "enum": sorted((TRUE_WORDS | FALSE_WORDS) - {""})}
    if isinstance(field, MonthField):
        return {"type": "string", "pattern": r"^\d{4}-\d{1,2}$", "example": "2018-01"}
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def described(label: str, field, search: bool = False) -> str:
    """The filter's label, and what it takes."""
    if isinstance(field, PartyField):
        hint = _("a party's code (its sub-parties included), or “%(unattributed)s”") % {
            "unattributed": UNATTRIBUTED
        }
    elif isinstance(field, PlaceField):
        hint = (
            _("a place's P-code, id or name, everything within it included")
            if field.by_name
            else _("a place's P-code or id, everything within it included")
        )
    elif isinstance(field, forms.MultipleChoiceField):
        hint = _("one or more codes; repeat the parameter for several")
    elif isinstance(field, forms.ChoiceField):
        hint = _("one code")
    elif isinstance(field, FlagField):
        hint = _("1 switches the filter on")
    elif isinstance(field, MonthField):
        hint = _("YYYY-MM")
    elif search:
        hint = _("words to find, as in the list's search box")
    else:
        hint = ""
    text = f"{label} ({hint})" if hint else label
    if isinstance(field, forms.ChoiceField) and not isinstance(field, PartyField):
        text += "\n\n" + "\n".join(f"* `{value}` - {label}" for value, label in field.choices if value != "")
    return text
