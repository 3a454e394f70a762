"""What a second new team tripped over (issue 21), on the six-script test campaign (tests/shapes.py)."""
from __future__ import annotations

from pathlib import Path

from shapes import write_campaign
from support import CACHE, run


def build(content: Path, *args: str) -> tuple[int, list[str]]:
    result = run(*args, "--content", str(content), "--output", str(content.parent / "output"), "--cache", str(CACHE))
    return result.code, result.err.splitlines()


def test_a_wrong_helpline_number_is_one_error_not_two(tmp_path: Path) -> None:
    """A number that is not valid drops the phone; main_help_line must not then say the service has none."""
    content = write_campaign(tmp_path, [{"id": "zwolle", "languages": ["nl"], "formats": ["a2"]}])
    campaign = content / "campaign.yml"
    campaign.write_text(campaign.read_text() + "main_help_line: helpline\n")
    services = content / "services.yml"
    services.write_text(services.read_text().replace("033 448 11 86", "033 448 11 8"))
    code, lines = build(content, "--site-only")
    errors = [line for line in lines if line.startswith("error")]
    assert code == 1 and len(errors) == 1, errors
    assert errors[0].startswith(f"error: {services}:") and "helpline.phones" in errors[0]


def test_strict_in_campaign_yml_stops_for_warnings_and_labels_them_so(tmp_path: Path) -> None:
    content = write_campaign(tmp_path, [{"id": "zwolle", "languages": ["nl"], "formats": ["a2"]}])
    code, lines = build(content, "--site-only")
    assert code == 0 and any(line.startswith("warning: ") for line in lines), "drafts warn"
    campaign = content / "campaign.yml"
    campaign.write_text("strict: true  # live: every warning stops the build\n" + campaign.read_text())
    code, lines = build(content, "--site-only")
    assert code == 1
    assert not any(line.startswith("warning: ") for line in lines), "what stops the build is not called a warning"
    stopped = [line for line in lines if line.startswith("error (strict): ")]
    assert stopped and any(f"The build stopped: {len(stopped)} problem(s) to fix" in line for line in lines)
    code, lines = build(content, "check")
    assert code == 1 and any("warning(s), which stop the build too under `strict: true` in campaign.yml" in line
                             and line.endswith("the build would stop.") for line in lines), lines[-3:]
