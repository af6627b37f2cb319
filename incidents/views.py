"""Public incident and attack pages. Every query starts from ``.public()``."""

from collections import defaultdict

from django.db.models import Case, F, Q, When
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from markupsafe import Markup

from core.bilingual import as_text, in_language, record_text
from core.csv_values import CSV_CHUNK, LIST_SEPARATOR, detail_url, joined
from core.views import PublicListView
from facilities.filters import place_options
from facilities.models import (
    Facility,
    FacilityCategory,
    Place,
    category_expression,
    category_of,
    governorate_of,
    public_coordinates,
)

from .choices import AttributionCertainty, Certainty, Damage, ServiceImpact, Status, Weapon
from .filters import AttackFilterSet, FacilityFilterSet, IncidentFilterSet
from .models import (
    Attack,
    Attribution,
    EvidenceMedia,
    Incident,
    Munition,
    WitnessAccount,
    primary_attribution_join,
)
from .wording import WEAPON_ORDER, IncidentWording, munition_phrase

PUBLIC_WITNESS_FIELDS = (
    "incident_id",
    "alias",
    "identity_protected",
    "witness_role",
    "relation",
    "contact_method",
    "interviewed_on",
    "consent",
    "consent_withdrawn_on",
    "statement",
    "language",
)


def only_names(joined_names: str | None) -> str:
    """A list of names joined by ``;``, or nothing when none of them is there (every facility
    without an Arabic name)."""
    return joined_names if joined_names and joined_names.strip(LIST_SEPARATOR) else ""


def governorate_names() -> dict:
    """Governorate id: (id, name in the page's language), for ``governorate_of()``, which only
    looks ids up."""
    rows = Place.objects.public().governorates().values_list("pk", "name", "name_ar")
    return {pk: (pk, in_language(name, name_ar)) for pk, name, name_ar in rows}


def primary_parties(incident_ids, wording: IncidentWording) -> dict:
    """Incident id: its primary party for ``incidents/_attribution.html``, for those that have one."""
    rows = Attribution.objects.filter(incident__in=incident_ids, primary=True).values_list(
        "incident_id", "perpetrator__code", "perpetrator__name", "perpetrator__name_ar", "certainty"
    )
    return {
        incident: wording.party(code, in_language(name, name_ar), certainty)
        for incident, code, name, name_ar, certainty in rows
    }


def facilities_hit(incident_ids, wording: IncidentWording) -> dict:
    """Incident id: its public attacks' facilities, in attack order (URL, name and category)."""
    rows = (
        Attack.objects.public()
        .filter(incident__in=incident_ids)
        .order_by("pk")
        .values_list("incident_id", "facility__code", "facility__name", "facility__name_ar", "facility__kind")
    )
    hits = defaultdict(list)
    for incident_id, code, name, name_ar, kind in rows:
        hits[incident_id].append(
            {
                "url": wording.url("facilities:facility_detail", code),
                "name": in_language(name, name_ar),
                "category": wording.label(FacilityCategory, category_of(kind)),
            }
        )
    return hits


#: How a list row names its primary party, by the attribution's certainty.
ATTRIBUTION_PHRASES = {
    AttributionCertainty.CONFIRMED: gettext_lazy(
        'by <a href="%(url)s" lang="%(lang)s" dir="%(dir)s">%(name)s</a>'
    ),
    AttributionCertainty.PROBABLE: gettext_lazy(
        'believed to be <a href="%(url)s" lang="%(lang)s" dir="%(dir)s">%(name)s</a>'
    ),
    AttributionCertainty.POSSIBLE: gettext_lazy(
        'suspected to be <a href="%(url)s" lang="%(lang)s" dir="%(dir)s">%(name)s</a>'
    ),
}


class IncidentListView(PublicListView):
    filterset_class = IncidentFilterSet
    template_name = "incidents/incident_list.html"
    keyset = "-date"
    csv_name = "incidents"
    place_options = staticmethod(place_options)
    csv_columns = [
        ("code", "#event+code"),
        ("url", "#meta+url"),
        ("title", "#event+name"),
        ("date", "#date+occurred"),
        ("date_precision", "#date+precision"),
        ("time", "#date+time"),
        ("time_approximate", "#date+time+approx"),
        ("governorate", "#adm1+name"),
        ("governorate_pcode", "#adm1+code"),
        ("place", "#loc+name"),
        ("place_pcode", "#loc+code"),
        ("location_detail", "#loc+detail"),
        ("latitude", "#geo+lat"),
        ("longitude", "#geo+lon"),
        ("geo_precision", "#geo+precision"),
        ("attack_type", "#event+type"),
        ("weapon", "#event+weapon"),
        ("weapon_detail", "#event+weapon+detail"),
        ("perpetrator", "#group+code+first"),
        ("perpetrator_name", "#group+name+first"),
        ("attribution_certainty", "#group+first+confidence"),
        ("area_controlled_by", "#group+code+control"),
        ("area_controlled_by_name", "#group+name+control"),
        ("killed_count", "#affected+killed"),
        ("injured_count", "#affected+injured"),
        ("facilities", "#loc+facility+code"),
        ("facility_names", "#loc+facility+name"),
        ("facility_categories", "#loc+facility+type"),
        ("follow_up_of", "#event+code+previous"),
        ("certainty", "#meta+confidence"),
        ("summary", "#description"),
        # The record's Arabic text, after the columns readers already rely on.
        ("title_ar", "#event+name+i_ar"),
        ("summary_ar", "#description+i_ar"),
        ("governorate_ar", "#adm1+name+i_ar"),
        ("place_ar", "#loc+name+i_ar"),
        ("perpetrator_name_ar", "#group+name+first+i_ar"),
        ("area_controlled_by_name_ar", "#group+name+control+i_ar"),
        ("facility_names_ar", "#loc+facility+name+i_ar"),
    ]

    #: What a page of the list reads of each incident and its place (``decorate``, the keyset):
    #: not the narrative, the notes or the search columns, which no row shows.
    row_fields = (
        *("code", "title", "title_ar", "date", "date_precision", "weapon", "killed_count", "injured_count"),
        *("place__name", "place__name_ar", "place__path"),
    )
    rows_template = "incidents/incident_rows.html"

    def get_queryset(self):
        return Incident.objects.public().select_related("place").only(*self.row_fields)

    def row_labels(self) -> dict:
        """The words of ``jinja2/incidents/incident_rows.html``. The attribution phrases are
        ``incidents/_attribution.html``'s (the same messages): translator-written markup into which
        the template puts the escaped party (``Markup % values`` escapes each value)."""
        return {
            # Translator-written markup, as a blocktranslate in a Django template.
            "attribution": {code: Markup(str(phrase)) for code, phrase in ATTRIBUTION_PHRASES.items()},  # noqa: S704
            "not_determined": _("Perpetrator not determined"),
            "hit": _("Hit:"),
        }

    def decorate(self, rows):
        """Each row's display strings, from plain values (no related model instances)."""
        ids = [incident.pk for incident in rows]
        wording = IncidentWording()
        primary = primary_parties(ids, wording)
        facilities = facilities_hit(ids, wording)
        governorates = governorate_names()
        for incident in rows:
            governorate = governorate_of(incident.place, governorates)
            shown = governorate is not None and governorate[0] != incident.place.pk
            incident.governorate_name = governorate[1] if shown else ""
            incident.url = wording.url("incidents:incident_detail", incident.code)
            incident.heading_text = record_text(incident, "title")
            incident.place_name = record_text(incident.place, "name")
            incident.iso_date = incident.date.isoformat()
            incident.when = wording.short_date(incident.date, incident.date_precision)
            incident.party = primary.get(incident.pk)
            incident.weapon_label = wording.label(Weapon, incident.weapon)
            incident.facilities_hit = facilities.get(incident.pk, [])
            incident.casualties = wording.casualties(incident.killed_count, incident.injured_count)

    def csv_rows(self, queryset):
        governorate = Place.objects.public().governorate_cells()
        url = detail_url(self.request, "incidents:incident_detail")
        # The incidents are public, so all their attacks are; .public() keeps that explicit.
        attacks = Attack.objects.public()
        earlier_is_public = Q(follow_up_of__status=Status.PUBLISHED) & ~Q(
            follow_up_of__certainty=Certainty.RUMOUR
        )
        rows = (
            queryset.alias(primary_attribution=primary_attribution_join())
            .annotate(
                **public_coordinates(),
                csv_facilities=joined(attacks, "incident", "facility__code"),
                csv_facility_names=joined(attacks, "incident", "facility__name"),
                csv_facility_names_ar=joined(attacks, "incident", "facility__name_ar"),
                csv_facility_categories=joined(attacks, "incident", category_expression("facility__kind")),
                csv_follow_up_of=Case(When(earlier_is_public, then=F("follow_up_of__code"))),
            )
            .order_by("-date", "-pk")
            .values_list(
                "code",
                "title",
                "date",
                "date_precision",
                "time",
                "time_approximate",
                "place__path",
                "place__name",
                "place__pcode",
                "location_detail",
                "public_latitude",
                "public_longitude",
                "geo_precision",
                "attack_type",
                "weapon",
                "weapon_detail",
                "primary_attribution__perpetrator__code",
                "primary_attribution__perpetrator__name",
                "primary_attribution__certainty",
                "area_controlled_by__code",
                "area_controlled_by__name",
                "killed_count",
                "injured_count",
                "csv_facilities",
                "csv_facility_names",
                "csv_facility_categories",
                "csv_follow_up_of",
                "certainty",
                "summary",
                "title_ar",
                "summary_ar",
                "place__name_ar",
                "primary_attribution__perpetrator__name_ar",
                "area_controlled_by__name_ar",
                "csv_facility_names_ar",
            )
            .iterator(chunk_size=CSV_CHUNK)
        )
        for code, title, date, precision, time, approximate, path, *rest in rows:
            *rest, title_ar, summary_ar, place_ar, party_ar, control_ar, facilities_ar = rest
            name, pcode, name_ar = governorate(path)
            yield [
                *(code, url(code), title, date, precision, time, approximate, name, pcode, *rest),
                *(title_ar, summary_ar, name_ar, place_ar, party_ar, control_ar),
                only_names(facilities_ar),
            ]


def incident_detail(request, code):
    incident = get_object_or_404(
        Incident.objects.public()
        .select_related("place", "area_controlled_by", "follow_up_of")
        .annotate(**public_coordinates()),  # rule 6: the page shows the public point only
        code=code,
    )
    attacks = list(
        Attack.objects.public().filter(incident=incident).select_related("facility").order_by("pk")
    )
    annotate_attack_sequence(attacks)
    earlier = incident.follow_up_of if incident.follow_up_of and incident.follow_up_of.is_public else None
    munitions = sorted(
        Munition.objects.public().filter(incident=incident), key=lambda m: WEAPON_ORDER[m.weapon]
    )
    context = {
        "incident": incident,
        "ancestors": incident.place.ancestors(),
        "attributions": incident.attributions.select_related("perpetrator").order_by("-primary", "pk"),
        "attacks": attacks,
        "munitions": [{"phrase": munition_phrase(m.weapon, m.count), "note": m.note} for m in munitions],
        "earlier_strike": earlier,
        "later_strikes": Incident.objects.public().filter(follow_up_of=incident).order_by("date", "pk"),
        "victims": incident.victims.public().counted().select_related("affiliation").order_by("pk"),
        # Only the public columns are read: the identity fields never leave the database.
        "witnesses": WitnessAccount.objects.public()
        .with_public_statement()
        .filter(incident=incident)
        .only(*PUBLIC_WITNESS_FIELDS)
        .order_by("interviewed_on", "pk"),
        "evidence": EvidenceMedia.objects.public().filter(incident=incident).order_by("pk"),
        "sources": incident.sources.order_by("published_on", "pk"),
    }
    return render(request, "incidents/incident_detail.html", context)


def annotate_attack_sequence(attacks: list[Attack]) -> None:
    """Give each attack its place in its facility's history, in one query.

    ``month_position`` is the attack's rank among the facility's public attacks
    in the same calendar month ("third attack on this facility in January
    2018"); ``total`` counts all of them.
    """
    if not attacks:
        return
    history = defaultdict(list)
    for row in (
        Attack.objects.public()
        .filter(facility_id__in={a.facility_id for a in attacks})
        .order_by("incident__date", "incident_id", "pk")
        .values("pk", "facility_id", "incident__date")
    ):
        history[row["facility_id"]].append(row)
    for attack in attacks:
        rows = history[attack.facility_id]
        date = next(r["incident__date"] for r in rows if r["pk"] == attack.pk)
        same_month = [
            r
            for r in rows
            if (r["incident__date"].year, r["incident__date"].month) == (date.year, date.month)
        ]
        attack.month_position = 1 + [r["pk"] for r in same_month].index(attack.pk)
        attack.month_total = len(same_month)
        attack.total = len(rows)
        attack.month = date


class AttackListView(PublicListView):
    filterset_class = AttackFilterSet
    template_name = "incidents/attack_list.html"
    keyset = "-incident__date"
    csv_name = "attacks"
    place_options = staticmethod(place_options)
    csv_columns = [
        ("incident", "#event+code"),
        ("date", "#date+occurred"),
        ("facility", "#loc+facility+code"),
        ("facility_name", "#loc+facility+name"),
        ("kind", "#loc+facility+type"),
        ("category", "#loc+facility+type+category"),
        ("damage", "#impact+damage"),
        ("proximity", "#impact+proximity"),
        ("service_impact", "#impact+service"),
        ("perpetrator", "#group+code+first"),
        ("perpetrator_name", "#group+name+first"),
        ("governorate", "#adm1+name"),
        ("governorate_pcode", "#adm1+code"),
        ("place", "#loc+name"),
        ("place_pcode", "#loc+code"),
        # The records' Arabic text, after the columns readers already rely on.
        ("facility_name_ar", "#loc+facility+name+i_ar"),
        ("perpetrator_name_ar", "#group+name+first+i_ar"),
        ("governorate_ar", "#adm1+name+i_ar"),
        ("place_ar", "#loc+name+i_ar"),
    ]

    def get_queryset(self):
        return Attack.objects.public().select_related("incident", "incident__place", "facility")

    def decorate(self, rows):
        """Each row's display strings; the incidents' primary parties from plain values."""
        wording = IncidentWording()
        primary = primary_parties({attack.incident_id for attack in rows}, wording)
        governorates = governorate_names()
        for attack in rows:
            incident, facility = attack.incident, attack.facility
            governorate = governorate_of(incident.place, governorates)
            attack.governorate_name = governorate[1] if governorate else ""
            attack.iso_date = incident.date.isoformat()
            attack.when = wording.short_date(incident.date, incident.date_precision)
            attack.facility_url = wording.url("facilities:facility_detail", facility.code)
            attack.facility_name = record_text(facility, "name")
            attack.place_name = record_text(incident.place, "name")
            attack.incident_url = wording.url("incidents:incident_detail", incident.code)
            attack.category_label = wording.label(FacilityCategory, facility.category)
            attack.damage_label = wording.label(Damage, attack.damage)
            attack.service_impact_label = wording.label(ServiceImpact, attack.service_impact)
            attack.party = primary.get(attack.incident_id)

    def csv_rows(self, queryset):
        governorate = Place.objects.public().governorate_cells()
        rows = (
            queryset.alias(primary_attribution=primary_attribution_join("incident__attributions"))
            .order_by("-incident__date", "-pk")
            .values_list(
                "incident__code",
                "incident__date",
                "facility__code",
                "facility__name",
                "facility__kind",
                "damage",
                "proximity",
                "service_impact",
                "primary_attribution__perpetrator__code",
                "primary_attribution__perpetrator__name",
                "incident__place__path",
                "incident__place__name",
                "incident__place__pcode",
                "facility__name_ar",
                "primary_attribution__perpetrator__name_ar",
                "incident__place__name_ar",
            )
            .iterator(chunk_size=CSV_CHUNK)
        )
        for incident, date, facility, name, kind, *rest in rows:
            *rest, path, place_name, place_pcode, name_ar, party_ar, place_ar = rest
            governorate_name, governorate_pcode, governorate_ar = governorate(path)
            yield [
                *(incident, date, facility, name, kind, category_of(kind), *rest),
                *(governorate_name, governorate_pcode, place_name, place_pcode),
                *(name_ar, party_ar, governorate_ar, place_ar),
            ]


class FacilityListView(PublicListView):
    """Facilities with the number of public attacks the filters select."""

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
        # The places' Arabic names, after the columns readers already rely on.
        ("governorate_ar", "#adm1+name+i_ar"),
        ("place_ar", "#loc+name+i_ar"),
    ]

    def get_queryset(self):
        return Facility.objects.public().select_related("place", "parent")

    def decorate(self, rows):
        """Each row's names in the page's language (else the other's, marked by the template)."""
        governorates = Place.objects.public().governorates_by_id()
        for facility in rows:
            governorate = governorate_of(facility.place, governorates)
            shown = governorate is not None and governorate.pk != facility.place.pk
            facility.governorate_name = record_text(governorate, "name") if shown else ""
            facility.shown_name = record_text(facility, "name")
            facility.shown_other_names = as_text(facility.other_names)
            facility.place_name = record_text(facility.place, "name")

    def csv_rows(self, queryset):
        governorate = Place.objects.public().governorate_cells()
        rows = (
            queryset.annotate(**public_coordinates())
            .order_by("name", "pk")
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
                "public_latitude",
                "public_longitude",
                "attack_count",
                "place__name_ar",
            )
            .iterator(chunk_size=CSV_CHUNK)
        )
        for code, name, name_ar, other_names, kind, identifier, operator, parent, path, *rest in rows:
            place_name, place_pcode, latitude, longitude, attacks, place_ar = rest
            governorate_name, governorate_pcode, governorate_ar = governorate(path)
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
                governorate_name,
                governorate_pcode,
                place_name,
                place_pcode,
                latitude,
                longitude,
                attacks,
                governorate_ar,
                place_ar,
            ]
