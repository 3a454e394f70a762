"""The build never destroys a file it did not make: wrong output paths, two builds at once, a full or
read-only disk, too many open files, a damaged cache. Each fault ends in a message and exit 1, with
the previous output exactly as it was."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import PROJECT, Scratch, other_warnings, run, tree_digest

from campaign.options import Options
from campaign.publish.guard import MARKER, OutputRefused, refuse_unsafe_output


def everything(root: Path) -> str:
    """A digest of every file under `root` (hidden ones too), and of the folders' names."""
    return tree_digest(root) + "|" + "|".join(sorted(str(p.relative_to(root)) for p in root.rglob("*")))


def problems(err: str) -> list[str]:
    """Errors and warnings, besides the warnings of the draft catalogs every sample build gives."""
    return [line for line in err.splitlines() if line.startswith("error:")] + other_warnings(err)


# --- only replace what the build made ----------------------------------------------------------

def test_the_campaign_folder_as_output_is_refused_and_nothing_moves(scratch: Scratch) -> None:
    before = everything(scratch.root)
    result = run("--content", "content", "--output", ".", "--site-only")
    assert result.code == 1
    assert problems(result.err) == ["error: .: --output: . contains the content folder (content): the build "
                                    "replaces its output folder entirely. Give a folder of its own, e.g. --output output"]
    assert everything(scratch.root) == before
    assert "Traceback" not in result.err


def test_the_content_folder_as_output_is_refused_build_after_build(scratch: Scratch) -> None:
    markdown = sorted(p.relative_to(scratch.root) for p in scratch.content.rglob("*.md"))
    before = everything(scratch.root)
    for _ in range(2):
        result = run("--content", "content", "--output", "content", "--site-only")
        assert result.code == 1
        assert "content is the content folder: the build replaces its output folder entirely" in result.err
    assert everything(scratch.root) == before
    assert sorted(p.relative_to(scratch.root) for p in scratch.content.rglob("*.md")) == markdown
    assert not list(scratch.root.glob(".content*")), "nothing was moved aside"


def test_a_folder_inside_the_content_folder_is_refused(scratch: Scratch) -> None:
    result = run("--content", "content", "--output", "content/site", "--site-only")
    assert result.code == 1
    assert "content/site is inside the content folder (content): give an output folder outside it" in result.err
    assert not (scratch.content / "site").exists()


def test_a_file_as_output_is_refused(scratch: Scratch) -> None:
    (scratch.root / "README.md").write_text("# Our notes\n")
    result = run("--content", "content", "--output", "README.md", "--site-only")
    assert result.code == 1
    assert "README.md is a file, not a folder" in result.err
    assert (scratch.root / "README.md").read_text() == "# Our notes\n"


def test_a_folder_of_someone_elses_files_is_refused(scratch: Scratch) -> None:
    photos = scratch.root / "photos"
    photos.mkdir()
    (photos / "holiday.jpg").write_bytes(b"\xff\xd8 not really a photo")
    result = run("--content", "content", "--output", "photos", "--site-only")
    assert result.code == 1
    assert "photos already holds files this tool did not make (holiday.jpg…)" in result.err
    assert [p.name for p in photos.iterdir()] == ["holiday.jpg"]


def test_an_empty_folder_is_taken_and_marked_as_ours(scratch: Scratch) -> None:
    (scratch.root / "site").mkdir()
    assert run("--content", "content", "--output", "site", "--site-only").code == 0
    assert (scratch.root / "site" / "nl" / "index.html").is_file()
    marker = (scratch.root / "site" / MARKER).read_text()
    assert '"campaign": "blind-betting"' in marker and "build.py" in marker
    assert run("--content", "content", "--output", "site", "--site-only").code == 0, "and rebuilt, being ours"


def test_an_output_holding_the_cache_is_refused(scratch: Scratch) -> None:
    result = run("--content", "content", "--output", "output", "--cache", "output/cache", "--site-only")
    assert result.code == 1
    assert "output contains the cache folder (output/cache)" in result.err
    assert not (scratch.root / "output").exists()


@pytest.mark.parametrize("output", [".", "..", "theme", "campaign", ".git"])
def test_the_tools_own_folders_are_never_an_output(tmp_path: Path, output: str) -> None:
    """Checked without building, for a campaign elsewhere: the check refuses before anything is written."""
    options = Options(tmp_path / "content")
    with pytest.raises(OutputRefused, match="folder"):
        refuse_unsafe_output(PROJECT / output, options.kept_safe())


def test_a_spare_folder_that_is_not_ours_is_left_alone(scratch: Scratch) -> None:
    spare = scratch.root / ".output.spare"
    spare.mkdir()
    (spare / "keep-me.txt").write_text("mine")
    result = scratch.build("--site-only")
    assert result.code == 0, result.err
    assert any(line.startswith("note: ") and ".output.spare: this folder was not made by this tool, so it is left alone"
               in line for line in result.err.splitlines()), "worth knowing, never a reason to stop: a note"
    assert [p.name for p in spare.iterdir()] == ["keep-me.txt"]
    assert (scratch.output / "nl" / "index.html").is_file()
    assert sorted(p.name for p in scratch.root.iterdir() if p.name.startswith(".output")) == [
        ".output.lock", ".output.spare"], "the temporary staging folder it used instead is gone"


def test_building_another_campaign_into_an_output_says_so(scratch: Scratch) -> None:
    assert scratch.build("--site-only").code == 0
    scratch.edit("campaign.yml", "slug: blind-betting", "slug: other-campaign")
    result = scratch.build("--site-only")
    assert result.code == 0
    assert 'note: output: held the campaign "blind-betting" until now; it now holds "other-campaign"' in result.err


# --- one build at a time -------------------------------------------------------------------------

@pytest.fixture
def held_lock(scratch: Scratch) -> Iterator[int]:
    """The output's lock, held by the test as another build would hold it."""
    handle = os.open(scratch.root / ".output.lock", os.O_RDWR | os.O_CREAT)
    os.write(handle, b"4242")
    fcntl.flock(handle, fcntl.LOCK_EX)
    yield handle
    os.close(handle)


def start_build(scratch: Scratch, name: str, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = scratch.root / f"{name}.log"
    process = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--content", "content", "--output", "output",
                                "--site-only", *args], cwd=scratch.root, stdout=subprocess.DEVNULL,
                               stderr=log.open("wb"))
    return process, log


def test_two_builds_at_once_take_turns_and_both_finish(scratch: Scratch, held_lock: int) -> None:
    first, first_log = start_build(scratch, "first")
    second, second_log = start_build(scratch, "second")
    deadline = time.monotonic() + 60
    while not all("is writing output/; waiting for it to finish" in log.read_text() for log in (first_log, second_log)):
        assert time.monotonic() < deadline, "both builds should be waiting for the lock"
        assert first.poll() is None and second.poll() is None
        time.sleep(0.05)
    assert "another build (process 4242) is writing output/" in first_log.read_text()
    fcntl.flock(held_lock, fcntl.LOCK_UN)  # the other build finishes: both go on, one after the other
    assert first.wait(timeout=120) == 0, first_log.read_text()
    assert second.wait(timeout=120) == 0, second_log.read_text()
    reference = scratch.root / "reference"
    assert run("--content", "content", "--output", str(reference), "--site-only").code == 0
    assert tree_digest(scratch.output) == tree_digest(reference), "the output is one complete build"


def test_no_wait_fails_at_once_when_another_build_writes(scratch: Scratch, held_lock: int) -> None:
    started = time.monotonic()
    result = scratch.build("--site-only", "--no-wait")
    assert time.monotonic() - started < 10
    assert result.code == 1
    assert problems(result.err) == ["error: output: --output: another build (process 4242) is writing output/: "
                                    "wait for it to finish, or run without --no-wait to wait"]
    assert not scratch.output.exists()


# --- operating-system errors are messages --------------------------------------------------------

def cache_leftovers(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if ".tmp-" in p.name]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs, mounted where this machine lets the tests mount one (CI runs as root)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; test_a_full_disk_in_a_print_worker injects ENOSPC instead")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def build_on(disk: Path, *args: str) -> tuple[int, str]:
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "--content", "content", "--output",
                             str(disk / "output"), "--cache", str(disk / "cache"), "--site-only", *args],
                            capture_output=True, text=True)
    return result.returncode, result.stderr


def test_a_full_disk_stops_the_build_with_a_message_and_cleans_up(scratch: Scratch, small_disk: Path) -> None:
    code, err = build_on(small_disk)
    assert code == 0, err
    before = tree_digest(small_disk / "output")
    filler = small_disk / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)  # until the disk is full
    scratch.edit("cards/dream-job.nl.md", "Een fotograaf zegt", "Een fotograaf uit Parijs zegt")
    code, err = build_on(small_disk)
    assert code == 1
    assert "Traceback" not in err
    assert "the disk is full: free some space" in err, err
    assert tree_digest(small_disk / "output") == before
    assert not cache_leftovers(small_disk / "cache"), "no partial cache files"
    assert not (small_disk / ".output.spare").exists(), "the partial staging tree is removed"
    filler.unlink()
    code, err = build_on(small_disk)
    assert code == 0, err
    assert "Een fotograaf uit Parijs zegt" in (small_disk / "output/nl/cards/dream-job/index.html").read_text()


def test_a_read_only_disk_stops_the_build_with_a_message(scratch: Scratch, small_disk: Path) -> None:
    code, err = build_on(small_disk)
    assert code == 0, err
    before = tree_digest(small_disk / "output")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    scratch.edit("cards/dream-job.nl.md", "Een fotograaf zegt", "Een fotograaf uit Parijs zegt")
    code, err = build_on(small_disk)
    assert code == 1
    assert "Traceback" not in err
    assert "this disk is read-only: build into a folder on a writable disk" in err, err
    assert tree_digest(small_disk / "output") == before


def test_a_folder_without_write_permission_stops_the_build_with_a_message(scratch: Scratch) -> None:
    site = scratch.root / "site"
    site.mkdir(mode=0o555)
    # Root may write anywhere: drop the capability that lets it, so the permissions count as for anyone else.
    command = [sys.executable, str(PROJECT / "build.py"), "--content", "content", "--output", "site/output",
               "--site-only"]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    result = subprocess.run(command, cwd=scratch.root, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert problems(result.stderr) == ["error: site/.cache: permission denied: build into a folder you "
                                       "may write to (--output, --cache), or ask whoever manages this computer to "
                                       "give you access"]


@pytest.mark.parametrize("limit", [5, 8, 11, 14, 17])
def test_too_many_open_files_stops_the_build_with_a_message(scratch: Scratch, limit: int) -> None:
    """From the lowest limit Python starts with to the highest at which the print workers still cannot start: the
    error can come anywhere (the lock, the cache, the workers' pipes), and even the cleaning up after it fails."""
    result = subprocess.run(["prlimit", f"--nofile={limit}:{limit}", sys.executable, str(PROJECT / "build.py"),
                             "--content", "content", "--output", "output"], cwd=scratch.root, capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "too many files are open: close other programs, or raise the limit" in result.stderr, result.stderr
    assert not scratch.output.exists()


def test_a_full_disk_in_a_print_worker(scratch: Scratch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC injected where a print worker writes its product into the cache (forked workers inherit the patch)."""
    cache = tmp_path / "cache"
    assert scratch.build("--cache", str(cache), "--site-only").code == 0
    before = tree_digest(scratch.output)
    from campaign.publish import cache as cache_module

    def full(self: cache_module.Cache, key: str, work: Path) -> Path:
        (work / "partial.pdf").write_bytes(b"%PDF-1.7 half")
        raise OSError(28, "No space left on device", str(work / "partial.pdf"))

    monkeypatch.setattr(cache_module.Cache, "keep_folder", full)
    result = scratch.build("--cache", str(cache))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "partial.pdf: the disk is full: free some space" in result.err
    assert tree_digest(scratch.output) == before
    assert not cache_leftovers(cache)


# --- the cache cannot publish a damaged file -----------------------------------------------------

def test_damaged_cache_entries_are_dropped_and_rendered_again(scratch: Scratch, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert scratch.build("--cache", str(cache)).code == 0
    reference = tree_digest(scratch.output)
    damaged = sorted((cache / "pages").iterdir())[:5] + [next((cache / "pages").glob("static-*"))]
    products = [p for p in (cache / "print").iterdir() if p.is_dir() and (p / "product.pdf").exists()]
    damaged += [products[0] / "product.pdf", next(p for p in products[1:] if (p / "qr.svg").exists()) / "qr.svg"]
    for target in damaged:  # garbage where a crash or a full disk could leave it (the output shares these files)
        size = target.stat().st_size
        target.write_bytes(b"\0garbage" * (size // 8) + b"\0" * (size % 8))
    result = scratch.build("--cache", str(cache))
    assert result.code == 0, result.err
    lines = [line for line in result.err.splitlines() if "dropped this damaged cache entry and rendered it" in line]
    assert lines and all(line.startswith("note: ") for line in lines), "published once repaired: a note, not a warning"
    assert len(lines) == len(set(lines)), "each entry is reported once"
    warned = " ".join(lines)
    for target in damaged:  # a product's file is reported by its folder; hard links share damage, so perhaps more
        entry = target.parent if target.parent.parent.name == "print" else target
        assert entry.name in warned, f"{entry.name} is reported"
    assert tree_digest(scratch.output) == reference, "everything published is as a clean build made it"
    assert not any(b"garbage" in p.read_bytes() for p in scratch.output.rglob("*") if p.is_file())
    again = scratch.build("--cache", str(cache))
    assert "damaged" not in again.err, "repaired for good"


def test_a_damaged_content_cache_is_read_again(scratch: Scratch, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert scratch.build("--cache", str(cache), "--site-only").code == 0
    parsed = cache / "parsed.pickle"
    data = bytearray(parsed.read_bytes())
    data[len(data) // 2] ^= 0xFF
    parsed.write_bytes(bytes(data))
    scratch.edit("cards/dream-job.nl.md", "Een fotograaf zegt", "Een fotograaf uit Parijs zegt")
    result = scratch.build("--cache", str(cache), "--site-only")
    assert result.code == 0, result.err
    assert "Een fotograaf uit Parijs zegt" in (scratch.output / "nl/cards/dream-job/index.html").read_text()
    shutil.rmtree(cache)
