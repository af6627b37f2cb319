"""Public victim pages. A victim whose name is not published is "Unnamed victim" everywhere."""

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.bilingual import record_text
from core.csv_values import CSV_CHUNK, detail_url
from core.views import PublicListView
from facilities.filters import place_options
from incidents.models import Attribution, primary_attribution_join

from .filters import VictimFilterSet
from .models import CHILD_AGE_LIMIT, ROLE_REPORT_CLASS, ReportClass, Victim


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
    place_options = staticmethod(place_options)
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
        # The records' Arabic text, after the columns readers already rely on.
        ("affiliation_name_ar", "#loc+facility+name+i_ar"),
        ("perpetrator_name_ar", "#group+name+first+i_ar"),
        ("circumstances_ar", "#description+i_ar"),
    ]

    def get_queryset(self):
        return Victim.objects.public().counted().select_related("affiliation", "incident", "perpetrator")

    def decorate(self, rows):
        """Each row's names in the page's language (else the other's, marked by the template)."""
        prefetch_related_objects(rows, incident_primary())
        for victim in rows:
            party = victim.counted_party = victim.counted_perpetrator
            victim.shown_name = victim.public_name
            victim.affiliation_name = record_text(victim.affiliation, "name") if victim.affiliation else ""
            victim.party_name = record_text(party, "name") if party else ""

    def csv_rows(self, queryset):
        url = detail_url(self.request, "victims:victim_detail")
        report_class = ROLE_REPORT_CLASS.get
        civilian = ReportClass.CIVILIAN
        rows = (
            queryset.alias(primary_attribution=primary_attribution_join("incident__attributions"))
            .order_by("-date_of_harm", "-pk")
            .values_list(
                "code",
                "name",
                "name_ar",
                "publish_name",
                "sex",
                "age",
                "role",
                "affiliation__code",
                "affiliation__name",
                "organization",
                "harm",
                "date_of_harm",
                "incident_id",
                "incident__code",
                "primary_attribution__perpetrator__code",
                "primary_attribution__perpetrator__name",
                "perpetrator__code",
                "perpetrator__name",
                "on_duty",
                "circumstances",
                "affiliation__name_ar",
                "primary_attribution__perpetrator__name_ar",
                "perpetrator__name_ar",
                "circumstances_ar",
            )
            .iterator(chunk_size=CSV_CHUNK)
        )
        unnamed = None
        for row in rows:
            code, name, name_ar, publish_name, sex, age, role, affiliation, affiliation_name, *rest = row
            organization, harm, date, incident_id, incident, *parties, on_duty, circumstances = rest[:-4]
            affiliation_ar, incident_party_ar, own_party_ar, circumstances_ar = rest[-4:]
            if unnamed is None:
                # In the language active while the download streams, as Victim.public_name does.
                unnamed = str(_("Unnamed victim"))
            # Victim.counted_perpetrator: the incident's primary party, or the victim's own without one.
            party, party_name = parties[:2] if incident_id is not None else parties[2:]
            party_ar = incident_party_ar if incident_id is not None else own_party_ar
            yield [
                code,
                url(code),
                *published_names(name, name_ar, publish_name, unnamed),
                sex,
                age,
                "" if age is None else ("yes" if age < CHILD_AGE_LIMIT else "no"),
                role,
                report_class(role, civilian),
                affiliation,
                affiliation_name,
                organization,
                harm,
                date,
                incident,
                party,
                party_name,
                on_duty,
                circumstances,
                affiliation_ar,
                party_ar,
                circumstances_ar,
            ]


def published_names(name: str, name_ar: str, publish_name: bool, unnamed: str) -> tuple[str, str]:
    """The ``name`` and ``name_ar`` cells: both sides of a name only when it may be published (as
    ``Victim.public_name``), else ``unnamed`` and nothing."""
    if not publish_name:
        return unnamed, ""
    return name or unnamed, name_ar


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
