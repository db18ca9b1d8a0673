"""tools.snapshot: the same code gives the same files (what a refactor's before/after compares)."""

from __future__ import annotations

import json

from tools.snapshot import main


def test_two_runs_give_identical_files_and_line_accepts_every_request(tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    assert main([str(first)]) == 0 and main([str(second)]) == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert {"chat-uthai.visit.json", "cli-export-xlsx.txt", "page-plan.chief-01.html", "reminders.json"} <= set(names)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert json.loads((first / "line-problems.json").read_text()) == []
    visit = json.loads((first / "chat-uthai.visit.json").read_text())
    assert all(step["out"][0] == {"status": 200} for step in visit)
