"""The apps' layering (docs/architecture.md): import-linter checks the direction in ``make lint``;
this test keeps imports where import-linter and a reader can see them."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "core",
    "facilities",
    "incidents",
    "victims",
    "reports",
    "accounts",
    "demo",
    "interchange",
    "backups",
    "api",
    "config",
)


def first_party(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return bool(node.level) or (node.module or "").split(".")[0] in APPS
    return any(alias.name.split(".")[0] in APPS for alias in node.names)


def imports_inside_functions():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                # AppConfig.ready() is where Django wants signal receivers connected.
                if path.name == "apps.py" and function.name == "ready":
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom) and first_party(node):
                        yield f"{path.relative_to(ROOT)}:{node.lineno} in {function.name}()"


def test_no_project_import_hides_inside_a_function():
    """An import inside a function to dodge a cycle is a cycle: move the code to the right app."""
    assert list(imports_inside_functions()) == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    tree = ast.parse("def f():\n    from incidents.models import Incident\n")
    found = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and first_party(node)]
    assert found
