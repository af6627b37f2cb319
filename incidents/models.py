"""Perpetrators, incidents and what hangs off an incident.

Rule 1 of the domain (what is public) lives in the ``public()`` querysets;
every public page, export and report starts from them.
"""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.append_only import AppendOnlyModel, append_only_triggers
from core.bilingual import record_text
from core.choices import coordinate_field, range_check
from core.codes import PublicCodeMixin
from core.fields import DerivedArrayField, EncryptedTextField
from core.permissions import interchange_permissions, publish_permission, workflow_permissions
from core.search import keep_search_text, search_document
from facilities.models import Facility, Place, publish_used

from . import media
from .choices import (
    AttackType,
    AttributionBasis,
    AttributionCertainty,
    Certainty,
    Consent,
    ContactMethod,
    CustodyAction,
    Damage,
    DatePrecision,
    EvidenceKind,
    GeoPrecision,
    PerpetratorKind,
    Proximity,
    Reliability,
    ServiceImpact,
    SourceKind,
    Status,
    Visibility,
    Weapon,
    WitnessRelation,
)


class PerpetratorTree:
    """Parties as a tree, read in one query (parties are few): the one walk of the hierarchy.

    ``parties`` are model instances, or any objects with ``pk``, ``parent_id`` and ``name``.
    A party whose parent is not among them is a root.
    """

    def __init__(self, parties):
        self.parties = list(parties)
        self.by_id = {party.pk: party for party in self.parties}
        self.children: dict[int | None, list] = {}
        for party in sorted(self.parties, key=lambda p: p.name):
            parent_id = party.parent_id if party.parent_id in self.by_id else None
            self.children.setdefault(parent_id, []).append(party)

    def get(self, code: str):
        return next((party for party in self.parties if party.code == code), None)

    def descendant_ids(self, party) -> list[int]:
        """``party`` and every sub-party below it."""
        found, stack = [], [party.pk]
        while stack:
            pk = stack.pop()
            found.append(pk)
            stack.extend(child.pk for child in self.children.get(pk, []))
        return found

    def ancestors(self, party) -> list:
        """The parties above ``party``, the topmost first."""
        chain, node = [], self.by_id.get(party.parent_id)
        while node is not None:
            chain.insert(0, node)
            node = self.by_id.get(node.parent_id)
        return chain

    def walk(self, parent=None, depth: int = 0):
        """``(party, depth)`` depth first, siblings by name."""
        for party in self.children.get(parent.pk if parent else None, []):
            yield party, depth
            yield from self.walk(party, depth + 1)


class PerpetratorQuerySet(models.QuerySet):
    def public(self):
        """Parties are public reference data: a change to one goes through a reviewer
        (``facilities.proposals``)."""
        return self.all()

    def tree(self) -> PerpetratorTree:
        return PerpetratorTree(self.order_by())


class Perpetrator(models.Model):
    """A party to the conflict; ``undetermined`` parties list their alternatives in ``members``."""

    code = models.SlugField(_("code"), max_length=80, unique=True, help_text=_("e.g. syrian-regime"))
    name = models.CharField(_("name"), max_length=200)
    name_ar = models.CharField(_("Arabic name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PerpetratorKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="undetermined_groups",
        verbose_name=_("members"),
        help_text=_("For an undetermined party: the parties it may be. Reported as its own row."),
    )
    # Normalised names for search (core.search).
    search_text = models.TextField(_("search text"), editable=False, blank=True, default="")

    history = HistoricalRecords(m2m_fields=[members], excluded_fields=["search_text"])
    objects = PerpetratorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("perpetrator")
        verbose_name_plural = _("perpetrators")
        permissions = [*interchange_permissions("perpetrator"), publish_permission("perpetrator")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        keep_search_text(self, search_document(self.code, self.name, self.name_ar), kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The public page (``reports:perpetrator_detail``); only public records have one that answers."""
        return reverse("reports:perpetrator_detail", args=[self.code])

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A party cannot sit under itself.")})
            ancestor = ancestor.parent

    def descendant_ids(self) -> list[int]:
        """This party and every sub-party below it."""
        return Perpetrator.objects.only("pk", "parent_id", "name", "code").tree().descendant_ids(self)

    def ancestors(self) -> list["Perpetrator"]:
        """The parties above this one, the topmost first."""
        return Perpetrator.objects.tree().ancestors(self)


class Source(models.Model):
    """Where information came from."""

    kind = models.CharField(_("kind"), max_length=30, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    archive_url = models.URLField(_("archive URL"), max_length=1000, blank=True)
    reliability = models.CharField(
        _("reliability"), max_length=20, choices=Reliability.choices, default=Reliability.UNKNOWN
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})" if self.publisher else self.title


def primary_attribution_join(attributions: str = "attributions") -> models.FilteredRelation:
    """The one primary Attribution reached through ``attributions`` (``"incident__attributions"``
    from an attack or a victim), as a LEFT JOIN: ``.alias(primary_attribution=...)``, then
    ``primary_attribution__perpetrator__code`` and so on. One join, not a subquery per row."""
    return models.FilteredRelation(attributions, condition=Q(**{f"{attributions}__primary": True}))


LISTING_FIELDS = ("primary_party_id", "place_ids", "search_vector")


class IncidentQuerySet(models.QuerySet):
    def public(self):
        """Rule 1: published and not a rumour."""
        return self.filter(status=Status.PUBLISHED).exclude(certainty=Certainty.RUMOUR)

    def within(self, place: Place):
        return self.filter(place__path__startswith=place.path)

    def attributed_to(self, perpetrator: Perpetrator):
        """Incidents whose primary party is ``perpetrator`` or one of its sub-parties."""
        return self.filter(
            attributions__primary=True,
            attributions__perpetrator_id__in=perpetrator.descendant_ids(),
        )

    def unattributed(self):
        return self.exclude(attributions__primary=True)


class Incident(PublicCodeMixin, models.Model):
    """One event at one place and time: a strike, a shelling, a raid."""

    code_width = 5

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        blank=True,
        help_text=_("Stable public identifier; generated when left blank."),
    )
    # The English and the Arabic text (either may be the original; one title at least):
    # pages show the reader's language and fall back to the other (core.bilingual).
    title = models.CharField(_("title"), max_length=300, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Public narrative."))
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True, help_text=_("Public narrative."))
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Never public."))
    date = models.DateField(_("date"), db_index=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    time = models.TimeField(_("time"), null=True, blank=True)
    time_approximate = models.BooleanField(
        _("time is approximate"), default=False, help_text=_('"around 14:00"')
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("place")
    )
    location_detail = models.CharField(
        _("location detail"), max_length=300, blank=True, help_text=_('e.g. "al Shamali neighbourhood"')
    )
    latitude = coordinate_field("latitude", _("latitude"))
    longitude = coordinate_field("longitude", _("longitude"))
    geo_precision = models.CharField(
        _("geographic precision"),
        max_length=20,
        choices=GeoPrecision.choices,
        default=GeoPrecision.LOCALITY,
    )
    attack_type = models.CharField(_("attack type"), max_length=30, choices=AttackType.choices)
    weapon = models.CharField(_("weapon"), max_length=30, choices=Weapon.choices, default=Weapon.UNKNOWN)
    weapon_detail = models.CharField(
        _("weapon detail"), max_length=300, blank=True, help_text=_('e.g. "Su-25, four missiles"')
    )
    area_controlled_by = models.ForeignKey(
        Perpetrator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="controlled_area_incidents",
        verbose_name=_("area controlled by"),
    )
    killed_count = models.PositiveIntegerField(_("killed"), default=0)
    injured_count = models.PositiveIntegerField(_("injured"), default=0)
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up of"),
        help_text=_("The earlier strike on the same site (double tap)."),
    )
    certainty = models.CharField(_("certainty"), max_length=20, choices=Certainty.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="incidents", verbose_name=_("sources"))
    retraction_reason = models.TextField(_("retraction reason"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Normalised public text (never internal notes) for search (core.search);
    # full-text and trigram GIN indexes on PostgreSQL.
    search_text = models.TextField(_("search text"), editable=False, blank=True, default="")
    # What the public list filters on, kept by the database on PostgreSQL (incidents.listing):
    # whatever an instance holds is overwritten when it is written. Empty on SQLite.
    # A plain integer, not a foreign key: btree_gin compares only equal types, and the filter's
    # literals are integers.
    primary_party_id = models.IntegerField(
        _("primary party (for the lists)"), null=True, blank=True, editable=False
    )
    place_ids = DerivedArrayField(
        models.BigIntegerField(),
        verbose_name=_("places (for the lists)"),
        null=True,
        blank=True,
        editable=False,
    )
    search_vector = SearchVectorField(_("search index"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=[*LISTING_FIELDS, "updated_at", "search_text"])
    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        permissions = workflow_permissions("incident") + interchange_permissions("incident")
        constraints = [
            models.CheckConstraint(condition=Q(killed_count__gte=0), name="incident_killed_not_negative"),
            models.CheckConstraint(condition=Q(injured_count__gte=0), name="incident_injured_not_negative"),
            models.CheckConstraint(
                condition=range_check("latitude", -90, 90), name="incident_latitude_in_range"
            ),
            models.CheckConstraint(
                condition=range_check("longitude", -180, 180), name="incident_longitude_in_range"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.RETRACTED) | ~Q(retraction_reason=""),
                name="incident_retraction_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(title="") | ~Q(title_ar=""),
                name="incident_has_a_title",
                violation_error_message=_("Give the incident a title, in English or in Arabic."),
            ),
        ]
        indexes = [models.Index(fields=["status", "date"], name="incident_status_date")]

    def __str__(self) -> str:
        title = self.heading
        return f"{self.code} {title}" if self.code else title

    @transaction.atomic(savepoint=False)  # one change with its uses; no savepoint per row of a file
    def save(self, *args, **kwargs):
        keep_search_text(self, self.search_document(), kwargs)
        super().save(*args, **kwargs)
        if self.is_public:
            self.publish_what_it_uses()

    def get_absolute_url(self) -> str:
        """The public page (``incidents:incident_detail``); only public records have one that answers."""
        return reverse("incidents:incident_detail", args=[self.code])

    @property
    def heading(self) -> str:
        """The title in the active language, else the other (core.bilingual)."""
        return record_text(self, "title")

    def direct_uses(self) -> tuple[set, set]:
        """The facilities and places this record refers to itself: (facility ids, place ids)."""
        return set(), {self.place_id}

    def publish_what_it_uses(self) -> None:
        """What a public incident uses is public: its place, the facilities it hit, and the
        workplaces and hometowns of its published victims (``victims``, through the relation)."""
        facility_ids, place_ids = self.direct_uses()
        facility_ids |= set(self.attacks.values_list("facility_id", flat=True))
        for affiliation, hometown in self.victims.filter(status=Status.PUBLISHED).values_list(
            "affiliation_id", "hometown_id"
        ):
            facility_ids.add(affiliation)
            place_ids.add(hometown)
        publish_used(facility_ids=facility_ids, place_ids=place_ids)

    def search_document(self) -> str:
        return search_document(
            self.title, self.title_ar, self.summary, self.summary_ar, self.location_detail, self.weapon_detail
        )

    def code_prefix(self) -> str:
        return f"INC-{self.date.year}-"

    def clean(self):
        if not (self.title.strip() or self.title_ar.strip()):
            # The constraint incident_has_a_title, said on the field a documenter fills.
            raise ValidationError({"title": _("Give the incident a title, in English or in Arabic.")})
        if self.follow_up_of_id and self.follow_up_of_id == self.pk:
            raise ValidationError({"follow_up_of": _("An incident cannot follow up on itself.")})
        if self.follow_up_of and self.date and self.follow_up_of.date > self.date:
            raise ValidationError({"follow_up_of": _("The earlier strike must not be dated after this one.")})

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.certainty != Certainty.RUMOUR

    @property
    def is_double_tap(self) -> bool:
        """Derived: a repeat strike on the same site, or a strike that was repeated."""
        return self.follow_up_of_id is not None or self.follow_ups.exists()

    @property
    def primary_attribution(self) -> "Attribution | None":
        return next((a for a in self.attributions.all() if a.primary), None)

    @property
    def primary_perpetrator(self) -> "Perpetrator | None":
        attribution = self.primary_attribution
        return attribution.perpetrator if attribution else None


class AttackQuerySet(models.QuerySet):
    def public(self):
        """An attack is public only when its incident is."""
        return self.filter(incident__in=Incident.objects.public())

    def repeat(self):
        """Attacks on facilities hit more than once (in this queryset)."""
        repeated = self.values("facility").annotate(n=models.Count("id")).filter(n__gt=1).values("facility")
        return self.filter(facility__in=repeated)


class Attack(models.Model):
    """The counting unit "attack on a facility": one incident hitting one facility."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="attacks", verbose_name=_("incident")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="attacks", verbose_name=_("facility")
    )
    damage = models.CharField(_("damage"), max_length=30, choices=Damage.choices, blank=True)
    proximity = models.CharField(_("proximity"), max_length=20, choices=Proximity.choices, blank=True)
    service_impact = models.CharField(
        _("service impact"), max_length=20, choices=ServiceImpact.choices, blank=True
    )

    history = HistoricalRecords()
    objects = AttackQuerySet.as_manager()

    class Meta:
        ordering = ["incident__date", "id"]
        verbose_name = _("attack on a facility")
        verbose_name_plural = _("attacks on facilities")
        permissions = interchange_permissions("attack")
        constraints = [
            models.UniqueConstraint(fields=["incident", "facility"], name="one_attack_per_incident_facility"),
        ]

    def __str__(self) -> str:
        return f"{self.incident.code}: {self.facility.name}"

    @transaction.atomic(savepoint=False)  # one change with its uses; no savepoint per row of a file
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.incident.is_public:
            publish_used(facility_ids=[self.facility_id])

    def earlier_attacks(self):
        """Attacks on the same facility before this one (by date, then id)."""
        return Attack.objects.filter(facility_id=self.facility_id).filter(
            Q(incident__date__lt=self.incident.date) | Q(incident__date=self.incident.date, pk__lt=self.pk)
        )

    @property
    def sequence_number(self) -> int:
        """1 for the first known attack on the facility, 2 for the second, ..."""
        return self.earlier_attacks().count() + 1


class MunitionQuerySet(models.QuerySet):
    def public(self):
        """A munition count is public only when its incident is."""
        return self.filter(incident__in=Incident.objects.public())


class Munition(models.Model):
    """How many strikes or munitions of one weapon an incident comprised ("four barrel bombs")."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="munitions", verbose_name=_("incident")
    )
    weapon = models.CharField(_("weapon"), max_length=30, choices=Weapon.choices)
    count = models.PositiveIntegerField(
        _("count"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many strikes or munitions of this weapon (at least 1)."),
    )
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_('e.g. "dropped by two helicopters"')
    )

    history = HistoricalRecords()
    objects = MunitionQuerySet.as_manager()

    class Meta:
        ordering = ["incident", "weapon"]
        verbose_name = _("munition")
        verbose_name_plural = _("munitions")
        permissions = interchange_permissions("munition")
        constraints = [
            models.UniqueConstraint(fields=["incident", "weapon"], name="one_munition_row_per_weapon"),
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="munition_count_at_least_one",
                violation_error_message=_("The count must be at least 1."),
            ),
        ]
        # The incident list's ``weapon`` filter looks munitions up by weapon (incidents.filters).
        indexes = [models.Index(fields=["weapon", "incident"], name="munition_weapon_incident")]

    def __str__(self) -> str:
        return f"{self.count} × {self.get_weapon_display()}"


class AttributionQuerySet(models.QuerySet):
    def primary(self):
        """The attributions statistics count: at most one per incident."""
        return self.filter(primary=True)


class Attribution(models.Model):
    """Who is held responsible for an incident, and how sure."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="attributions", verbose_name=_("incident")
    )
    perpetrator = models.ForeignKey(
        Perpetrator,
        on_delete=models.PROTECT,
        related_name="attributions",
        verbose_name=_("perpetrator"),
    )
    certainty = models.CharField(_("certainty"), max_length=20, choices=AttributionCertainty.choices)
    basis = models.CharField(_("basis"), max_length=30, choices=AttributionBasis.choices, blank=True)
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_('e.g. "fixed-wing warplanes we believe were Russian"'),
    )
    primary = models.BooleanField(
        _("primary"), default=False, help_text=_("Statistics count the incident under this party.")
    )

    history = HistoricalRecords()
    objects = AttributionQuerySet.as_manager()

    class Meta:
        ordering = ["-primary", "id"]
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        constraints = [
            models.UniqueConstraint(fields=["incident", "perpetrator"], name="one_attribution_per_party"),
            models.UniqueConstraint(
                fields=["incident"], condition=Q(primary=True), name="one_primary_attribution_per_incident"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perpetrator} ({self.get_certainty_display()})"


class WitnessAccountQuerySet(models.QuerySet):
    def public(self):
        """Accounts of public incidents; use ``with_public_statement`` for the text."""
        return self.filter(incident__in=Incident.objects.public())

    def with_public_statement(self):
        """Rule 2: consent to publication that has not been withdrawn."""
        return self.filter(
            consent__in=[Consent.ANONYMISED_PUBLICATION, Consent.NAMED_PUBLICATION],
            consent_withdrawn_on__isnull=True,
        )


class WitnessAccount(models.Model):
    """A testimony about an incident. Outside the identity custodians only ``alias`` is shown."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="witness_accounts", verbose_name=_("incident")
    )
    alias = models.CharField(
        _("alias"), max_length=200, blank=True, help_text=_("The only name shown outside the custodians.")
    )
    real_name = EncryptedTextField(_("real name"), blank=True)
    contact = EncryptedTextField(_("contact"), blank=True)
    identity_protected = models.BooleanField(_("identity protected"), default=True)
    witness_role = models.CharField(
        _("witness role"),
        max_length=300,
        blank=True,
        help_text=_('Public description, e.g. "media activist from northern Aleppo"'),
    )
    relation = models.CharField(_("relation"), max_length=30, choices=WitnessRelation.choices)
    contact_method = models.CharField(
        _("contact method"), max_length=20, choices=ContactMethod.choices, blank=True
    )
    interviewed_on = models.DateField(_("interviewed on"), null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interviewer"),
    )
    consent = models.CharField(
        _("consent"), max_length=30, choices=Consent.choices, default=Consent.INTERNAL_ONLY
    )
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    no_incentive_given = models.BooleanField(_("no incentive given"), default=False)
    statement = models.TextField(_("statement"), blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True, help_text=_("e.g. ar, en"))

    # Secrets never enter the history tables.
    history = HistoricalRecords(excluded_fields=["real_name", "contact"])
    objects = WitnessAccountQuerySet.as_manager()

    class Meta:
        ordering = ["interviewed_on", "id"]
        verbose_name = _("witness account")
        verbose_name_plural = _("witness accounts")
        permissions = [("view_witness_identity", _("Can see witness identities"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_protected=False) | ~Q(alias=""),
                name="protected_witness_has_alias",
            ),
        ]

    def __str__(self) -> str:
        # Never the real name, whatever the flags say.
        return self.alias or _("Witness #%(id)s") % {"id": self.pk or "?"}

    def clean(self):
        self.alias = self.alias.strip()
        if self.identity_protected and not self.alias:
            raise ValidationError({"alias": _("A protected witness needs an alias.")})

    @property
    def statement_is_public(self) -> bool:
        return (
            self.consent in {Consent.ANONYMISED_PUBLICATION, Consent.NAMED_PUBLICATION}
            and self.consent_withdrawn_on is None
        )


class IdentityReveal(AppendOnlyModel):
    """Append-only log of every time a custodian revealed a witness's identity, and why."""

    witness = models.ForeignKey(
        WitnessAccount, on_delete=models.PROTECT, related_name="reveals", verbose_name=_("witness account")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("identity reveal")
        verbose_name_plural = _("identity reveals")
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="identity_reveal_has_reason")]
        triggers = append_only_triggers()

    def __str__(self) -> str:
        return f"{self.witness} / {self.user} / {self.at:%Y-%m-%d %H:%M}"


class IdentityCorrection(AppendOnlyModel):
    """Append-only log of every change to one encrypted identity field of a witness account.

    ``previous`` is the field's token as it was stored before the change (empty when the field
    was empty), never decrypted here: it lets a custodian undo the change by writing the token
    back (``incidents.services.restore_identity``), and is shown nowhere. An undo is itself an
    entry, pointing at the entry it undid. Key rotation leaves these tokens as written: an entry
    stays restorable while the key it was written under is configured.
    """

    witness = models.ForeignKey(
        WitnessAccount,
        on_delete=models.PROTECT,
        related_name="identity_corrections",
        verbose_name=_("witness account"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    field = models.CharField(_("field"), max_length=100)
    previous = models.TextField(_("previous value (encrypted)"), blank=True, editable=False)
    reason = models.TextField(_("reason"))
    undoes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undoes"),
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("identity correction")
        verbose_name_plural = _("identity corrections")
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="identity_correction_has_reason")]
        triggers = append_only_triggers()

    def __str__(self) -> str:
        return f"{self.witness} / {self.field} / {self.at:%Y-%m-%d %H:%M}"

    @property
    def field_label(self) -> str:
        return WitnessAccount._meta.get_field(self.field).verbose_name


def current_user():
    """The user of the request being served, for logs written by the model layer."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def evidence_upload_to(instance: "EvidenceMedia", filename: str) -> str:
    """A random stored name; the original name is kept as metadata only."""
    suffix = PurePath(filename).suffix.lower()[:10]
    now = timezone.now()
    return f"evidence/{now:%Y/%m}/{secrets.token_hex(16)}{suffix}"


class EvidenceMediaQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(_("Evidence is retracted, never deleted."))

    def public(self):
        return self.filter(
            incident__in=Incident.objects.public(),
            visibility=Visibility.PUBLIC,
            retracted_at__isnull=True,
        )


class EvidenceMedia(models.Model):
    """A photo, video, audio, document or web capture, with its integrity metadata."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("incident")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True, max_length=255)
    url = models.URLField(_("URL"), max_length=1000, blank=True, help_text=_("Where it was found."))
    archive_url = models.URLField(_("archive URL"), max_length=1000, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False, db_index=True)
    size_bytes = models.BigIntegerField(_("size (bytes)"), null=True, blank=True, editable=False)
    mime_type = models.CharField(_("MIME type"), max_length=100, blank=True, editable=False)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    captured_at = models.DateTimeField(_("captured at"), null=True, blank=True)
    captured_by = models.CharField(_("captured by"), max_length=200, blank=True)
    received_via = models.CharField(_("received via"), max_length=200, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    storage_note = models.CharField(
        _("storage note"), max_length=500, blank=True, help_text=_("Where the original is kept offline.")
    )
    caption = models.TextField(_("caption"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.RESTRICTED
    )
    is_graphic = models.BooleanField(_("graphic content"), default=False)
    retracted_at = models.DateTimeField(_("retracted at"), null=True, blank=True, editable=False)
    retraction_reason = models.TextField(_("retraction reason"), blank=True)
    # Re-encoded public copies without metadata; the original is never served publicly.
    display_image = models.ImageField(
        _("display image"), upload_to="derivatives/display/", blank=True, editable=False
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to="derivatives/thumb/", blank=True, editable=False)

    history = HistoricalRecords()
    objects = EvidenceMediaQuerySet.as_manager()

    class Meta:
        ordering = ["incident", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="evidence_has_file_or_url"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}" if self.pk else str(self.get_kind_display())

    def save(self, *args, **kwargs):
        self._refuse_file_replacement()
        received = self.file and not self.sha256
        if received:
            self._receive_file()
        super().save(*args, **kwargs)
        if received:
            CustodyEvent.objects.create(
                evidence=self,
                actor=current_user(),
                action=CustodyAction.RECEIVED,
                note=_("Received %(name)s, SHA-256 %(sha)s")
                % {"name": self.original_filename, "sha": self.sha256},
            )

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("Evidence needs a file or a URL."))
        self._refuse_file_replacement()
        if self.file and not self.sha256:
            media.validate_upload(self.file, self.kind)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Evidence is retracted, never deleted."))

    def _receive_file(self):
        """Validate, fingerprint and derive public copies of a newly attached file."""
        self.mime_type = media.validate_upload(self.file, self.kind)
        if not self.original_filename:
            self.original_filename = PurePath(self.file.name).name[:255]
        self.sha256, self.size_bytes = media.sha256_of(self.file)
        media.make_public_derivatives(self)

    def _refuse_file_replacement(self):
        """Rule 3: a recorded file never changes; add new evidence instead."""
        if self.pk is None:
            return
        stored = EvidenceMedia.objects.filter(pk=self.pk).values_list("file", "sha256").first()
        if stored and stored[1] and (self.file.name or "") != stored[0]:
            raise ValidationError(
                {"file": _("A recorded evidence file cannot be replaced; add new evidence instead.")}
            )


class CustodyEvent(AppendOnlyModel):
    """Append-only chain-of-custody entry for one evidence item."""

    evidence = models.ForeignKey(
        EvidenceMedia, on_delete=models.PROTECT, related_name="custody_events", verbose_name=_("evidence")
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=20, choices=CustodyAction.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["evidence", "at", "id"]
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")
        triggers = append_only_triggers()

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class NameWord(models.Model):
    """A word of a facility's or place's name: the vocabulary fuzzy searches expand a query's
    words against (``incidents.search``). Kept by triggers on PostgreSQL; words are only ever
    added, and one no longer in any name merely matches nothing."""

    word = models.CharField(_("word"), max_length=200, db_index=True)

    class Meta:
        verbose_name = _("name word")
        verbose_name_plural = _("name words")

    def __str__(self) -> str:
        return self.word
