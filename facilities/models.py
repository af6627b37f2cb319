"""Gazetteer places and the facilities (buildings, vehicles) that get attacked."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.bilingual import Text, in_language
from core.choices import codes_rolling_up_to, coordinate_field, range_check, rollup_expression
from core.codes import PublicCodeMixin
from core.permissions import interchange_permissions, publish_permission
from core.search import keep_search_text, search_document


class PlaceLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    ADMIN1 = "admin1", _("Governorate")
    ADMIN2 = "admin2", _("District")
    ADMIN3 = "admin3", _("Subdistrict")
    LOCALITY = "locality", _("Town or village")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


class PlaceQuerySet(models.QuerySet):
    def public(self):
        """Places a public record uses (and the places above them), or that a reviewer published."""
        return self.filter(published=True)

    def within(self, place: "Place"):
        """The place itself and everything below it."""
        return self.filter(path__startswith=place.path)

    def governorates(self):
        return self.filter(level=PlaceLevel.ADMIN1)

    def governorates_by_id(self) -> dict[int, "Place"]:
        """Every governorate, in one query (there are few)."""
        return {place.pk: place for place in self.governorates()}

    def governorate_cells(self):
        """A function from a place's path to its governorate's (name, pcode, name_ar), all "" when none.

        For the CSV downloads: one query for the governorates, then one dictionary
        lookup per row (the answer is kept for each path seen).
        """
        governorates = self.governorates_by_id()
        cells: dict[str, tuple[str, str, str]] = {}

        def lookup(path: str) -> tuple[str, str, str]:
            found = cells.get(path)
            if found is None:
                governorate = governorate_on_path(path, governorates)
                found = cells[path] = (
                    (governorate.name, governorate.pcode, governorate.name_ar)
                    if governorate
                    else ("", "", "")
                )
            return found

        return lookup

    def governorate_choices(self) -> list[tuple[str, Text]]:
        """``(P-code or id, name)`` of the governorates, by name, each named in the page's language
        (else the other's): a select's options."""
        governorates = self.governorates().order_by("name").values_list("pk", "pcode", "name", "name_ar")
        return [(pcode or str(pk), in_language(name, name_ar)) for pk, pcode, name, name_ar in governorates]


def governorate_on_path(path: str, governorates: dict) -> "Place | None":
    """The first of ``governorates`` (by id) on a materialised path ("/1/5/23/")."""
    for part in path.strip("/").split("/"):
        if part.isdigit() and int(part) in governorates:
            return governorates[int(part)]
    return None


def governorate_of(place: "Place | None", governorates: dict) -> "Place | None":
    """The governorate above ``place`` (or ``place`` itself), read from its materialised path."""
    return governorate_on_path(place.path, governorates) if place is not None else None


class Place(models.Model):
    """A gazetteer node; records placed in a locality count in its district and governorate."""

    name = models.CharField(_("name"), max_length=200)
    name_ar = models.CharField(_("Arabic name"), max_length=200, blank=True)
    pcode = models.CharField(
        _("P-code"), max_length=40, blank=True, help_text=_("e.g. an OCHA P-code such as SY07")
    )
    level = models.CharField(_("level"), max_length=20, choices=PlaceLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    published = models.BooleanField(
        _("public"),
        default=False,
        editable=False,
        help_text=_("Set when a public record uses the place, or a reviewer publishes it."),
    )
    # Materialised ancestry ("/1/5/23/"), kept by save(): "everything below" is one
    # indexed prefix match instead of a recursive query.
    path = models.CharField(
        _("position in the tree of places"), max_length=255, editable=False, db_index=True, default=""
    )
    # Normalised names for search (core.search); trigram-indexed on PostgreSQL.
    search_text = models.TextField(_("search text"), editable=False, blank=True, default="")

    history = HistoricalRecords(excluded_fields=["path", "search_text"])
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        permissions = [*interchange_permissions("place"), publish_permission("place")]
        constraints = [
            models.UniqueConstraint(
                fields=["pcode"], condition=~Q(pcode=""), name="place_pcode_unique_when_set"
            ),
        ]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        keep_search_text(self, search_document(self.name, self.name_ar, self.pcode), kwargs)
        old_path = self.path
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {}
        self.path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            Place.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(self.path), Substr("path", len(old_path) + 1))
            )
        if self.published and self.parent_id:
            publish_used(place_ids=[self.parent_id])

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A place cannot lie within itself.")})
            ancestor = ancestor.parent

    def ancestors(self) -> list["Place"]:
        """From the country down to the parent, fetched in one query."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = Place.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    @property
    def governorate(self) -> "Place | None":
        if self.level == PlaceLevel.ADMIN1:
            return self
        return next((p for p in self.ancestors() if p.level == PlaceLevel.ADMIN1), None)


class FacilityCategory(models.TextChoices):
    MEDICAL = "medical", _("Medical facility")
    AMBULANCE = "ambulance", _("Ambulance")
    CIVIL_DEFENSE = "civil_defense", _("Civil defence facility")
    RED_CRESCENT = "red_crescent", _("Red Crescent facility")
    EDUCATION = "education", _("Educational facility")
    WORSHIP = "worship", _("Place of worship")
    MARKET = "market", _("Market")
    INFRASTRUCTURE = "infrastructure", _("Vital infrastructure")
    CAMP = "camp", _("Camp for displaced people")
    HERITAGE = "heritage", _("Cultural heritage")
    HUMANITARIAN = "humanitarian", _("Humanitarian facility")
    OTHER = "other", _("Other")


class FacilityKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    FIELD_HOSPITAL = "field_hospital", _("Field hospital")
    PRIMARY_CARE = "primary_care", _("Primary care centre")
    MEDICAL_POINT = "medical_point", _("Medical point")
    MOBILE_CLINIC = "mobile_clinic", _("Mobile clinic")
    PHARMACY = "pharmacy", _("Pharmacy")
    MEDICAL_WAREHOUSE = "medical_warehouse", _("Medical warehouse")
    AMBULANCE = "ambulance", _("Ambulance")
    CIVIL_DEFENSE_CENTER = "civil_defense_center", _("Civil defence centre")
    CIVIL_DEFENSE_VEHICLE = "civil_defense_vehicle", _("Civil defence vehicle")
    RED_CRESCENT_FACILITY = "red_crescent_facility", _("Red Crescent facility")
    RED_CRESCENT_VEHICLE = "red_crescent_vehicle", _("Red Crescent vehicle")
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    UNIVERSITY = "university", _("University")
    MOSQUE = "mosque", _("Mosque")
    CHURCH = "church", _("Church")
    SHRINE = "shrine", _("Shrine")
    MARKET = "market", _("Market")
    BAKERY = "bakery", _("Bakery")
    SHOP = "shop", _("Shop")
    WATER_FACILITY = "water_facility", _("Water facility")
    POWER_FACILITY = "power_facility", _("Power facility")
    FUEL_FACILITY = "fuel_facility", _("Fuel facility")
    COMMUNICATIONS_FACILITY = "communications_facility", _("Communications facility")
    IDP_CAMP = "idp_camp", _("Camp for displaced people")
    CULTURAL_HERITAGE = "cultural_heritage", _("Cultural heritage site")
    AID_WAREHOUSE = "aid_warehouse", _("Aid warehouse")
    AID_OFFICE = "aid_office", _("Aid organisation office")
    AID_VEHICLE = "aid_vehicle", _("Aid vehicle")
    OTHER = "other", _("Other")


KIND_CATEGORY: dict[str, str] = {
    FacilityKind.HOSPITAL: FacilityCategory.MEDICAL,
    FacilityKind.FIELD_HOSPITAL: FacilityCategory.MEDICAL,
    FacilityKind.PRIMARY_CARE: FacilityCategory.MEDICAL,
    FacilityKind.MEDICAL_POINT: FacilityCategory.MEDICAL,
    FacilityKind.MOBILE_CLINIC: FacilityCategory.MEDICAL,
    FacilityKind.PHARMACY: FacilityCategory.MEDICAL,
    FacilityKind.MEDICAL_WAREHOUSE: FacilityCategory.MEDICAL,
    FacilityKind.AMBULANCE: FacilityCategory.AMBULANCE,
    FacilityKind.CIVIL_DEFENSE_CENTER: FacilityCategory.CIVIL_DEFENSE,
    FacilityKind.CIVIL_DEFENSE_VEHICLE: FacilityCategory.CIVIL_DEFENSE,
    FacilityKind.RED_CRESCENT_FACILITY: FacilityCategory.RED_CRESCENT,
    FacilityKind.RED_CRESCENT_VEHICLE: FacilityCategory.RED_CRESCENT,
    FacilityKind.SCHOOL: FacilityCategory.EDUCATION,
    FacilityKind.KINDERGARTEN: FacilityCategory.EDUCATION,
    FacilityKind.UNIVERSITY: FacilityCategory.EDUCATION,
    FacilityKind.MOSQUE: FacilityCategory.WORSHIP,
    FacilityKind.CHURCH: FacilityCategory.WORSHIP,
    FacilityKind.SHRINE: FacilityCategory.WORSHIP,
    FacilityKind.MARKET: FacilityCategory.MARKET,
    FacilityKind.BAKERY: FacilityCategory.MARKET,
    FacilityKind.SHOP: FacilityCategory.MARKET,
    FacilityKind.WATER_FACILITY: FacilityCategory.INFRASTRUCTURE,
    FacilityKind.POWER_FACILITY: FacilityCategory.INFRASTRUCTURE,
    FacilityKind.FUEL_FACILITY: FacilityCategory.INFRASTRUCTURE,
    FacilityKind.COMMUNICATIONS_FACILITY: FacilityCategory.INFRASTRUCTURE,
    FacilityKind.IDP_CAMP: FacilityCategory.CAMP,
    FacilityKind.CULTURAL_HERITAGE: FacilityCategory.HERITAGE,
    FacilityKind.AID_WAREHOUSE: FacilityCategory.HUMANITARIAN,
    FacilityKind.AID_OFFICE: FacilityCategory.HUMANITARIAN,
    FacilityKind.AID_VEHICLE: FacilityCategory.HUMANITARIAN,
    FacilityKind.OTHER: FacilityCategory.OTHER,
}


def public_coordinates() -> dict:
    """Annotations ``public_latitude`` and ``public_longitude``: the coordinates a public output
    (a page, a CSV download, the API) may show of a facility or an incident, by domain rule 6.

    Recorded coordinates can put people in danger: hospitals that shared theirs for
    deconfliction were then struck. A record's own point is public only when it says so
    (``public_location = exact``), else its place's point, else none. Until that field exists
    every record has the rule's default (its place's point) and places have no point yet, so no
    coordinates are public; staff see the recorded ones in the admin. Public outputs read these
    annotations, never ``latitude`` and ``longitude`` themselves
    (``tests/protection/test_locations.py``)."""
    nowhere = models.Value(None, output_field=models.DecimalField(max_digits=9, decimal_places=6))
    return {"public_latitude": nowhere, "public_longitude": nowhere}


def category_of(kind: str) -> str:
    """The report category of a facility kind (``Facility.category``, for rows read as values)."""
    return KIND_CATEGORY.get(kind, FacilityCategory.OTHER)


def kinds_in_category(category: str) -> list[str]:
    return codes_rolling_up_to(KIND_CATEGORY, category)


def category_expression(kind_field: str = "kind") -> models.Case:
    """SQL expression that derives the report category from a facility kind."""
    return rollup_expression(kind_field, KIND_CATEGORY, FacilityCategory.values, FacilityCategory.OTHER)


class FacilityQuerySet(models.QuerySet):
    def public(self):
        """Facilities a public record uses, or that a reviewer published; their attacks are gated
        separately."""
        return self.filter(published=True)

    def in_category(self, category: str):
        return self.filter(kind__in=kinds_in_category(category))

    def with_category(self):
        return self.annotate(category=category_expression())


class Facility(PublicCodeMixin, models.Model):
    """Something that can be attacked: a building or a vehicle."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        blank=True,
        help_text=_("Stable public identifier; generated when left blank."),
    )
    name = models.CharField(_("name"), max_length=250)
    name_ar = models.CharField(_("Arabic name"), max_length=250, blank=True)
    other_names = models.CharField(
        _("other names"), max_length=500, blank=True, help_text=_('e.g. "al Ihsan Hospital"')
    )
    kind = models.CharField(_("kind"), max_length=30, choices=FacilityKind.choices)
    identifier = models.CharField(
        _("identifier"), max_length=100, blank=True, help_text=_('e.g. civil defence centre "200"')
    )
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("belongs to"),
        help_text=_("An ambulance belongs to a hospital or a centre."),
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("place")
    )
    latitude = coordinate_field("latitude", _("latitude"))
    longitude = coordinate_field("longitude", _("longitude"))
    notes = models.TextField(_("notes"), blank=True)
    published = models.BooleanField(
        _("public"),
        default=False,
        editable=False,
        help_text=_("Set when a public record uses the facility, or a reviewer publishes it."),
    )
    # Normalised public names for search (core.search); GIN-indexed on PostgreSQL.
    search_text = models.TextField(_("search text"), editable=False, blank=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = FacilityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        permissions = [*interchange_permissions("facility"), publish_permission("facility")]
        constraints = [
            models.CheckConstraint(
                condition=range_check("latitude", -90, 90), name="facility_latitude_in_range"
            ),
            models.CheckConstraint(
                condition=range_check("longitude", -180, 180), name="facility_longitude_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        keep_search_text(self, self.search_document(), kwargs)
        super().save(*args, **kwargs)
        if self.published:
            publish_used(facility_ids=[self.pk])

    def get_absolute_url(self) -> str:
        """The public page (``facilities:facility_detail``); only public records have one that answers."""
        return reverse("facilities:facility_detail", args=[self.code])

    def search_document(self) -> str:
        return search_document(self.name, self.name_ar, self.other_names, self.identifier, self.operator)

    def code_prefix(self) -> str:
        return "FAC-"

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A facility cannot belong to itself.")})

    @property
    def category(self) -> str:
        """Report category, derived from ``kind``."""
        return category_of(self.kind)

    def get_category_display(self) -> str:
        return FacilityCategory(self.category).label


def publish_used(*, facility_ids=(), place_ids=()) -> None:
    """Make public what a public (or published) record uses: the facilities, the facilities they
    belong to, their places and every place above those. Called by the records' ``save()`` and by
    the imports' batches; nothing is ever made non-public here."""
    facility_ids = {pk for pk in facility_ids if pk is not None}
    place_ids = {pk for pk in place_ids if pk is not None}
    seen: set[int] = set()
    while facility_ids - seen:
        rows = Facility.objects.filter(pk__in=facility_ids - seen).values_list("pk", "parent_id", "place_id")
        seen |= facility_ids
        for _pk, parent_id, place_id in rows:
            place_ids.add(place_id)
            if parent_id is not None:
                facility_ids.add(parent_id)
    if seen:
        Facility.objects.filter(pk__in=seen, published=False).update(published=True)
    if place_ids:
        paths = Place.objects.filter(pk__in=place_ids).values_list("path", flat=True)
        on_paths = {int(part) for path in paths for part in path.strip("/").split("/") if part.isdigit()}
        Place.objects.filter(pk__in=on_paths | place_ids, published=False).update(published=True)


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ChangeProposal(models.Model):
    """A documenter's change to a public shared record (a place, a facility), kept apart from the
    record until a reviewer approves it (``facilities.proposals``). Public pages, search, exports,
    the list columns and the report tallies read the record only, never a proposal."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("proposed values"), encoder=DjangoJSONEncoder)
    previous = models.JSONField(_("values when proposed"), encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]

    def __str__(self) -> str:
        return f"{self.record_label} ({self.get_status_display()})"
