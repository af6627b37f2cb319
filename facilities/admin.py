"""Back office for the gazetteer and the facilities, with each facility's attack history."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedAdmin, admin_link
from core.admin_interchange import InterchangeAdminMixin

from .models import Facility, Place


class GovernorateFilter(admin.SimpleListFilter):
    """Records in a governorate (Place level admin1) or anywhere below it."""

    title = _("governorate")
    parameter_name = "governorate"
    place_field = "place"

    def lookups(self, request, model_admin):
        return list(Place.objects.governorates().values_list("pk", "name"))

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        place = Place.objects.filter(pk=self.value()).first()
        if place is None:
            return queryset.none()
        return self.within(queryset, place)

    def within(self, queryset, place):
        return queryset.filter(**{f"{self.place_field}__path__startswith": place.path})


@admin.register(Place)
class PlaceAdmin(InterchangeAdminMixin, admin.ModelAdmin):
    interchange_resource = "facilities.resources.PlaceResource"
    list_display = ["name", "name_ar", "level", "pcode", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_ar", "pcode"]
    autocomplete_fields = ["parent"]
    fields = ["name", "name_ar", "pcode", "level", "parent"]
    show_full_result_count = False


class FacilityGovernorateFilter(GovernorateFilter):
    place_field = "place"


class AttackedMoreThanOnceFilter(admin.SimpleListFilter):
    title = _("attacked more than once")
    parameter_name = "repeat"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(attack_count__gt=1)
        if self.value() == "no":
            return queryset.filter(attack_count__lte=1)
        return queryset


@admin.register(Facility)
class FacilityAdmin(InterchangeAdminMixin, AuditedAdmin):
    interchange_resource = "facilities.resources.FacilityResource"
    list_display = ["code", "name", "kind", "category", "place", "attack_count"]
    list_filter = ["kind", FacilityGovernorateFilter, AttackedMoreThanOnceFilter]
    list_select_related = ["place"]
    search_fields = ["code", "name", "name_ar", "other_names", "identifier"]
    autocomplete_fields = ["place", "parent"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["code", "name", "name_ar", "other_names", "kind", "identifier", "operator"]}),
        (_("Where"), {"fields": ["place", "parent", "latitude", "longitude"]}),
        (_("Notes"), {"fields": ["notes"]}),
        (_("Attack history"), {"fields": ["attack_history"]}),
    ]

    def get_queryset(self, request):
        # A count per facility shown (PostgreSQL evaluates it after the LIMIT), not a GROUP BY
        # over every attack for each page. (Attack through the relation: facilities imports no incidents.)
        attack_model = Facility._meta.get_field("attacks").related_model
        attacks = (
            attack_model.objects.filter(facility=OuterRef("pk"))
            .order_by()
            .values("facility")
            .annotate(n=Count("pk"))
            .values("n")
        )
        count = Coalesce(Subquery(attacks, output_field=IntegerField()), Value(0))
        return super().get_queryset(request).annotate(attack_count=count)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "attack_history"]
        return [*readonly, "code"] if obj is not None and obj.code else readonly

    @admin.display(description=_("category"))
    def category(self, facility):
        return facility.get_category_display()

    @admin.display(description=_("attacks"), ordering="attack_count")
    def attack_count(self, facility):
        return facility.attack_count

    @admin.display(description=_("attacks on this facility"))
    def attack_history(self, facility):
        """Derived from the attacks recorded on incidents; edited there, never here."""
        if facility.pk is None:
            return "-"
        attacks = facility.attacks.select_related("incident").order_by("incident__date", "id")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    admin_link(attack.incident, attack.incident.code),
                    attack.incident.date,
                    attack.incident.get_status_display(),
                    attack.get_damage_display() or "-",
                    attack.get_proximity_display() or "-",
                    attack.get_service_impact_display() or "-",
                )
                for attack in attacks
            ),
        )
        if not rows:
            return _("No attack recorded.")
        return format_html(
            '<table class="attack-history"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("Incident"),
            _("Date"),
            _("Status"),
            _("Damage"),
            _("Proximity"),
            _("Service impact"),
            rows,
        )
