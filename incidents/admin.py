"""Back office for incidents: one page per incident with its attacks, parties, witnesses and evidence.

Witness accounts show the alias side only here; real names and contacts are
never part of these forms, lists or searches.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import (
    MARKED_FILTER_TEMPLATE,
    AuditedAdmin,
    LanguageFormsMixin,
    account_cell,
    admin_link,
    code_cell,
    marked,
    marked_text,
    yes_no_icon,
)
from core.admin_interchange import InterchangeAdminMixin
from core.admin_search import IndexedSearchMixin
from core.bilingual import record_text
from core.fields import StoredToken, unreadable
from facilities.admin import GovernorateFilter, SharedRecordAdminMixin

from . import services
from .admin_workflow import LockedInlineMixin, LockedWithIncidentMixin, WorkflowAdminMixin
from .models import (
    Attack,
    Attribution,
    CustodyEvent,
    EvidenceMedia,
    IdentityReveal,
    Incident,
    Munition,
    Perpetrator,
    Source,
    WitnessAccount,
)

IDENTITY_PERMISSION = services.IDENTITY_PERMISSION

# The alias side of a witness account: everything but ``real_name`` and ``contact``.
WITNESS_PUBLIC_FIELDS = [
    "alias",
    "identity_protected",
    "witness_role",
    "relation",
    "contact_method",
    "interviewed_on",
    "interviewer",
    "consent",
    "consent_withdrawn_on",
    "no_incentive_given",
    "statement",
    "language",
]
EVIDENCE_FIELDS = [
    "kind",
    "file",
    "url",
    "archive_url",
    "caption",
    "visibility",
    "is_graphic",
    "captured_at",
    "captured_by",
    "received_via",
    "received_on",
    "storage_note",
]
EVIDENCE_INTEGRITY_FIELDS = ["sha256", "size_bytes", "mime_type", "original_filename"]


class StaffInterviewerMixin:
    """Interviewers are staff members; the choice never lists every account."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "interviewer":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EvidenceForm(forms.ModelForm):
    """Once a file is recorded (it has a hash) the upload field is frozen (rule 3)."""

    class Meta:
        model = EvidenceMedia
        fields = EVIDENCE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.sha256 and "file" in self.fields:
            self.fields["file"].disabled = True
            self.fields["file"].help_text = _("A recorded file cannot be replaced; add new evidence instead.")


def identity_unreadable(account) -> bool:
    return any(unreadable(getattr(account, name)) for name in services.identity_field_names())


class RecordColumnsMixin:
    """Change-list columns for the records a row refers to, each in the back office's language
    (else the other's, marked with its ``lang`` and ``dir``): ``str()`` would give one language."""

    @admin.display(description=_("incident"), ordering="incident__code")
    def incident_column(self, row):
        incident = row.incident
        return format_html("{} {}", incident.code, marked(incident.heading)) if incident else "-"

    @admin.display(description=_("facility"), ordering="facility__name")
    def facility_column(self, row):
        return format_html("{} ({})", marked(record_text(row.facility, "name")), row.facility.code)

    @admin.display(description=_("perpetrator"), ordering="perpetrator__name")
    def perpetrator_column(self, row):
        return marked(record_text(row.perpetrator, "name"))

    @admin.display(description=_("note"))
    def note_column(self, row):
        return marked_text(row.note)


class IdentityStatusMixin:
    """Custodians see when a witness's stored identity cannot be decrypted; nobody else does."""

    @admin.display(description=_("identity"))
    def identity_status(self, account):
        if account.pk and identity_unreadable(account):
            return _("Identity unreadable with the current keys")
        return "-"


# --- Parties -----------------------------------------------------------------------------------


@admin.register(Perpetrator)
class PerpetratorAdmin(SharedRecordAdminMixin, InterchangeAdminMixin, AuditedAdmin):
    interchange_resource = "incidents.resources.PerpetratorResource"
    list_display = ["english_name", "arabic_name", "party_code", "kind", "parent_name"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "name_ar"]
    autocomplete_fields = ["parent", "members"]
    prepopulated_fields = {"code": ["name"]}
    readonly_fields = ["ancestor_chain", "sub_parties", "member_of"]
    fieldsets = [
        (None, {"fields": ["code", "name", "name_ar", "kind"]}),
        (_("Hierarchy"), {"fields": ["parent", "ancestor_chain", "sub_parties"]}),
        (_("Undetermined party"), {"fields": ["members", "member_of"]}),
    ]

    # Each side of the name in a column of its own, marked with its language where it is not the
    # back office's (an import may put an Arabic name in ``name``).
    @admin.display(description=_("name"), ordering="name")
    def english_name(self, party):
        return marked_text(party.name)

    @admin.display(description=_("Arabic name"), ordering="name_ar")
    def arabic_name(self, party):
        return marked_text(party.name_ar)

    @admin.display(description=_("code"), ordering="code")
    def party_code(self, party):
        return code_cell(party.code)

    @admin.display(description=_("parent"), ordering="parent__name")
    def parent_name(self, party):
        return marked(record_text(party.parent, "name")) if party.parent_id else "-"

    @admin.display(description=_("chain of command"))
    def ancestor_chain(self, party):
        if party.pk is None:
            return "-"
        chain = [*party.ancestors(), party]
        return format_html_join(
            " › ", "{}", ((admin_link(p, marked(record_text(p, "name"))),) for p in chain)
        )

    @admin.display(description=_("sub-parties"))
    def sub_parties(self, party):
        if party.pk is None:
            return "-"
        return (
            format_html_join(
                ", ", "{}", ((admin_link(p, marked(record_text(p, "name"))),) for p in party.children.all())
            )
            or "-"
        )

    @admin.display(description=_("one of the alternatives of"))
    def member_of(self, party):
        if party.pk is None:
            return "-"
        groups = party.undetermined_groups.all()
        return (
            format_html_join(", ", "{}", ((admin_link(p, marked(record_text(p, "name"))),) for p in groups))
            or "-"
        )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["source_title", "source_publisher", "kind", "reliability", "published_on"]
    list_filter = ["kind", "reliability"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"
    show_full_result_count = False

    @admin.display(description=_("title"), ordering="title")
    def source_title(self, source):
        return marked_text(source.title)

    @admin.display(description=_("publisher"), ordering="publisher")
    def source_publisher(self, source):
        return marked_text(source.publisher)


# --- The incident page -------------------------------------------------------------------------


class AttackInline(LanguageFormsMixin, LockedInlineMixin, admin.TabularInline):
    model = Attack
    fields = ["facility", "damage", "proximity", "service_impact"]
    autocomplete_fields = ["facility"]
    extra = 1


class AttributionInline(LanguageFormsMixin, LockedInlineMixin, admin.TabularInline):
    model = Attribution
    fields = ["perpetrator", "certainty", "basis", "note", "primary"]
    autocomplete_fields = ["perpetrator"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note":
            # Keeps the row, and the "primary" box at its end, within a laptop screen.
            field.widget.attrs["size"] = 30
        return field


class MunitionFormSet(forms.BaseInlineFormSet):
    """One row per weapon: a second row for the same weapon is refused with a message that says
    what to do, not the database's unique-constraint wording.

    Stored rows are saved one by one, in order: a stored row may not take the weapon another
    stored row holds (swapping two rows' weapons, or taking the weapon of a row being removed),
    which would break the one-row-per-weapon constraint half-way."""

    def clean(self):
        super().clean()
        stored = {form.instance.pk: form.initial.get("weapon") for form in self.initial_forms}
        seen = set()
        for form in self.forms:
            weapon = getattr(form, "cleaned_data", {}).get("weapon")
            if not weapon or self._should_delete_form(form):
                continue
            if weapon in seen:
                form.add_error(
                    "weapon",
                    _("This weapon is already listed for this incident; give the total in one row."),
                )
            elif form.instance.pk and weapon in {w for pk, w in stored.items() if pk != form.instance.pk}:
                form.add_error(
                    "weapon",
                    _(
                        "Another row still holds this weapon: change or remove that row and save, "
                        "then change this one."
                    ),
                )
            seen.add(weapon)

    def validate_unique(self):
        """Duplicates are reported by ``clean()``, on the row that repeats the weapon."""


class MunitionInline(LanguageFormsMixin, LockedInlineMixin, admin.TabularInline):
    """ "4 barrel bombs": one row per weapon, with how many strikes or munitions of it."""

    model = Munition
    formset = MunitionFormSet
    fields = ["weapon", "count", "note"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "count":
            kwargs["min_value"] = 1  # the model's own minimum, in the form field and its widget
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note":
            field.widget.attrs["size"] = 40
        return field


class WitnessAccountInline(
    LanguageFormsMixin, IdentityStatusMixin, StaffInterviewerMixin, LockedInlineMixin, admin.StackedInline
):
    model = WitnessAccount
    fields = WITNESS_PUBLIC_FIELDS
    readonly_fields = ["identity_status"]
    extra = 0
    show_change_link = True

    def get_fields(self, request, obj=None):
        if request.user.has_perm(IDENTITY_PERMISSION):
            return [*WITNESS_PUBLIC_FIELDS, "identity_status"]
        return WITNESS_PUBLIC_FIELDS


class EvidenceInline(LanguageFormsMixin, LockedInlineMixin, admin.StackedInline):
    model = EvidenceMedia
    form = EvidenceForm
    fields = [*EVIDENCE_FIELDS, *EVIDENCE_INTEGRITY_FIELDS]
    readonly_fields = EVIDENCE_INTEGRITY_FIELDS
    extra = 0
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        return False


class IncidentGovernorateFilter(GovernorateFilter):
    def within(self, queryset, place):
        return queryset.within(place)


class PrimaryPerpetratorFilter(admin.SimpleListFilter):
    """Incidents whose primary party is the chosen one or one of its sub-parties."""

    title = _("perpetrator (primary)")
    parameter_name = "perpetrator"
    template = MARKED_FILTER_TEMPLATE

    def lookups(self, request, model_admin):
        """Each party under its parent, named in the back office's language (else the other's)."""
        tree = Perpetrator.objects.only("pk", "parent_id", "code", "name", "name_ar").tree()
        return [
            (str(party.pk), record_text(party, "name").after("— " * depth)) for party, depth in tree.walk()
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        party = Perpetrator.objects.filter(pk=self.value()).first() if self.value().isdigit() else None
        return queryset.attributed_to(party) if party else queryset.none()


@admin.register(Incident)
class IncidentAdmin(IndexedSearchMixin, InterchangeAdminMixin, WorkflowAdminMixin, AuditedAdmin):
    interchange_resource = "incidents.resources.IncidentResource"

    class Media:
        css = {"all": ["incidents/admin.css"]}

    list_display = ["code", "heading", "date", "place_name", "primary_perpetrator", "certainty", "status"]
    list_display_links = ["code", "heading"]
    list_filter = [
        "status",
        "certainty",
        IncidentGovernorateFilter,
        PrimaryPerpetratorFilter,
        "attack_type",
    ]
    date_hierarchy = "date"
    search_fields = ["code", "title", "title_ar", "place__name", "place__name_ar"]
    list_select_related = ["place"]
    show_full_result_count = False
    autocomplete_fields = ["place", "area_controlled_by", "follow_up_of", "sources"]
    readonly_fields = ["created_by", "created_at", "updated_at", "published_at"]
    fieldsets = [
        # Each English field beside its Arabic one (on one line; each typed in its direction).
        (
            _("What"),
            {"fields": ["code", ("title", "title_ar"), ("summary", "summary_ar"), "certainty", "sources"]},
        ),
        (_("When"), {"fields": ["date", "date_precision", "time", "time_approximate", "follow_up_of"]}),
        (_("Where"), {"fields": ["place", "location_detail", "latitude", "longitude", "geo_precision"]}),
        (_("How"), {"fields": ["attack_type", "weapon", "weapon_detail"]}),
        (_("Who controlled the area"), {"fields": ["area_controlled_by"]}),
        (_("People killed and injured"), {"fields": ["killed_count", "injured_count"]}),
        (
            _("Review and internal notes"),
            {
                "fields": [
                    "status",
                    "internal_notes",
                    "retraction_reason",
                    "published_at",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [AttackInline, MunitionInline, AttributionInline, WitnessAccountInline, EvidenceInline]
    object_history_template = "admin/incidents/incident/object_history.html"

    def get_queryset(self, request):
        attributions = Attribution.objects.select_related("perpetrator")
        return super().get_queryset(request).prefetch_related(Prefetch("attributions", queryset=attributions))

    @admin.display(description=_("title"), ordering="title")
    def heading(self, incident):
        return marked(incident.heading)

    @admin.display(description=_("place"), ordering="place__name")
    def place_name(self, incident):
        return marked(record_text(incident.place, "name"))

    @admin.display(description=_("perpetrator (primary)"))
    def primary_perpetrator(self, incident):
        party = incident.primary_perpetrator
        return marked(record_text(party, "name")) if party else "-"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def history_view(self, request, object_id, extra_context=None):
        """The incident's history, and below it that of its munition rows (added on this page)."""
        munitions = Munition.history.filter(incident_id=object_id if object_id.isdigit() else None)
        extra = {"munition_history": munitions.select_related("history_user").order_by("-history_date")}
        return super().history_view(request, object_id, extra_context={**extra, **(extra_context or {})})


# --- Rows of an incident on their own pages ----------------------------------------------------


@admin.register(Attack)
class AttackAdmin(RecordColumnsMixin, InterchangeAdminMixin, LockedWithIncidentMixin, AuditedAdmin):
    """Attacks are entered on the incident page; this list finds and filters them, with history."""

    interchange_resource = "incidents.resources.AttackResource"

    list_display = ["incident_column", "facility_column", "damage", "proximity", "service_impact"]
    list_filter = ["damage", "proximity", "service_impact", "facility__kind"]
    list_select_related = ["incident", "facility"]
    search_fields = ["incident__code", "facility__code", "facility__name", "facility__name_ar"]
    autocomplete_fields = ["incident", "facility"]
    fields = ["incident", "facility", "damage", "proximity", "service_impact"]
    show_full_result_count = False


@admin.register(Munition)
class MunitionAdmin(RecordColumnsMixin, InterchangeAdminMixin, LockedWithIncidentMixin, AuditedAdmin):
    """Munitions are entered on the incident page; this list finds and filters them, with history."""

    interchange_resource = "incidents.resources.MunitionResource"

    list_display = ["incident_column", "weapon", "count", "note_column"]
    list_filter = ["weapon"]
    list_select_related = ["incident"]
    search_fields = ["incident__code"]
    autocomplete_fields = ["incident"]
    fields = ["incident", "weapon", "count", "note"]
    show_full_result_count = False


@admin.register(Attribution)
class AttributionAdmin(RecordColumnsMixin, LockedWithIncidentMixin, AuditedAdmin):
    """Attributions are entered on the incident page; this list finds them, with history."""

    list_display = ["incident_column", "perpetrator_column", "certainty", "basis", "is_primary"]
    list_filter = ["primary", "certainty", "basis"]
    list_select_related = ["incident", "perpetrator"]
    search_fields = ["incident__code", "perpetrator__name", "perpetrator__code"]
    autocomplete_fields = ["incident", "perpetrator"]
    fields = ["incident", "perpetrator", "certainty", "basis", "note", "primary"]
    show_full_result_count = False

    @admin.display(description=_("primary"), ordering="primary")
    def is_primary(self, attribution):
        return yes_no_icon(attribution.primary)


class IdentityRevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to see this identity?"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Recorded with your name and the time in the identity access log."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason


class IdentityCorrectionForm(forms.Form):
    """A custodian's correction: the identity fields given (all, or those submitted) and a reason."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("Recorded with your name and the time in the identity logs."),
    )

    def __init__(self, *args, account, names, **kwargs):
        super().__init__(*args, **kwargs)
        identity = {}
        for name in names:
            model_field = WitnessAccount._meta.get_field(name)
            current = getattr(account, name)
            field = forms.CharField(
                label=model_field.verbose_name,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off", "size": 50}),
                initial="" if isinstance(current, StoredToken) else current,
            )
            if unreadable(current):
                field.help_text = _(
                    "Identity unreadable with the current keys. Leave empty to keep the stored value, "
                    "or type the correct value to replace it."
                )
            identity[name] = field
        # The identity fields first, the reason last.
        self.fields = {**identity, "reason": self.fields["reason"]}

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason


class IdentityUndoForm(forms.Form):
    undo = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for undoing it"), max_length=2000)


@admin.register(WitnessAccount)
class WitnessAccountAdmin(
    RecordColumnsMixin, IdentityStatusMixin, StaffInterviewerMixin, LockedWithIncidentMixin, AuditedAdmin
):
    """Alias side only. Identities are written once when the account is added, and shown
    only to identity custodians after a reveal that records who, when and why."""

    list_display = ["alias_column", "incident_column", "relation", "consent", "interviewed_on", "protected"]
    list_filter = ["relation", "consent", "identity_protected"]
    list_select_related = ["incident"]
    search_fields = ["alias"]
    autocomplete_fields = ["incident"]
    readonly_fields = ["identity_reveal_link", "identity_hidden", "identity_status"]
    show_full_result_count = False

    @admin.display(description=_("alias"), ordering="alias")
    def alias_column(self, account):
        return marked_text(str(account))  # the alias, never the real name

    @admin.display(description=_("identity protected"), ordering="identity_protected")
    def protected(self, account):
        return yes_no_icon(account.identity_protected)

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if self._can_reveal(request.user):
            return [*list_display, "identity_status"]
        return list_display

    def get_fields(self, request, obj=None):
        if obj is None:
            # The interviewer records the identity once; nobody reads it back here.
            return ["incident", *WITNESS_PUBLIC_FIELDS, "real_name", "contact"]
        identity = "identity_reveal_link" if self._can_reveal(request.user) else "identity_hidden"
        return ["incident", *WITNESS_PUBLIC_FIELDS, identity]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["widgets"] = {
                "real_name": forms.TextInput(attrs={"autocomplete": "off", "size": 50}),
                "contact": forms.TextInput(attrs={"autocomplete": "off", "size": 50}),
            }
        return super().get_form(request, obj, **kwargs)

    def get_urls(self):
        reveal = path(
            "<path:object_id>/identity/",
            self.admin_site.admin_view(self.identity_view),
            name="incidents_witnessaccount_identity",
        )
        return [reveal, *super().get_urls()]

    @admin.display(description=_("identity"))
    def identity_reveal_link(self, account):
        link = format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:incidents_witnessaccount_identity", args=[account.pk]),
            _("Reveal identity (logged)"),
        )
        if identity_unreadable(account):
            return format_html("{} {}", _("Identity unreadable with the current keys"), link)
        return link

    @admin.display(description=_("identity"))
    def identity_hidden(self, account):
        return _("Protected. Only identity custodians can see it.")

    @staticmethod
    def _can_reveal(user) -> bool:
        return user.has_perm(IDENTITY_PERMISSION)

    def identity_view(self, request, object_id):
        """Ask for a reason, log the reveal, then show the identity, its corrections and their undo.

        Nothing of the identity is shown by a request that did not log a reason: a refused
        correction shows back only what was submitted, a refused undo goes back to the question.
        """
        if not self._can_reveal(request.user):
            raise PermissionDenied
        account = get_object_or_404(WitnessAccount, pk=object_id)
        names = services.identity_field_names()
        reason_form = IdentityRevealForm(request.POST or None)
        correction_form = None
        if request.method == "POST" and "save_identity" in request.POST:
            # Only the fields submitted: one left out of the POST keeps its value.
            submitted = [name for name in names if name in request.POST]
            correction_form = IdentityCorrectionForm(request.POST, account=account, names=submitted)
            if correction_form.is_valid():
                values = {name: correction_form.cleaned_data[name] for name in submitted}
                try:
                    services.correct_identity(
                        account=account,
                        user=request.user,
                        values=values,
                        reason=correction_form.cleaned_data["reason"],
                    )
                except ValidationError as error:
                    correction_form.add_error(None, error)
                else:
                    self.message_user(request, _("Identity saved."))
                    return redirect("admin:incidents_witnessaccount_change", account.pk)
        elif request.method == "POST" and "undo" in request.POST:
            return self._undo_correction(request, account)
        elif request.method == "POST" and reason_form.is_valid():
            IdentityReveal.objects.create(
                witness=account, user=request.user, reason=reason_form.cleaned_data["reason"]
            )
            correction_form = IdentityCorrectionForm(account=account, names=names)
        revealed = correction_form is not None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": account,
            "title": _("Identity of %(alias)s") % {"alias": account},
            "reason_form": reason_form,
            "identity_form": correction_form,
            "corrections": account.identity_corrections.select_related("user") if revealed else None,
            "undo_form": IdentityUndoForm() if revealed else None,
        }
        response = TemplateResponse(request, "admin/incidents/witnessaccount/identity.html", context)
        response["Cache-Control"] = "no-store, private"
        return response

    def _undo_correction(self, request, account):
        form = IdentityUndoForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Give a reason for undoing a correction."), messages.ERROR)
            return redirect("admin:incidents_witnessaccount_identity", account.pk)
        entry = account.identity_corrections.filter(pk=form.cleaned_data["undo"]).first()
        if entry is None:
            self.message_user(request, _("This entry cannot be restored."), messages.ERROR)
            return redirect("admin:incidents_witnessaccount_identity", account.pk)
        try:
            services.restore_identity(entry=entry, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect("admin:incidents_witnessaccount_identity", account.pk)
        self.message_user(request, _("The earlier value is back; the undo is logged."))
        return redirect("admin:incidents_witnessaccount_change", account.pk)


@admin.register(IdentityReveal)
class IdentityRevealAdmin(admin.ModelAdmin):
    """The identity access log: read by administrators, written only by the reveal step."""

    list_display = ["at", "account", "witness_column", "reason_column"]
    list_filter = ["at"]
    list_select_related = ["user", "witness"]
    date_hierarchy = "at"

    @admin.display(description=_("user"), ordering="user__username")
    def account(self, reveal):
        return account_cell(reveal.user)

    @admin.display(description=_("witness account"), ordering="witness__alias")
    def witness_column(self, reveal):
        return marked_text(str(reveal.witness))

    @admin.display(description=_("reason"))
    def reason_column(self, reveal):
        return marked_text(reveal.reason)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CustodyEventInline(admin.TabularInline):
    """Append-only: earlier entries are shown, new ones may be added, none changed or removed."""

    model = CustodyEvent
    fields = ["at", "action", "actor", "note"]
    readonly_fields = ["at", "actor"]
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvidenceMedia)
class EvidenceMediaAdmin(RecordColumnsMixin, LockedWithIncidentMixin, AuditedAdmin):
    """Evidence is retracted, never deleted."""

    form = EvidenceForm
    list_display = [
        "__str__",
        "incident_column",
        "kind",
        "visibility",
        "graphic",
        "short_hash",
        "retracted_at",
    ]
    list_filter = ["kind", "visibility", "is_graphic"]
    list_select_related = ["incident"]
    search_fields = ["incident__code", "caption", "sha256", "original_filename", "url"]
    autocomplete_fields = ["incident"]
    readonly_fields = [*EVIDENCE_INTEGRITY_FIELDS, "retracted_at", "retraction_reason"]
    fieldsets = [
        (None, {"fields": ["incident", *EVIDENCE_FIELDS]}),
        (_("Integrity"), {"fields": [*EVIDENCE_INTEGRITY_FIELDS, "retracted_at", "retraction_reason"]}),
    ]
    inlines = [CustodyEventInline]
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("graphic content"), ordering="is_graphic")
    def graphic(self, evidence):
        return yes_no_icon(evidence.is_graphic)

    @admin.display(description=_("SHA-256"))
    def short_hash(self, evidence):
        return f"{evidence.sha256[:12]}…" if evidence.sha256 else "-"

    def save_formset(self, request, form, formset, change):
        if formset.model is CustodyEvent:
            for event in formset.save(commit=False):
                event.actor = request.user
                event.save()
            return
        super().save_formset(request, form, formset, change)


@admin.register(CustodyEvent)
class CustodyEventAdmin(RecordColumnsMixin, admin.ModelAdmin):
    """The chain of custody is append-only: entries are added, never changed or removed."""

    list_display = ["evidence", "at", "action", "actor_column", "note_column"]
    list_filter = ["action"]
    list_select_related = ["evidence", "actor"]
    search_fields = ["evidence__incident__code", "note"]
    autocomplete_fields = ["evidence"]
    fields = ["evidence", "at", "action", "actor", "note"]
    readonly_fields = ["at", "actor"]
    show_full_result_count = False

    @admin.display(description=_("actor"), ordering="actor__username")
    def actor_column(self, event):
        return account_cell(event.actor)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.actor = request.user
        super().save_model(request, obj, form, change)
