"""docs/architecture.md stays true: its table of imports between apps is the code's."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "treff"


def _apps() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def _imports_between_apps() -> dict[str, set[str]]:
    """App → the other apps it imports from (absolute imports; migrations left out)."""
    apps = set(_apps())
    found: dict[str, set[str]] = {app: set() for app in apps}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] not in apps or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                names = module.split(".")
                inside = names[0] == "treff" and len(names) > 1 and names[1] in apps
                if inside and names[1] != parts[0]:
                    found[parts[0]].add(names[1])
    return found


def _documented() -> dict[str, set[str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- imports:start -->(.*?)<!-- imports:end -->", text, re.S).group(1)
    rows = {}
    for line in table.strip().splitlines()[2:]:
        app, imported = (cell.strip() for cell in line.strip("|").split("|"))
        rows[app] = set() if imported == "—" else {name.strip() for name in imported.split(",")}
    return rows


def test_the_documented_imports_between_apps_are_the_real_ones():
    assert _documented() == _imports_between_apps()


def test_no_domain_app_imports_dashboard_public_or_demo():
    readers = {"dashboard", "public", "demo"}
    # The one exception: the reports count the residents' ideas, which the public app keeps
    # (issue 15: an idea "reaches the coordinator's list and the evaluation"); public never
    # imports reports, so no cycle.
    allowed = {"reports": {"public"}}
    offenders = {
        app: imported & readers - allowed.get(app, set())
        for app, imported in _imports_between_apps().items()
        if app not in readers and imported & readers - allowed.get(app, set())
    }
    assert offenders == {}
