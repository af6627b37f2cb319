"""The OpenAPI document: valid, every operation, parameter and field described (in Arabic under
/ar/), the vocabularies as enums; the documentation page served from this site's own files."""

import re

import pytest
from django.core.management import call_command

from facilities.models import FacilityKind
from incidents.choices import Weapon
from victims.models import Role

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/incidents/",
    "/api/v1/incidents/{code}/",
    "/api/v1/attacks/",
    "/api/v1/attacks/{incident}/{facility}/",
    "/api/v1/victims/",
    "/api/v1/victims/{code}/",
    "/api/v1/facilities/",
    "/api/v1/facilities/{code}/",
    "/api/v1/perpetrators/",
    "/api/v1/perpetrators/{code}/",
    "/api/v1/reports/",
}
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return response.json()


def test_the_schema_validates_without_a_warning(tmp_path):
    # drf-spectacular checks the document against the OpenAPI 3 specification's JSON schema.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def test_the_schema_has_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == PATHS


def properties(schema):
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            yield f"{name}.{field}", spec


def test_every_field_and_parameter_is_described(schema):
    for where, spec in properties(schema):
        assert spec.get("description"), where
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), (path, method)
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (path, parameter["name"])
            assert {"200", "429"} <= set(operation["responses"]), path
            assert ("400" if "{" not in path else "404") in operation["responses"], path


def test_vocabularies_are_enums_with_their_codes(schema):
    components = schema["components"]["schemas"]
    assert components["WeaponEnum"]["enum"] == Weapon.values
    assert components["FacilityKindEnum"]["enum"] == FacilityKind.values
    assert components["RoleEnum"]["enum"] == Role.values
    assert "* `barrel_bomb` - Barrel bomb" in components["WeaponEnum"]["description"]
    weapon = next(
        p for p in schema["paths"]["/api/v1/incidents/"]["get"]["parameters"] if p["name"] == "weapon"
    )
    assert weapon["schema"]["items"]["enum"] == Weapon.values


def test_no_private_field_is_in_the_schema(schema):
    fields = {where.split(".")[1] for where, _spec in properties(schema)}
    for private in (
        "internal_notes",
        "real_name",
        "contact",
        "consent",
        "status",
        "notes",
        "latitude",
        "longitude",
    ):
        assert private not in fields


def test_the_schema_is_in_arabic_under_ar(client):
    arabic = client.get("/ar/api/v1/schema/").json()
    assert set(arabic["paths"]) == {"/ar" + path for path in PATHS}
    texts = [arabic["info"]["title"], arabic["components"]["schemas"]["Incident"]["description"]]
    texts += [op["summary"] for op in arabic["paths"]["/ar/api/v1/incidents/"].values()]
    texts += [p["description"] for p in arabic["paths"]["/ar/api/v1/incidents/"]["get"]["parameters"]]
    texts += [spec["description"] for _where, spec in properties(arabic)]
    english = [text for text in texts if not ARABIC.search(text)]
    assert not english


def test_the_docs_page_loads_swagger_ui_from_this_site(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="' in attributes for attributes in scripts), "no inline script"
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(source.startswith("/") for source in sources), sources
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in sources
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()
