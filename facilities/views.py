"""Public facility pages: the list with attack counts, and each facility's attack history."""

from django.shortcuts import get_object_or_404, render

from core.csv_values import CSV_CHUNK
from core.views import PublicListView

from .filters import FacilityFilterSet
from .models import Facility, Place, PlaceLevel, category_of


def place_options(limit: int = 500) -> list[tuple[str, str]]:
    """Governorates and districts for the place box's datalist, as (value, name) pairs; smaller
    places are typed. The value is the P-code, or the name of a place without one."""
    levels = [PlaceLevel.ADMIN1, PlaceLevel.ADMIN2]
    places = Place.objects.public().filter(level__in=levels).order_by("name").values_list("pcode", "name")
    return [(pcode or name, name) for pcode, name in places[:limit]]


def governorates_by_id() -> dict[int, Place]:
    """Every governorate, in one query (there are few)."""
    return {place.pk: place for place in Place.objects.public().governorates()}


def governorate_of(place: Place | None, governorates: dict[int, Place]) -> Place | None:
    """The governorate above ``place``, read from its materialised path."""
    if place is None:
        return None
    return governorate_on_path(place.path, governorates)


def governorate_on_path(path: str, governorates: dict[int, Place]) -> Place | None:
    """The first governorate on a materialised path ("/1/5/23/")."""
    for part in path.strip("/").split("/"):
        if part.isdigit() and int(part) in governorates:
            return governorates[int(part)]
    return None


def governorate_cells():
    """A function from a place's path to its governorate's (name, pcode), ("", "") when none.

    For the CSV downloads: one query for the governorates, then one dictionary
    lookup per row (the answer is kept for each path seen).
    """
    governorates = governorates_by_id()
    cells: dict[str, tuple[str, str]] = {}

    def lookup(path: str) -> tuple[str, str]:
        found = cells.get(path)
        if found is None:
            governorate = governorate_on_path(path, governorates)
            found = cells[path] = (governorate.name, governorate.pcode) if governorate else ("", "")
        return found

    return lookup


class FacilityListView(PublicListView):
    filterset_class = FacilityFilterSet
    template_name = "facilities/facility_list.html"
    keyset = "name"
    csv_name = "facilities"
    place_options = staticmethod(place_options)
    csv_columns = [
        ("code", "#loc+facility+code"),
        ("name", "#loc+facility+name"),
        ("name_ar", "#loc+facility+name+i_ar"),
        ("other_names", "#loc+facility+name+alt"),
        ("kind", "#loc+facility+type"),
        ("category", "#loc+facility+type+category"),
        ("identifier", "#loc+facility+id"),
        ("operator", "#org+operator"),
        ("parent", "#loc+facility+code+parent"),
        ("governorate", "#adm1+name"),
        ("governorate_pcode", "#adm1+code"),
        ("place", "#loc+name"),
        ("place_pcode", "#loc+code"),
        ("latitude", "#geo+lat"),
        ("longitude", "#geo+lon"),
        ("attacks", "#indicator+attacks+num"),
    ]

    def get_queryset(self):
        return Facility.objects.public().select_related("place", "parent")

    def decorate(self, rows):
        governorates = governorates_by_id()
        for facility in rows:
            facility.governorate = governorate_of(facility.place, governorates)

    def csv_rows(self, queryset):
        governorate = governorate_cells()
        rows = (
            queryset.order_by("name", "pk")
            .values_list(
                "code",
                "name",
                "name_ar",
                "other_names",
                "kind",
                "identifier",
                "operator",
                "parent__code",
                "place__path",
                "place__name",
                "place__pcode",
                "latitude",
                "longitude",
                "attack_count",
            )
            .iterator(chunk_size=CSV_CHUNK)
        )
        for code, name, name_ar, other_names, kind, identifier, operator, parent, path, *rest in rows:
            place_name, place_pcode, latitude, longitude, attacks = rest
            yield [
                code,
                name,
                name_ar,
                other_names,
                kind,
                category_of(kind),
                identifier,
                operator,
                parent,
                *governorate(path),
                place_name,
                place_pcode,
                latitude,
                longitude,
                attacks,
            ]


def facility_detail(request, code):
    """A facility and its attack history, reached through its reverse relations and ``.public()``."""
    facility = get_object_or_404(Facility.objects.public().select_related("place", "parent"), code=code)
    attacks = list(
        facility.attacks.public()
        .select_related("incident")
        # Every attribution of the incident: few, and ``Incident.primary_attribution`` picks one.
        .prefetch_related("incident__attributions__perpetrator")
        .order_by("incident__date", "incident_id")
    )
    context = {
        "facility": facility,
        "ancestors": facility.place.ancestors(),
        "attacks": attacks,
        "units": Facility.objects.public().filter(parent=facility).order_by("name"),
        "staff": facility.staff_victims.public()
        .counted()
        .select_related("incident")
        .order_by("-date_of_harm", "-pk"),
    }
    return render(request, "facilities/facility_detail.html", context)
