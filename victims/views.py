"""Public victim pages. A victim whose name is not published is "Unnamed victim" everywhere."""

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core.views import PublicListView
from incidents.models import Attribution

from .filters import VictimFilterSet
from .models import Victim


def incident_primary():
    return Prefetch(
        "incident__attributions",
        queryset=Attribution.objects.filter(primary=True).select_related("perpetrator"),
    )


class VictimListView(PublicListView):
    filterset_class = VictimFilterSet
    template_name = "victims/victim_list.html"
    keyset = "-date_of_harm"
    keyset_nullable = True
    csv_name = "victims"
    csv_columns = [
        ("code", "#affected+code"),
        ("url", "#meta+url"),
        ("name", "#affected+name"),
        ("name_ar", "#affected+name+i_ar"),
        ("sex", "#affected+sex"),
        ("age", "#affected+age"),
        ("child", "#affected+child"),
        ("role", "#affected+role"),
        ("report_class", "#affected+role+class"),
        ("affiliation", "#loc+facility+code"),
        ("affiliation_name", "#loc+facility+name"),
        ("organization", "#org+name"),
        ("harm", "#affected+harm"),
        ("date_of_harm", "#date+occurred"),
        ("incident", "#event+code"),
        ("perpetrator", "#group+code+first"),
        ("perpetrator_name", "#group+name+first"),
        ("on_duty", "#affected+on_duty"),
        ("circumstances", "#description"),
    ]

    def get_queryset(self):
        return Victim.objects.public().counted().select_related("affiliation", "incident", "perpetrator")

    def decorate(self, rows):
        prefetch_related_objects(rows, incident_primary())

    def csv_rows(self, queryset):
        base = self.request.build_absolute_uri("/")[:-1]
        rows = queryset.prefetch_related(incident_primary()).order_by("-date_of_harm", "-pk")
        for victim in rows.iterator(chunk_size=1000):
            party = victim.counted_perpetrator
            yield [
                victim.code,
                base + reverse("victims:victim_detail", args=[victim.code]),
                victim.public_name,
                victim.name_ar if victim.publish_name else "",
                victim.sex,
                victim.age,
                "" if victim.is_child is None else ("yes" if victim.is_child else "no"),
                victim.role,
                victim.report_class,
                victim.affiliation.code if victim.affiliation else "",
                victim.affiliation.name if victim.affiliation else "",
                victim.organization,
                victim.harm,
                victim.date_of_harm,
                victim.incident.code if victim.incident else "",
                party.code if party else "",
                party.name if party else "",
                victim.on_duty,
                victim.circumstances,
            ]


def victim_detail(request, code):
    victim = get_object_or_404(
        Victim.objects.public()
        .select_related(
            "affiliation", "hometown", "incident", "incident__place", "perpetrator", "duplicate_of"
        )
        .prefetch_related(incident_primary()),
        code=code,
    )
    duplicate_of = None
    if victim.duplicate_of_id:
        duplicate_of = Victim.objects.public().filter(pk=victim.duplicate_of_id).first()
    context = {"victim": victim, "party": victim.counted_perpetrator, "duplicate_of": duplicate_of}
    return render(request, "victims/victim_detail.html", context)
