"""Place filters of the public lists: a place by P-code, id or name, and everything below it."""

from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import Text, in_language
from core.filters import MarkedSelect
from core.search import normalise, text_match

from .models import Place, PlaceLevel

MAX_PLACES_BY_NAME = 20
MAX_PLACES_FOR_SEARCH = 20
PLACE_OPTIONS_LIMIT = 500


class PlaceField(forms.CharField):
    """A place by P-code or id (or by name, when ``by_name``): the places it names.

    The filter then covers each place and everything below it.
    """

    def __init__(self, *args, by_name: bool = False, **kwargs):
        self.by_name = by_name
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if "\x00" in value:
            raise ValidationError(_("Null characters are not allowed."), code="null_characters_not_allowed")
        places = self.lookup(value)
        if not places:
            raise ValidationError(
                _("No place has the P-code, id or name “%(value)s”."), code="unknown", params={"value": value}
            )
        return places

    def lookup(self, value: str) -> list[Place]:
        places = list(Place.objects.filter(pcode__iexact=value)[:1])
        if not places and value.isdigit() and len(value) < 16:
            places = list(Place.objects.filter(pk=int(value)))
        name = normalise(value)
        if not places and self.by_name and name:
            # search_text begins with the normalised name: "maaret al numan معره النعمان sy070300".
            same_name = Q(search_text=name) | Q(search_text__startswith=f"{name} ") | Q(name_ar=value)
            places = list(Place.objects.filter(same_name).order_by("path")[:MAX_PLACES_BY_NAME])
        return places


class GovernorateSelect(MarkedSelect):
    """The governorates (there are few), read when the form is drawn, named in the page's
    language (else the other's, marked)."""

    def get_context(self, name, value, attrs):
        self.choices = [("", _("All governorates")), *Place.objects.public().governorate_choices()]
        return super().get_context(name, value, attrs)


class PlaceFilter(django_filters.Filter):
    """Rows whose place (``field_name``) lies within the named place(s).

    ``by_name``: a free-text box (with a datalist of larger places) that also
    takes a place name; otherwise a select of governorates.
    """

    field_class = PlaceField

    def __init__(self, *args, by_name: bool = False, **kwargs):
        if by_name:
            kwargs.setdefault(
                "widget", forms.TextInput(attrs={"list": "place-options", "autocomplete": "off"})
            )
        else:
            kwargs.setdefault("widget", GovernorateSelect)
        super().__init__(*args, by_name=by_name, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(within(value, self.field_name))


def within(places, field: str = "") -> Q:
    """Q for a place field (``""``: the place itself) lying within any of ``places``."""
    path = f"{field}__path__startswith" if field else "path__startswith"
    return reduce(or_, (Q(**{path: place.path}) for place in places))


def matching_places(query: str) -> list[Place]:
    """Places named like ``query``; rows placed anywhere within them match a search."""
    return list(Place.objects.public().filter(text_match(query)).only("pk", "path")[:MAX_PLACES_FOR_SEARCH])


def place_options(limit: int = PLACE_OPTIONS_LIMIT) -> list[tuple[str, Text]]:
    """Governorates and districts for the place box's datalist, as (value, name) pairs, the name in
    the page's language (else the other's); smaller places are typed. The value is the P-code, or
    the name of a place without one."""
    levels = [PlaceLevel.ADMIN1, PlaceLevel.ADMIN2]
    places = Place.objects.public().filter(level__in=levels).order_by("name")
    rows = places.values_list("pcode", "name", "name_ar")[:limit]
    return [(pcode or name, in_language(name, name_ar)) for pcode, name, name_ar in rows]
