"""The command line as a user meets it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.schema_check import assert_valid_records


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bilat", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch")
    (root / "a_good.txt").write_text(
        "ANKARA, March 3. Turkish Foreign Minister Ali Demir held talks with his Kenyan "
        "counterpart Grace Wanjiru in Ankara on March 3.\n", encoding="utf-8")
    (root / "b_binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (root / "c_more.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Chile and Peru signed a trade agreement in Lima.",
                    "published": "2024-02-01"}) + "\n" + "{not json\n", encoding="utf-8")
    return root


def test_bad_inputs_are_named_and_the_rest_goes_on(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = run("extract", str(batch), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert "b_binary.txt" in proc.stderr and "binary" in proc.stderr
    assert "c_more.jsonl:2" in proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in records] == ["a_good", "j1"]  # input order
    assert records[0]["events"][0]["countries"] == ["KEN", "TUR"]
    assert records[1]["events"][0]["type"] == "SUPPORT"
    assert_valid_records(records)


def test_stdout_is_json_lines(tmp_path: Path) -> None:
    one = SAMPLES / "news" / "s01_aze_geo_phone.txt"
    proc = run("extract", str(one))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["doc"] == "s01_aze_geo_phone"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing-folder"], "no such file or directory"),
        (["extract", "README.md"], "unsupported file type"),
    ],
)
def test_bad_paths(args: list[str], message: str) -> None:
    proc = run(*args, cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 1
    assert message in proc.stderr


def test_unknown_model_is_a_clear_fatal_error() -> None:
    proc = run("extract", str(SAMPLES / "news"), "--model", "no_such_pipeline_xx")
    assert proc.returncode == 2
    assert "no_such_pipeline_xx" in proc.stderr and "not installed" in proc.stderr


def test_show_prints_tables(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    assert run("extract", str(SAMPLES / "news" / "s06_est_rus_expel.txt"), "-o",
               str(out)).returncode == 0
    proc = run("show", str(out))
    assert proc.returncode == 0
    assert "SANCTION" in proc.stdout and "EST-RUS" in proc.stdout


def test_error_lines_keep_brackets_and_do_not_wrap(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[draft] a long file name that would wrap on a narrow terminal.txt").write_bytes(
        b"\x00\x01binary"
    )
    (folder / "ok.txt").write_text("Kenya and Uganda held talks in Nairobi.", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "bilat", "extract", str(folder), "-o", str(tmp_path / "o.jsonl")],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "COLUMNS": "40"},
    )
    assert proc.returncode == 1
    line = next(x for x in proc.stderr.splitlines() if x.startswith("error:"))
    assert "[draft] a long file name that would wrap on a narrow terminal.txt" in line
    assert "binary" in line


def test_same_input_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Records do not depend on set order: two runs with different string hashing
    write byte-identical output."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-m", "bilat", "extract", str(SAMPLES / "news"), "-o", str(out)],
            capture_output=True, text=True, env=env, check=False,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_explain_names_patterns_frames_and_events() -> None:
    text = "Chile did not sign the accord with Peru; the two will meet in Lima in May."
    proc = run("explain", text, "--published", "2024-03-01")
    assert proc.returncode == 0, proc.stderr
    assert "[consult.meet] (planned)" in proc.stdout
    assert "by frame [suppress.negated]" in proc.stdout
    assert "event    CONSULT CHL-PER planned meeting 2024-05" in proc.stdout
    data = json.loads(run("explain", text, "--json").stdout)
    assert [t["pattern"] for t in data["triggers"]] == ["consult.meet"]
    assert data["suppressed"][0]["frame"] == "suppress.negated"
