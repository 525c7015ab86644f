"""A first run from a bare clone: `make eval` without the shared data, the README, the install."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", ["bench.eval_guidelines", "bench.eval_screens"])
def test_eval_without_the_shared_data_says_what_it_needs_and_exits_0(
    module: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib

    main = importlib.import_module(module).main
    status = main(["--data", str(tmp_path / "no-data-here")])
    out = capsys.readouterr().out
    assert status == 0
    assert "skipped" in out
    assert "KINDRED_SHARED_DATA" in out


def test_eval_guidelines_names_each_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.eval_guidelines import main

    (tmp_path / "ms_guidelines_dev.jsonl").write_text("", encoding="utf-8")
    assert main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "external/toxicity_davidson.jsonl" in out
    assert "ms_guidelines_dev.jsonl" not in out


def test_readme_links_stay_inside_the_clone() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)]+)\)", readme):
        if target.startswith(("http://", "https://", "#")):
            continue
        assert (ROOT / target.split("#")[0]).exists(), target
    assert "../shared/docs" not in readme


def test_the_licence_is_an_spdx_string_with_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    (pin,) = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    assert int(re.search(r">=(\d+)", pin).group(1)) >= 77  # type: ignore[union-attr]
