"""Malformed or unknown parameters never give a server error: 400 with a message, or ignored."""

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/incidents/", "/attacks/", "/victims/", "/facilities/", "/perpetrators/"]

MALFORMED = [
    {"date_after": "2018-13-45"},
    {"date_before": "yesterday"},
    {"date_after": "99999-01-01"},
    {"date_after": "0000-00-00"},
    {"month": "2018-13"},
    {"month": "January"},
    {"month": "0000-01"},
    {"governorate": "NOWHERE"},
    {"governorate": "99999999999999999999999"},
    {"governorate": "-1"},
    {"place": "'; DROP TABLE facilities_place; --"},
    {"place": "Atlantis"},
    {"perpetrator": "nobody"},
    {"perpetrator": "../../etc/passwd"},
    {"attack_type": "orbital"},
    {"weapon": ["drone", "lightsaber"]},
    {"certainty": "rumour"},
    {"category": "spaceport"},
    {"kind": "castle"},
    {"role": "wizard"},
    {"report_class": "x"},
    {"sex": "2"},
    {"child": "maybe"},
    {"age_group": ["adult", "teen"]},
    {"age_group": "\x00"},
    {"weapon": "barrel_bomb\x00"},
    {"harm": "tickled"},
    {"repeat": "sometimes"},
    {"double_tap": "perhaps"},
    {"on_duty": "x"},
    {"q": "x" * 500},
    {"q": "null\x00byte"},
    {"place": "null\x00byte"},
    {"facility": "null\x00byte"},
    {"q": "%%%___\\"},
    {"q": "' OR 1=1 --"},
    {"q": "&|!():*<->"},
    {"after": "not-a-cursor"},
    {"before": "eyJ4IjoxfQ"},
    {"after": "WyIyMDE4LTAxLTMyIiwxXQ"},  # ["2018-01-32",1]
    {"after": "WyJ4XHUwMDAwIiwxXQ"},  # ["x\u0000",1]
    {"after": "WyIyMDE4LTAxLTAxIiw5OTk5OTk5OTk5OTk5OTk5OTk5OTk5XQ"},  # huge id
    {"per_page": "-5"},
    {"per_page": "100000"},
    {"format": "json"},
    {"format": "csv", "date_after": "nope"},
    {"hxl": "maybe", "format": "csv"},
    {"unknown": "ignored", "utm_source": "x"},
    {"date_after": "2018-02-01", "date_before": "2018-01-01"},
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("params", MALFORMED, ids=lambda p: ",".join(p))
def test_no_server_error_on_malformed_parameters(client, world, path, params):
    response = client.get(path, params)
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.strip(), "a 400 must say what is wrong"


def test_invalid_filter_answers_400_with_the_fields_message(client, world):
    response = client.get("/incidents/", {"date_after": "2018-13-45", "perpetrator": "nobody"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter a valid date." in text
    assert "No party has the code “nobody”." in text
    assert "start again without filters" in text


def test_csv_with_invalid_filter_answers_plain_text_400(client, world):
    response = client.get("/victims/", {"format": "csv", "sex": "2"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert b"sex" in response.content


def test_unknown_parameters_are_ignored(client, world):
    plain = client.get("/incidents/")
    noisy = client.get("/incidents/", {"utm_source": "newsletter", "foo": "bar"})
    assert noisy.status_code == 200
    assert [i.pk for i in noisy.context["page"].rows] == [i.pk for i in plain.context["page"].rows]


@pytest.mark.parametrize("language", ["", "/ar"])
def test_malformed_cursor_answers_400_with_a_page_in_the_pages_language(client, world, language):
    response = client.get(f"{language}/incidents/", {"after": "%%%"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert ("go back to the first page" if not language else "الصفحة الأولى") in text
    assert f'href="{language}/incidents/"' in text


@pytest.mark.parametrize(
    "params",
    [
        {"month": "2018-13"},
        {"date_after": "2018-01-01"},
        {"date_after": "2018-02-01", "date_before": "2018-01-01"},
        {"month": "2018-01", "date_after": "2018-01-01", "date_before": "2018-01-31"},
        {"governorate": "NOWHERE"},
        {"governorate": "SY070300"},
        {"date_after": "0001-01-01", "date_before": "9999-12-31"},
        {"format": "pdf"},
        {"format": "csv", "month": "nope"},
        {"format": "xlsx", "governorate": "x\x00"},
    ],
    ids=lambda p: ",".join(p),
)
def test_report_answers_400_to_malformed_periods(client, world, params):
    response = client.get("/reports/", params)
    assert response.status_code == 400
