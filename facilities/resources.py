"""Spreadsheet interchange of the gazetteer and the facilities (interfaces.md, "Spreadsheet interchange")."""

from django.db.models import Case, F, Value, When
from django.db.models.functions import Length, Replace
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export.fields import Field

from core.interchange_resources import InterchangeResource, RefWidget, code_of, self_reference_depth

from . import proposals
from .models import Facility, Place, PlaceLevel


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class PlaceWidget(RefWidget):
    """A place by pcode (any letter case), or by a name (English or Arabic) that one place bears.

    The gazetteer is read once per import; places made by earlier rows are added as they come."""

    def __init__(self):
        super().__init__(Place, field="pcode", label=gettext_lazy("place"))
        self.by_name = {}

    def prepare(self, values, resource) -> None:
        for place in Place.objects.all():
            self.remember(place)

    def remember(self, place) -> None:
        if place.pcode:
            super().remember(place)
        for key in {name_key(place.name), name_key(place.name_ar)} - {""}:
            self.by_name.setdefault(key, {})[place.pk] = place

    def lookup(self, text: str):
        if place := super().lookup(text):
            return place
        named = list(self.by_name.get(name_key(text), {}).values())
        localities = [place for place in named if place.level == PlaceLevel.LOCALITY]
        if len(named) > 1 and len(localities) != 1:
            message = ngettext(
                "%(count)s place bears this name; give the pcode of the one you mean",
                "%(count)s places bear this name; give the pcode of the one you mean",
                len(named),
            )
            raise ValueError(message % {"count": len(named)})
        return (localities or named or [None])[0]

    def missing(self, code: str) -> str:
        return _("no place has this pcode or name; import the places first")

    def find_unnamed(self, name: str, level: str, parent) -> Place | None:
        """A place without pcode is known by its name, level and parent."""
        for place in self.by_name.get(name_key(name), {}).values():
            if not place.pcode and (name_key(place.name), place.level, place.parent_id) == (
                name_key(name), level, parent and parent.pk):  # fmt: skip
                return place
        return None

    def export_expression(self, attribute: str):
        return place_code(attribute)


def place_code(attribute: str):
    """How a file names a place: its pcode, or its name when it has none."""
    pcode, name = F(f"{attribute}__pcode"), F(f"{attribute}__name")
    return Case(When(**{f"{attribute}__pcode": ""}, then=name), default=pcode)


PATH_DEPTH = Length("path") - Length(Replace("path", Value("/"), Value("")))  # parents first


def place_field(column: str) -> Field:
    return Field(attribute=column, column_name=column, widget=PlaceWidget())


class SharedRecordsMixin:
    """A file may not do what the admin keeps for reviewers: change a public place or facility
    (one a public record uses, or that a reviewer published). An unchanged row is fine."""

    def check_row(self, instance, row, errors):
        super().check_row(instance, row, errors)
        if (
            self.user is not None
            and instance.published
            and not proposals.may_change_public(self.user, instance)
            and self.changed(instance, row)
        ):
            key = self.get_import_id_fields()[0]
            message = _(
                "this %(record)s is public; only a reviewer may change it: "
                "propose the change on its page in the back office"
            )
            self.refuse(errors, key, message % {"record": instance._meta.verbose_name})


class PlaceResource(SharedRecordsMixin, InterchangeResource):
    """Places, matched on ``pcode``; a place without pcode on its name, level and parent."""

    parent = place_field("parent")
    export_ordering = (PATH_DEPTH, "pcode", "name", "level", "name_ar", place_code("parent"))

    class Meta(InterchangeResource.Meta):
        model = Place
        fields = ("pcode", "name", "name_ar", "level", "parent")
        import_id_fields = ("pcode",)

    def get_instance(self, instance_loader, row):
        if code_of(row.get("pcode")):
            return super().get_instance(instance_loader, row)
        widget = self.fields["parent"].widget
        try:
            parent = widget.clean(row.get("parent"))
        except ValueError:
            return None
        return widget.find_unnamed(code_of(row.get("name")), code_of(row.get("level")).lower(), parent)


class FacilityResource(SharedRecordsMixin, InterchangeResource):
    """Facilities, matched on ``code`` (generated when blank)."""

    bulk_new = True
    export_ordering = (self_reference_depth("parent"), "code")

    place = place_field("place")

    class Meta(InterchangeResource.Meta):
        model = Facility
        fields = ("code", "name", "name_ar", "other_names", "kind", "identifier", "operator", "parent",
                  "place", "latitude", "longitude")  # fmt: skip
