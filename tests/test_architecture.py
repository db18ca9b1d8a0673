"""The layering of pyproject.toml holds, and each of its contracts can fail.

Each case copies the packages into a temporary folder, adds one import that runs against one
contract and runs `lint-imports` (and ruff for the environment rule) there: the check must fail
and name the contract. So a contract that has stopped checking anything is caught here."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = CONFIG["tool"]["importlinter"]["root_packages"]
CONTRACTS = {c["id"]: c["name"] for c in CONFIG["tool"]["importlinter"]["contracts"]}

#: contract id -> (a module to add, its wrong import)
WRONG_IMPORTS = {
    "layers": ("models/_wrong.py", "import handlers.router\n"),
    "kpi-pure": ("kpi/_wrong.py", "import openpyxl\n"),
    "presentation-floor": ("presentation/_wrong.py", "from sqlalchemy import select\n"),
    "store": ("models/_wrong.py", "import flask\n"),
    "application": ("handlers/_wrong.py", "from flask import current_app\n"),
    "chat-never-sends": ("handlers/_wrong.py", "from presentation.line_api import LineApi\n"),
}


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def copy_tree(dest: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            dest / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "migrations"),
        )
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_the_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken" in result.stdout


def test_every_contract_has_a_wrong_import_here():
    assert set(WRONG_IMPORTS) == set(CONTRACTS)


@pytest.mark.parametrize("contract", sorted(WRONG_IMPORTS))
def test_a_wrong_import_breaks_its_contract(contract, tmp_path):
    tree = copy_tree(tmp_path)
    module, line = WRONG_IMPORTS[contract]
    (tree / module).write_text(line, encoding="utf-8")
    result = lint_imports(tree)
    assert result.returncode != 0, result.stdout
    broken = " ".join(result.stdout.split("Broken contracts", 1)[-1].split())  # lint-imports wraps lines
    assert CONTRACTS[contract] in broken, result.stdout


@pytest.mark.parametrize(
    "source", ["import os\nURL = os.environ.get('DATABASE_URL')\n", "from flask import current_app\n"]
)
@pytest.mark.parametrize("package", ["handlers", "reminders", "models", "kpi", "files", "presentation"])
def test_below_the_edges_nothing_reads_the_environment_or_current_app(package, source, tmp_path):
    module = tmp_path / package / "_wrong.py"
    module.parent.mkdir()
    module.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [
            str(BIN / "ruff"),
            "check",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--select",
            "TID251",
            "--output-format",
            "concise",
            str(module),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "TID251" in result.stdout, result.stdout + result.stderr


def test_the_edges_may_read_the_environment(tmp_path):
    module = tmp_path / "bot" / "_config.py"
    module.parent.mkdir()
    module.write_text("import os\nURL = os.environ.get('DATABASE_URL')\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--config", str(ROOT / "pyproject.toml"), "--select", "TID251", str(module)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout
