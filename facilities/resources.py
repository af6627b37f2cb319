"""Spreadsheet interchange of the gazetteer and the facilities (interfaces.md, "Spreadsheet interchange")."""

from django.db.models import F, Value
from django.db.models.functions import Length, Replace

from core.interchange_resources import (
    ChoiceWidget,
    CodedResource,
    CodeWidget,
    Column,
    DecimalWidget,
    InterchangeResource,
    PlaceRefWidget,
    RefWidget,
    TextWidget,
    checked_or_raw,
    chunked,
    name_key,
    place_reference,
    self_reference_depth,
)

from .models import Facility, FacilityKind, Place, PlaceLevel


class PlaceResource(InterchangeResource):
    """Places, matched on ``pcode``; a place without pcode is matched on name, level and parent."""

    identity_columns = ("pcode",)

    pcode = Column("pcode", CodeWidget())
    name = Column("name")
    name_ar = Column("name_ar")
    level = Column("level", ChoiceWidget(PlaceLevel.choices))
    parent = Column("parent", PlaceRefWidget(), attribute="parent_id")

    class Meta(InterchangeResource.Meta):
        model = Place
        fields = ("pcode", "name", "name_ar", "level", "parent")
        import_id_fields = ("pcode",)

    columns = Meta.fields

    def identity_of(self, row):
        pcode = checked_or_raw(row.get("pcode"))
        if pcode:
            return ("pcode", pcode)
        name = name_key(checked_or_raw(row.get("name")))
        if not name:
            return None
        return (
            "name",
            name,
            checked_or_raw(row.get("level")).lower(),
            name_key(checked_or_raw(row.get("parent"))),
        )

    def prepare(self, dataset):
        pcodes = {checked_or_raw(v) for v in dataset["pcode"]} - {""}
        self._existing = {}
        for batch in chunked(sorted(pcodes)):
            for place in Place.objects.filter(pcode__in=batch):
                self._existing[place.pk] = place

    def find_existing(self, row):
        pcode = checked_or_raw(row.get("pcode"))
        if pcode:
            pk = self.places.by_pcode.get(pcode)
        else:
            try:
                parent_id = (
                    self.places.resolve(checked_or_raw(row.get("parent"))) if row.get("parent") else None
                )
            except ValueError:
                return None
            pk = self.places.find(
                checked_or_raw(row.get("name")), checked_or_raw(row.get("level")), parent_id
            )
        if pk is None:
            return None
        return self._existing.pop(pk, None) or Place.objects.filter(pk=pk).first()

    def after_fields(self, instance, row, errors):
        if instance.pk is None and instance.pcode:
            same = self.places.by_pcode_folded.get(instance.pcode.lower())
            if same:
                existing = self.places.info[next(iter(same))][0]
                errors.setdefault("pcode", f"differs only in letter case from the existing pcode {existing}")

    def remember(self, instance):
        self.places.remember(
            instance.pk, instance.pcode, instance.name, instance.name_ar, instance.level, instance.parent_id
        )

    def export_expressions(self):
        return {"parent": place_reference("parent")}

    def export_ordering(self):
        depth = Length("path") - Length(Replace("path", Value("/"), Value("")))
        return [depth, "pcode", "name", "level", "name_ar", place_reference("parent")]


class FacilityResource(CodedResource):
    """Facilities, matched on ``code`` (generated when blank)."""

    # Facility.save() fills search_text (and the code) before writing, nothing after.
    bulk_insert = True

    code = Column("code", CodeWidget())
    name = Column("name")
    name_ar = Column("name_ar")
    other_names = Column("other_names")
    kind = Column("kind", ChoiceWidget(FacilityKind.choices))
    identifier = Column("identifier", TextWidget())
    operator = Column("operator")
    parent = Column("parent", RefWidget("facility", "facility"), attribute="parent_id")
    place = Column("place", PlaceRefWidget(), attribute="place_id")
    latitude = Column("latitude", DecimalWidget())
    longitude = Column("longitude", DecimalWidget())

    class Meta(CodedResource.Meta):
        model = Facility
        fields = (
            "code",
            "name",
            "name_ar",
            "other_names",
            "kind",
            "identifier",
            "operator",
            "parent",
            "place",
            "latitude",
            "longitude",
        )
        import_id_fields = ("code",)

    columns = Meta.fields

    def own_index_name(self):
        return "facility"

    def remember(self, instance):
        self.index("facility").remember(instance.code, instance.pk)

    def export_expressions(self):
        return {"parent": F("parent__code"), "place": place_reference("place")}

    def export_ordering(self):
        return [self_reference_depth("parent"), "code"]
