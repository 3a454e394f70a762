"""The catalogue of real formats (issue 28, point 6): every format stations hang, at its usual reading distance,
in one to three languages of every script the tool prints, builds with every print check passing — a refusal is a
failure. Few builds: each station (a set of languages) carries several formats, so one build makes every poster."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from shapes import manifest, poster_problems, write_campaign
from support import CACHE, run

# (name, width mm, height mm, usual reading distance m)
CATALOGUE = [
    ("a0", 841, 1189, 2), ("a1", 594, 841, 1.5), ("a2", 420, 594, 1), ("a3", 297, 420, 1), ("a4", 210, 297, 0.7),
    ("a5", 148, 210, 0.6), ("a6", 105, 148, 0.5), ("b0", 1000, 1414, 3), ("b1", 707, 1000, 2), ("b2", 500, 707, 1.5),
    ("abri", 1185, 1750, 3), ("uk-4-sheet", 1016, 1524, 3), ("6-sheet", 1200, 1800, 3),
    ("48-sheet", 6096, 3048, 30), ("96-sheet", 12192, 3048, 30), ("us-one-sheet", 686, 1016, 2),
    ("india-poster", 508, 762, 1.5), ("india-standee", 1219, 1829, 2.5), ("strip-300", 3000, 300, 3),
    ("strip-400", 3000, 400, 5), ("pocket", 85, 55, 0.4), ("dl", 99, 210, 0.5), ("wide", 1200, 800, 3),
]
LANGUAGE_SETS = [  # every script alone, and in twos and threes, mixed directions among them
    ("nl",), ("uk",), ("ar",), ("zh-Hans",), ("th",), ("ti",), ("fr", "nl"), ("en", "pl"), ("ar", "nl"),
    ("nl", "en", "uk"), ("th", "zh-Hans", "en"), ("fr", "nl", "ti"),
]


def stations() -> list[dict]:
    """Each format in two language sets (its position and three further along: the pocket card in two and three
    languages): every set gets about four formats."""
    formats: dict[tuple[str, ...], list[dict]] = {langs: [] for langs in LANGUAGE_SETS}
    for i, (name, width, height, metres) in enumerate(CATALOGUE):
        for langs in (LANGUAGE_SETS[i % len(LANGUAGE_SETS)], LANGUAGE_SETS[(i + 3) % len(LANGUAGE_SETS)]):
            formats[langs].append({"name": name, "width_mm": width, "height_mm": height, "viewing_distance_m": metres})
    return [{"id": f"station-{n}", "languages": list(langs), "formats": listed}
            for n, (langs, listed) in enumerate(formats.items())]


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    root = tmp_path_factory.mktemp("catalogue")
    content = write_campaign(root, stations(), extra=("fr", "pl"))
    result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))
    return root / "output", result.err, result.code


def test_every_catalogued_format_builds_without_a_refusal(catalogue: tuple[Path, str, int]) -> None:
    output, said, code = catalogue
    refusals = [line for line in said.splitlines() if line.startswith("error:") or " is not printed: " in line]
    assert not refusals, f"{len(refusals)} refusals:\n" + "\n".join(refusals)
    assert code == 0, said
    posters = [row for row in manifest(output) if row["kind"] == "poster"]
    assert {(row["format"], row["languages"]) for row in posters} == {
        (fmt["name"], "-".join(station["languages"])) for station in stations() for fmt in station["formats"]}


def test_every_catalogued_poster_passes_the_print_checks(catalogue: tuple[Path, str, int]) -> None:
    output, _said, code = catalogue
    assert code == 0
    found = {row["file"]: poster_problems(output, row) for row in manifest(output) if row["kind"] == "poster"}
    assert {file: problems for file, problems in found.items() if problems} == {}


def test_what_a_poster_leaves_out_is_said_in_a_note(catalogue: tuple[Path, str, int]) -> None:
    """Never a warning; each names the format's line in stations.yml and what is left out."""
    _output, said, _code = catalogue
    notes = [line for line in said.splitlines() if " leaves out " in line]
    for line in notes:
        assert re.match(r"note: \S+/stations\.yml:\d+: station-\d+\.formats\.[\w-]+: \S+\.pdf leaves out ", line), line
        assert "help" not in line.split(" leaves out ")[1].split(":")[0], "the help line is never left out"
