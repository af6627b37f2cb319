"""Reading the public pages the way a script would: through the CSV download."""

import csv
import io

KEYS = {"/incidents/": "code", "/victims/": "code", "/facilities/": "code"}


def csv_text(response) -> str:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content).decode("utf-8")


def csv_dicts(response) -> list[dict]:
    text = csv_text(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def listed(client, path: str, params=None) -> list:
    """The rows a list gives for ``params``: codes, or (incident, facility) pairs for attacks."""
    query = dict(params or {})
    query["format"] = "csv"
    rows = csv_dicts(client.get(path, query))
    if path == "/attacks/":
        return sorted((row["incident"], row["facility"]) for row in rows)
    return sorted(row[KEYS[path]] for row in rows)


def codes(*objects) -> list:
    return sorted(obj.code for obj in objects)


def attack_keys(world, *pairs) -> list:
    """(incident key, facility key) pairs as (incident code, facility code)."""
    return sorted((world.incidents[i].code, world.facilities[f].code) for i, f in pairs)
