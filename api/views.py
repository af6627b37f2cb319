"""The API's views: read-only, public records only.

Every queryset starts from ``.public()`` (rule 1 of domain.md; the one gate, see
``tests/protection/test_canaries.py``); the lists filter with the HTML lists' own FilterSets
(``filtering``) and page like them (``pagination``). A code that is not public answers 404, the
same as one that does not exist.

A list or detail view reads its page's rows, then ``decorate()`` reads what they refer to (codes
of related records, the governorate) for the whole page in a fixed number of queries and sets it
on each row, where the serializers find it.
"""

import re
from collections import defaultdict

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.converters import PublicCodeConverter
from core.csv_values import detail_url
from core.views import form_parameters
from facilities.models import Facility, Place, governorate_of
from incidents.choices import PerpetratorKind
from incidents.filters import AttackFilterSet, FacilityFilterSet, IncidentFilterSet
from incidents.models import (
    Attack,
    Attribution,
    EvidenceMedia,
    Incident,
    Munition,
    Perpetrator,
    WitnessAccount,
)
from incidents.views import PUBLIC_WITNESS_FIELDS
from incidents.wording import WEAPON_ORDER
from reports import queries
from reports.forms import PeriodForm
from reports.views import TIDY_HEADER
from victims.filters import VictimFilterSet
from victims.models import CHILD_AGE_LIMIT, AgeGroup, Victim
from victims.views import incident_primary

from . import serializers as api
from .errors import ErrorSerializer
from .filtering import parameter_errors

ERRORS = {
    400: OpenApiResponse(
        ErrorSerializer, description=gettext_lazy("A parameter is malformed: the body names it.")
    ),
    429: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Too many requests: wait and try again.")),
}
NOT_FOUND = {
    404: OpenApiResponse(ErrorSerializer, description=gettext_lazy("No public record has this code.")),
    429: ERRORS[429],
}


def code_parameter(name: str, description) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=description,
        pattern=f"^{PublicCodeConverter.regex}$",
    )


def documented(summary, list_serializer, detail_serializer, description):
    """The schema of a list and detail pair."""
    return extend_schema_view(
        list=extend_schema(
            summary=summary,
            description=description,
            responses={200: list_serializer(many=True), **ERRORS},
        ),
        retrieve=extend_schema(
            summary=gettext_lazy("One public record by its code"),
            description=gettext_lazy("A code that is not public answers 404, as one that does not exist."),
            parameters=[code_parameter("code", gettext_lazy("The record's public code."))],
            responses={200: detail_serializer, **NOT_FOUND},
        ),
    )


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """A list (filters, keyset pages) and a detail by public code."""

    lookup_field = "code"
    # The list's stable order: this key, then id (as the HTML list's).
    keyset = "-date"
    keyset_nullable = False
    detail_serializer_class = None
    filterset_class = None
    filterset = None

    @classmethod
    def parameters(cls) -> set[str]:
        """The query parameters the list reads (``core.views.reads_parameters``): its filters' and
        the paging ones."""
        filters = form_parameters(cls.filterset_class().form) if cls.filterset_class else set()
        return filters | {"after", "before", "page_size", "format"}

    @classmethod
    def as_list_view(cls):
        view = cls.as_view({"get": "list"})
        view.parameters = cls.parameters
        return view

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class

    def detail_queryset(self):
        return self.get_queryset()

    def get_object(self):
        return get_object_or_404(
            self.detail_queryset(), **{self.lookup_field: self.kwargs[self.lookup_field]}
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        rows = self.paginate_queryset(queryset)
        self.decorate(rows)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        self.decorate([record])
        self.decorate_detail(record)
        return Response(self.get_serializer(record).data)

    def decorate(self, rows: list) -> None:
        """Set on each row what its serializer reads besides its own fields."""

    def decorate_detail(self, record) -> None:
        """What only the detail shows."""

    def urls(self, rows, api_name: str, page_name: str) -> None:
        api_url, page_url = detail_url(self.request, api_name), detail_url(self.request, page_name)
        for row in rows:
            row.api_url, row.html_url = api_url(row.code), page_url(row.code)


def set_governorates(rows, place_of) -> None:
    """``governorate_place`` of each row: the governorate above its place (one query)."""
    governorates = Place.objects.public().governorates_by_id()
    for row in rows:
        row.governorate_place = governorate_of(place_of(row), governorates)


def primary_parties(incident_ids) -> dict:
    """Incident id: (code, certainty) of its primary party."""
    rows = Attribution.objects.primary().filter(incident__in=incident_ids)
    return {
        i: (code, certainty)
        for i, code, certainty in rows.values_list("incident_id", "perpetrator__code", "certainty")
    }


PLACE_FIELDS = ("id", "pcode", "name", "name_ar", "level", "path")


def place_fields(prefix: str) -> list[str]:
    return [prefix, *(f"{prefix}__{name}" for name in PLACE_FIELDS)]


INCIDENT_FIELDS = (
    *("code", "title", "title_ar", "summary", "summary_ar", "date", "date_precision", "time"),
    *("time_approximate", "location_detail", "attack_type", "weapon", "weapon_detail", "killed_count"),
    *(
        "injured_count",
        "certainty",
        "status",
        "follow_up_of",
        "area_controlled_by",
        "area_controlled_by__code",
    ),
    *place_fields("place"),
)


@documented(
    gettext_lazy("List the public incidents"),
    api.IncidentSerializer,
    api.IncidentDetailSerializer,
    gettext_lazy("The incidents of the public list /incidents/, with its filters."),
)
class IncidentViewSet(PublicViewSet):
    serializer_class = api.IncidentSerializer
    detail_serializer_class = api.IncidentDetailSerializer
    filterset_class = IncidentFilterSet

    def get_queryset(self):
        incidents = (
            Incident.objects.public().select_related("place", "area_controlled_by").only(*INCIDENT_FIELDS)
        )
        return self.located(incidents)

    def located(self, queryset):
        """Where the public point of each incident would be annotated (see ``LocatedSerializer``)."""
        return queryset

    def decorate(self, rows):
        ids = [row.pk for row in rows]
        parties = primary_parties(ids)
        facilities = defaultdict(list)
        for incident_id, code in (
            Attack.objects.public()
            .filter(incident__in=ids)
            .order_by("pk")
            .values_list("incident_id", "facility__code")
        ):
            facilities[incident_id].append(code)
        munitions = defaultdict(list)
        for munition in (
            Munition.objects.public().filter(incident__in=ids).only("incident_id", "weapon", "count", "note")
        ):
            munitions[munition.incident_id].append(munition)
        earlier = dict(
            Incident.objects.public()
            .filter(pk__in={row.follow_up_of_id for row in rows if row.follow_up_of_id})
            .values_list("pk", "code")
        )
        for row in rows:
            row.primary_party_code, row.primary_party_certainty = parties.get(row.pk, (None, None))
            row.facility_codes = facilities[row.pk]
            row.munition_rows = sorted(munitions[row.pk], key=lambda m: WEAPON_ORDER[m.weapon])
            row.follow_up_code = earlier.get(row.follow_up_of_id)
        set_governorates(rows, lambda row: row.place)
        self.urls(rows, "api:incident-detail", "incidents:incident_detail")

    def decorate_detail(self, incident):
        incident.attribution_rows = list(
            incident.attributions.select_related("perpetrator")
            .only("perpetrator__code", "certainty", "basis", "note", "primary", "incident_id")
            .order_by("-primary", "pk")
        )
        incident.later_codes = list(
            Incident.objects.public()
            .filter(follow_up_of=incident)
            .order_by("date", "pk")
            .values_list("code", flat=True)
        )
        incident.victim_codes = list(
            incident.victims.public().counted().order_by("pk").values_list("code", flat=True)
        )
        # Only the public columns are read: the identity fields never leave the database.
        incident.witness_rows = list(
            WitnessAccount.objects.public()
            .with_public_statement()
            .filter(incident=incident)
            .only(*PUBLIC_WITNESS_FIELDS)
            .order_by("interviewed_on", "pk")
        )
        incident.evidence_rows = list(EvidenceMedia.objects.public().filter(incident=incident).order_by("pk"))
        for item in incident.evidence_rows:
            item.display_url = (
                self.request.build_absolute_uri(reverse("evidence:display", args=[item.pk]))
                if item.display_image
                else None
            )
        incident.source_rows = list(incident.sources.order_by("published_on", "pk"))


ATTACK_FIELDS = (
    *("incident", "facility", "damage", "proximity", "service_impact"),
    *("incident__code", "incident__date", "incident__place"),
    *(f"incident__place__{name}" for name in PLACE_FIELDS),
    *("facility__code", "facility__kind"),
)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List the public attacks on facilities"),
        description=gettext_lazy(
            "One row per incident and facility hit, as the public list /attacks/, with its filters."
        ),
        responses={200: api.AttackSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("One attack: an incident's code and a facility's code"),
        description=gettext_lazy("A code that is not public answers 404, as one that does not exist."),
        responses={200: api.AttackSerializer, **NOT_FOUND},
        parameters=[
            code_parameter("incident", gettext_lazy("The incident's code.")),
            code_parameter("facility", gettext_lazy("The facility's code.")),
        ],
    ),
)
class AttackViewSet(PublicViewSet):
    serializer_class = api.AttackSerializer
    filterset_class = AttackFilterSet
    keyset = "-incident__date"

    def get_queryset(self):
        return (
            Attack.objects.public()
            .select_related("incident", "incident__place", "facility")
            .only(*ATTACK_FIELDS)
        )

    def get_object(self):
        return get_object_or_404(
            self.get_queryset(),
            incident__code=self.kwargs["incident"],
            facility__code=self.kwargs["facility"],
        )

    def decorate(self, rows):
        parties = primary_parties({row.incident_id for row in rows})
        url = attack_url(self.request)
        for row in rows:
            row.primary_party_code = parties.get(row.incident_id, (None, None))[0]
            row.api_url = url(row.incident.code, row.facility.code)
        set_governorates(rows, lambda row: row.incident.place)


def attack_url(request):
    """A function giving the URL of an attack in the API from its incident's and facility's codes:
    one ``reverse()`` for the shape, as ``core.csv_values.detail_url`` does for one code."""
    base = request.build_absolute_uri("/")[:-1]
    head, rest = reverse("api:attack-detail", args=["INCIDENT", "FACILITY"]).split("INCIDENT", 1)
    middle, tail = rest.split("FACILITY", 1)
    plain = re.compile(PublicCodeConverter.regex).fullmatch

    def url(incident: str, facility: str) -> str:
        if plain(incident) and plain(facility):
            return base + head + incident + middle + facility + tail
        return request.build_absolute_uri(reverse("api:attack-detail", args=[incident, facility]))

    return url


FACILITY_FIELDS = (
    *("code", "name", "name_ar", "other_names", "kind", "identifier", "operator", "published"),
    *("parent", "parent__code", "parent__published"),
    *place_fields("place"),
)


@documented(
    gettext_lazy("List the public facilities"),
    api.FacilitySerializer,
    api.FacilitySerializer,
    gettext_lazy(
        "The facilities of the public list /facilities/, each with the number of public attacks that "
        "the attack filters (date, month, perpetrator, attack type, weapon, certainty) select."
    ),
)
class FacilityViewSet(PublicViewSet):
    serializer_class = api.FacilitySerializer
    filterset_class = FacilityFilterSet
    keyset = "name"

    def get_queryset(self):
        facilities = Facility.objects.public().select_related("place", "parent").only(*FACILITY_FIELDS)
        return self.located(facilities)

    def located(self, queryset):
        """Where the public point of each facility would be annotated (see ``LocatedSerializer``)."""
        return queryset

    def decorate(self, rows):
        for row in rows:
            row.parent_code = row.parent.code if row.parent is not None and row.parent.published else None
        set_governorates(rows, lambda row: row.place)
        self.urls(rows, "api:facility-detail", "facilities:facility_detail")

    def decorate_detail(self, facility):
        facility.attack_count = facility.attacks.public().count()


@documented(
    gettext_lazy("List the public victims"),
    api.VictimSerializer,
    api.VictimDetailSerializer,
    gettext_lazy(
        "The people of the public list /victims/ (a duplicate record is never listed), with its filters. "
        "A name that is not to be published is null."
    ),
)
class VictimViewSet(PublicViewSet):
    serializer_class = api.VictimSerializer
    detail_serializer_class = api.VictimDetailSerializer
    filterset_class = VictimFilterSet
    keyset = "-date_of_harm"
    keyset_nullable = True

    def get_queryset(self):
        return self.detail_queryset().counted()

    def detail_queryset(self):
        return (
            Victim.objects.public()
            .select_related("affiliation", "incident", "perpetrator", "hometown")
            .defer("search_text")
            .prefetch_related(incident_primary())
        )

    def decorate(self, rows):
        for victim in rows:
            party = victim.counted_perpetrator
            victim.counted_party_code = party.code if party is not None else None
            victim.age_group = (
                AgeGroup.UNKNOWN
                if victim.age is None
                else (AgeGroup.CHILD if victim.age < CHILD_AGE_LIMIT else AgeGroup.ADULT)
            )
        self.urls(rows, "api:victim-detail", "victims:victim_detail")

    def decorate_detail(self, victim):
        victim.duplicate_code = None
        if victim.duplicate_of_id:
            duplicate = (
                Victim.objects.public().filter(pk=victim.duplicate_of_id).values_list("code", flat=True)
            )
            victim.duplicate_code = duplicate.first()


@documented(
    gettext_lazy("List the parties"),
    api.PerpetratorSerializer,
    api.PerpetratorSerializer,
    gettext_lazy("The parties of /perpetrators/ (all of them), by code."),
)
class PerpetratorViewSet(PublicViewSet):
    serializer_class = api.PerpetratorSerializer
    keyset = "code"

    def get_queryset(self):
        return (
            Perpetrator.objects.public().select_related("parent").defer("search_text", "parent__search_text")
        )

    def decorate(self, rows):
        members = defaultdict(list)
        undetermined = [row.pk for row in rows if row.kind == PerpetratorKind.UNDETERMINED]
        through = Perpetrator.members.through.objects.filter(from_perpetrator__in=undetermined)
        for party, code in through.order_by("to_perpetrator__code").values_list(
            "from_perpetrator_id", "to_perpetrator__code"
        ):
            members[party].append(code)
        for row in rows:
            row.member_codes = members[row.pk]
        self.urls(rows, "api:perpetrator-detail", "reports:perpetrator_detail")


PERIOD_PARAMETERS = ("month", "date_after", "date_before")


class ReportView(APIView):
    """The period report's tidy table, as ``/reports/?...&format=csv`` gives it."""

    @classmethod
    def parameters(cls) -> set[str]:
        return form_parameters(PeriodForm()) | {"format"}

    @extend_schema(
        summary=gettext_lazy("The period report's tidy table"),
        description=gettext_lazy(
            "The rows of /reports/?date_after=...&date_before=...&format=csv (interfaces.md): each "
            "table's counts by exact primary party, category, kind, sex and age group. Without a "
            "period, the latest month with public records."
        ),
        parameters=[
            OpenApiParameter(
                "date_after", OpenApiTypes.DATE, description=gettext_lazy("The first day of the period.")
            ),
            OpenApiParameter(
                "date_before", OpenApiTypes.DATE, description=gettext_lazy("The last day of the period.")
            ),
            OpenApiParameter(
                "month",
                OpenApiTypes.STR,
                description=gettext_lazy("A month (YYYY-MM) instead of a date range."),
                pattern=r"^\d{4}-\d{1,2}$",
            ),
            OpenApiParameter(
                "governorate", OpenApiTypes.STR, description=gettext_lazy("A governorate's P-code or id.")
            ),
        ],
        responses={
            200: inline_serializer(
                "TidyTable",
                {
                    "count": serializers.IntegerField(help_text=gettext_lazy("How many rows.")),
                    "next": serializers.URLField(
                        allow_null=True, help_text=gettext_lazy("Always null: one page.")
                    ),
                    "previous": serializers.URLField(
                        allow_null=True, help_text=gettext_lazy("Always null: one page.")
                    ),
                    "period": inline_serializer(
                        "ReportPeriod",
                        {
                            "date_after": serializers.DateField(help_text=gettext_lazy("The first day.")),
                            "date_before": serializers.DateField(help_text=gettext_lazy("The last day.")),
                            "governorate": serializers.CharField(
                                allow_null=True,
                                help_text=gettext_lazy("The governorate's P-code or id, or null."),
                            ),
                        },
                        help_text=gettext_lazy("The period counted."),
                    ),
                    "results": api.TidyRowSerializer(many=True, help_text=gettext_lazy("The rows.")),
                },
            ),
            **ERRORS,
        },
    )
    def get(self, request):
        form = PeriodForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(period_errors(form, request.query_params))
        period = form.period(queries.latest_public_month)
        rows = [{key: row[key] for key in TIDY_HEADER} for row in queries.build_report(period).tidy]
        governorate = period.governorate
        return Response(
            {
                "count": len(rows),
                "next": None,
                "previous": None,
                "period": {
                    "date_after": period.first,
                    "date_before": period.last,
                    "governorate": (governorate.pcode or str(governorate.pk)) if governorate else None,
                },
                "results": rows,
            }
        )


def period_errors(form, params) -> dict:
    """The form's errors by parameter; one about the period as a whole names the period
    parameters that were given."""
    errors = parameter_errors(form)
    whole = errors.pop("__all__", None)
    if whole:
        for name in [name for name in PERIOD_PARAMETERS if params.get(name)] or ["date_after"]:
            errors.setdefault(name, []).extend(whole)
    return errors


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI 3 document, in the language of the URL (``/ar/api/v1/schema/``)."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return self._get_schema_response(request)


@extend_schema(exclude=True)
class RootView(APIView):
    """Where everything is."""

    def get(self, request):
        lists = {
            "incidents": "api:incident-list",
            "attacks": "api:attack-list",
            "victims": "api:victim-list",
            "facilities": "api:facility-list",
            "perpetrators": "api:perpetrator-list",
            "reports": "api:report",
            "schema": "api:schema",
            "docs": "api:docs",
        }
        return Response(
            {
                **{name: request.build_absolute_uri(reverse(url_name)) for name, url_name in lists.items()},
                "detail": _("Public records only; see the docs for every parameter and field."),
            }
        )
