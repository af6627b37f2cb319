"""Public facility pages: the list with attack counts, and each facility's attack history."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from core.views import PublicListView
from incidents.models import Attack, Attribution
from victims.models import Victim

from .filters import FacilityFilterSet
from .models import Facility, Place


def governorates_by_id() -> dict[int, Place]:
    """Every governorate, in one query (there are few)."""
    return {place.pk: place for place in Place.objects.public().governorates()}


def governorate_of(place: Place | None, governorates: dict[int, Place]) -> Place | None:
    """The governorate above ``place``, read from its materialised path."""
    if place is None:
        return None
    for part in place.path.strip("/").split("/"):
        if part.isdigit() and int(part) in governorates:
            return governorates[int(part)]
    return None


class FacilityListView(PublicListView):
    filterset_class = FacilityFilterSet
    template_name = "facilities/facility_list.html"
    keyset = "name"
    csv_name = "facilities"
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
        governorates = governorates_by_id()
        for facility in queryset.order_by("name", "pk").iterator(chunk_size=1000):
            governorate = governorate_of(facility.place, governorates)
            yield [
                facility.code,
                facility.name,
                facility.name_ar,
                facility.other_names,
                facility.kind,
                facility.category,
                facility.identifier,
                facility.operator,
                facility.parent.code if facility.parent else "",
                governorate.name if governorate else "",
                governorate.pcode if governorate else "",
                facility.place.name,
                facility.place.pcode,
                facility.latitude,
                facility.longitude,
                facility.attack_count,
            ]


def facility_detail(request, code):
    facility = get_object_or_404(Facility.objects.public().select_related("place", "parent"), code=code)
    attacks = list(
        Attack.objects.public()
        .filter(facility=facility)
        .select_related("incident")
        .prefetch_related(
            Prefetch(
                "incident__attributions",
                queryset=Attribution.objects.filter(primary=True).select_related("perpetrator"),
                to_attr="primary_attributions",
            )
        )
        .order_by("incident__date", "incident_id")
    )
    context = {
        "facility": facility,
        "ancestors": facility.place.ancestors(),
        "attacks": attacks,
        "units": Facility.objects.public().filter(parent=facility).order_by("name"),
        "staff": Victim.objects.public()
        .counted()
        .filter(affiliation=facility)
        .select_related("incident")
        .order_by("-date_of_harm", "-pk"),
    }
    return render(request, "facilities/facility_detail.html", context)
