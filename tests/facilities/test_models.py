import pytest
from django.db import IntegrityError, transaction

from facilities.models import KIND_CATEGORY, Facility, FacilityCategory, FacilityKind, Place, PlaceLevel
from tests.factories import FacilityFactory, GovernorateFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_pcode_is_unique_when_set():
    GovernorateFactory(pcode="SY07")
    with pytest.raises(IntegrityError), transaction.atomic():
        GovernorateFactory(pcode="SY07")


def test_many_places_may_have_no_pcode():
    PlaceFactory(pcode="")
    PlaceFactory(pcode="")
    assert Place.objects.filter(pcode="").count() == 2


def test_place_path_holds_its_ancestry():
    town = PlaceFactory()
    governorate = town.parent
    assert town.path == f"{governorate.path}{town.pk}/"
    assert [p.pk for p in town.ancestors()] == [governorate.parent.pk, governorate.pk]
    assert town.governorate == governorate


def test_within_includes_everything_below():
    governorate = GovernorateFactory()
    district = PlaceFactory(parent=governorate, level=PlaceLevel.ADMIN2)
    town = PlaceFactory(parent=district)
    elsewhere = PlaceFactory()
    assert set(Place.objects.within(governorate)) == {governorate, district, town}
    assert elsewhere not in Place.objects.within(governorate)


def test_moving_a_place_moves_its_descendants():
    old, new = GovernorateFactory(), GovernorateFactory()
    district = PlaceFactory(parent=old, level=PlaceLevel.ADMIN2)
    town = PlaceFactory(parent=district)
    district.parent = new
    district.save()
    town.refresh_from_db()
    assert town.path.startswith(new.path)
    assert town in Place.objects.within(new)
    assert town not in Place.objects.within(old)


def test_every_kind_rolls_up_to_the_category_of_the_domain_table():
    assert set(KIND_CATEGORY) == set(FacilityKind.values)
    expected = {
        "hospital": "medical",
        "field_hospital": "medical",
        "primary_care": "medical",
        "medical_point": "medical",
        "mobile_clinic": "medical",
        "pharmacy": "medical",
        "medical_warehouse": "medical",
        "ambulance": "ambulance",
        "civil_defense_center": "civil_defense",
        "civil_defense_vehicle": "civil_defense",
        "red_crescent_facility": "red_crescent",
        "red_crescent_vehicle": "red_crescent",
        "other": "other",
    }
    assert {kind: FacilityFactory.build(kind=kind).category for kind in expected} == expected


def test_category_is_derived_in_sql_too():
    FacilityFactory(kind=FacilityKind.AMBULANCE)
    FacilityFactory(kind=FacilityKind.CIVIL_DEFENSE_VEHICLE)
    annotated = dict(Facility.objects.with_category().values_list("kind", "category"))
    assert annotated == {"ambulance": "ambulance", "civil_defense_vehicle": "civil_defense"}
    assert list(
        Facility.objects.in_category(FacilityCategory.CIVIL_DEFENSE).values_list("kind", flat=True)
    ) == ["civil_defense_vehicle"]


def test_category_is_not_a_stored_field():
    assert "category" not in {f.name for f in Facility._meta.get_fields()}


@pytest.mark.parametrize(
    ("field", "value"), [("latitude", 90.5), ("latitude", -91), ("longitude", 181), ("longitude", -180.5)]
)
def test_facility_coordinates_must_be_in_range(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        FacilityFactory(**{field: value})


def test_facility_code_is_generated_unique_and_stable():
    first, second = FacilityFactory(), FacilityFactory()
    assert first.code == "FAC-000001"
    assert second.code == "FAC-000002"
    first.name = "Renamed"
    first.save()
    first.refresh_from_db()
    assert first.code == "FAC-000001"


def test_facility_code_given_is_kept_and_numbering_continues_after_it():
    FacilityFactory(code="FAC-000041")
    assert FacilityFactory().code == "FAC-000042"


def test_facility_codes_are_unique():
    FacilityFactory(code="FAC-000007")
    with pytest.raises(IntegrityError), transaction.atomic():
        FacilityFactory(code="FAC-000007")


def test_facility_changes_keep_history():
    facility = FacilityFactory(name="al Salam Hospital")
    facility.name = "al Salam Surgical Hospital"
    facility.save()
    assert [h.name for h in facility.history.order_by("history_id")] == [
        "al Salam Hospital",
        "al Salam Surgical Hospital",
    ]
