"""Shared fixtures: the sample campaign built once, and scratch campaigns in temporary folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import CACHE, SAMPLE, Scratch, run


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    """A copy of the sample campaign; the current folder is its root, so messages say content/..."""
    shutil.copytree(SAMPLE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Scratch(tmp_path)


@pytest.fixture
def empty_campaign(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return Scratch(tmp_path)


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample campaign, built once for every test that only reads the result."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = run("--content", str(SAMPLE), "--output", str(output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return output

