"""Fuzzing the loader: whatever the files hold, loading ends in a site or in problems, never in a traceback.

Seeds: the sample campaign's own files and the bad-input corpus in tests/corpus/<target>/ (one file per
case; <target> says which file of a campaign it replaces). Every corpus file must be reported, and every
mutation of a seed, and every random YAML, Markdown or SVG, must load without an exception escaping.

CI runs a fixed, derandomised set of examples (no example database), so a run is repeatable and takes
a few tens of seconds. To search harder on your own machine:
    FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest -q tests/test_fuzz.py
(random, so each run tries new inputs; a failure prints the input that caused it: add it to the corpus).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import SAMPLE, Scratch, write_arabic_campaign

from campaign.content.load import load_site
from campaign.content.logos import clean_logo
from campaign.problems import Problems

CORPUS = Path(__file__).parent / "corpus"
LOGO = "../campaign_assets/logos/partner.svg"
TARGETS = {
    "campaign.yml": "campaign.yml", "services.yml": "services.yml", "stations.yml": "stations.yml",
    "card": "cards/dream-job.en.md", "page": "pages/signs.en.md", "logo": LOGO,
}
"""Corpus folder → the file of the sample campaign its cases replace."""
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
SETTINGS = settings(deadline=None, database=None, derandomize=not EXAMPLES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def corpus() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.parent.name in TARGETS)


def seeds() -> list[tuple[str, bytes]]:
    """(file of the campaign, bytes): the sample's own files and every corpus case."""
    found = [(name, (SAMPLE / name).read_bytes()) for name in TARGETS.values() if name != LOGO]
    found.append((LOGO, (CORPUS / "logo" / "draws-nothing.svg").read_bytes().replace(b"<g>", b"<rect width='4' height='4' fill='red'/><g>")))
    return found + [(TARGETS[p.parent.name], p.read_bytes()) for p in corpus()]


@pytest.fixture(scope="module")
def campaign() -> Iterator[Path]:
    """The sample campaign with a partner logo, in a folder of the module's own; tests restore what they change."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    shutil.copytree(SAMPLE, root / "content")
    logos = root / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    (logos / "partner.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" '
                                       'height="4" fill="#1d70b8"/></svg>')
    campaign = root / "content" / "campaign.yml"
    campaign.write_text(campaign.read_text().replace("    - name: Myria\n", "    - name: Myria\n      logo: partner.svg\n"))
    yield root / "content"
    shutil.rmtree(root)


def loaded(content: Path, name: str, data: bytes) -> Problems:
    """Load the campaign with `name` replaced by `data`; the property is checked; the file is put back."""
    path = content / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(data)
    try:
        problems = Problems()
        site = load_site(content, problems)  # an exception here fails the test: that is the point
        for problem in problems.items:
            assert problem.path.name and problem.message.strip() and problem.render()
        assert site is not None or problems.errors
        return problems
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


@pytest.mark.parametrize("case", corpus(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_bad_input_of_the_corpus_is_reported(campaign: Path, case: Path) -> None:
    problems = loaded(campaign, TARGETS[case.parent.name], case.read_bytes())
    assert problems.items, f"{case.name} is a bad input: the build must say something about it"


def test_the_corpus_is_large_enough_to_mean_something() -> None:
    assert len(corpus()) >= 100


# --- mutations of real files ------------------------------------------------------------

TOKENS = [
    b"\n", b"\t", b" ", b":", b": ", b"- ", b"---\n", b"...\n", b"[", b"]", b"{", b"}", b",", b"'", b'"', b"#", b"&a ",
    b"*a", b"<<: ", b"? ", b"!", b"!!", b"!!python/object:os.system ", b"!foo ", b"!!binary ", b"!!int ", b"|\n",
    b">\n", b"%YAML 1.1\n", b"2026-02-30", b"2026-13-45 99:99", b"0000-00-00", b"1e999", b".nan", b"~", b"null",
    b"yes", b"0x", b"\xef\xbb\xbf", b"\xff", b"\x00", b"\x1b[2J", b"\xe2\x80\xae", b"\xe2\x80\x8b", b"\xe2\x81\xa6",
    b"\xc2\xad", b"\xe3\x85\xa4", b":::", b"::: promise\n", b"::: reality\n", b"## ", b"[x](", b"](javascript:alert(1))",
    b"<script>", b"</script>", b"<img src=x onerror=alert(1)>", b"<!--", b"-->", b"<javascript:x>", b"[x][y]",
    b"![i](data:x)", b"\\", b"`", b"```\n", b"> ", b"    ", b"<", b">", b"&", b"&lt;", b"&#0;", b"<!DOCTYPE x [",
    b'<!ENTITY e SYSTEM "file:///etc/passwd">', b"&e;", b"]>", b'<image href="http://127.0.0.1:9/x.png"/>',
    b'fill="rgb(1,2)"', b'style="fill:', b"url(", b"url(#", b")", b"<style>", b"</style>", b"@import ", b" onload=x ",
    b"<foreignObject>", b'xlink:href="file:///etc/passwd"', b"currentColor", b"<g>", b"</g>", b"<svg>", b"</svg>",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file with a few bytes-level edits: deletions, copies, tokens, spliced-in lines of another file."""
    all_seeds = seeds()
    name, data = draw(st.sampled_from(all_seeds))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "copy", "token", "byte", "splice"]))
        if kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 80)):]
        elif kind == "copy":
            data = data[:at] + data[max(0, at - draw(st.integers(1, 80))):at] + data[at:]
        elif kind == "token":
            data = data[:at] + draw(st.sampled_from(TOKENS)) + data[at:]
        elif kind == "byte":
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        else:
            other = draw(st.sampled_from(all_seeds))[1].split(b"\n")
            start = draw(st.integers(0, max(0, len(other) - 1)))
            data = data[:at] + b"\n".join(other[start:start + draw(st.integers(1, 8))]) + data[at:]
    return name, data


@settings(SETTINGS, max_examples=EXAMPLES or 120)
@given(case=mutated())
def test_mutated_files_never_end_in_a_traceback(campaign: Path, case: tuple[str, bytes]) -> None:
    loaded(campaign, *case)


# --- random YAML and Markdown -------------------------------------------------------------

YAML_WORDS = ["name", "slug", "languages", "start", "end", "regions", "print", "partners", "logo", "colours",
              "services", "stations", "id", "phones", "hours", "formats", "card", "number", "label", "width_mm",
              "en", "ar", "national", "24/7", "mon-fri 09:00-17:00", "112", "https://example.org/", "#8a1538", "a0"]
yaml_scalars = st.one_of(st.sampled_from(YAML_WORDS), st.sampled_from([t.decode("utf-8", "replace") for t in TOKENS]),
                         st.text(max_size=12), st.integers().map(str))


@st.composite
def yaml_soup(draw: st.DrawFn) -> str:
    """Lines that look like YAML: indents, keys, list dashes, flow brackets, tags, anchors, and noise."""
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        indent = "  " * draw(st.integers(0, 4))
        dash = draw(st.sampled_from(["", "- "]))
        key = draw(st.sampled_from(YAML_WORDS + [""]))
        value = " ".join(draw(st.lists(yaml_scalars, max_size=4)))
        lines.append(f"{indent}{dash}{key + ': ' if key else ''}{value}")
    return "\n".join(lines) + "\n"


MARKDOWN_WORDS = ["::: promise", "::: reality", ":::", "## ", "# ", "[", "]", "(", ")", "](", "/help/", "https://",
                  "javascript:", "<", ">", "</", "script", "img", "*", "_", "`", "```", "\\", "> ", "- ", "1. ", "|",
                  "---", "\n", "\n\n", "word", "Ǆ", "مرحبا", "\u200d", "\u202e", "&amp;", "&#x3C;", "<!--", "-->"]


@settings(SETTINGS, max_examples=EXAMPLES or 60)
@given(text=yaml_soup(), target=st.sampled_from(["campaign.yml", "services.yml", "stations.yml"]))
def test_random_yaml_never_ends_in_a_traceback(text: str, target: str) -> None:
    with small_campaign() as content:
        loaded(content, target, text.encode("utf-8", "surrogatepass"))


@settings(SETTINGS, max_examples=EXAMPLES or 60)
@given(front=yaml_soup(), body=st.lists(st.one_of(st.sampled_from(MARKDOWN_WORDS), st.text(max_size=8)), max_size=60),
       target=st.sampled_from(["cards/job.en.md", "pages/safety.ar.md"]))
def test_random_markdown_never_ends_in_a_traceback(front: str, body: list[str], target: str) -> None:
    with small_campaign() as content:
        text = f"---\n{front}---\n{''.join(body)}" if front.strip() else "".join(body)
        loaded(content, target, text.encode("utf-8", "surrogatepass"))


class small_campaign:  # noqa: N801 - used as a context manager, like a function
    """The two-language right-to-left campaign of support.py: quick to load, for random whole files."""

    def __enter__(self) -> Path:
        self.root = Path(tempfile.mkdtemp(prefix="fuzz-small-"))
        (self.root / "content").mkdir()
        write_arabic_campaign(Scratch(self.root))
        return self.root / "content"

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.root)


# --- logos --------------------------------------------------------------------------------

SVG_WORDS = ["<svg xmlns='http://www.w3.org/2000/svg'>", "</svg>", "<g>", "</g>", "<rect width='1' height='1'",
             "/>", ">", "<path d='M0 0'", " fill='", " stroke='", " style='", "'", "\"", "red", "#abc", "rgb(1,2,3)",
             "rgba(0,0,0,.5)", "hsl(1,2%,3%)", "currentColor", "transparent", "url(#a)", "url(http://x/y)", " id='a'",
             " class='c'", "<style>", "</style>", ".c{fill:blue}", "@import url(x);", "<linearGradient id='a'>",
             "</linearGradient>", "<stop offset='0'", "<text>", "</text>", "#1", "<use href='#a'", " href='x.png'",
             " onload='x'", "<script>", "</script>", "<foreignObject>", "</foreignObject>", "&amp;", "&x;",
             "<!DOCTYPE svg>", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<a href='javascript:x'>", "</a>",
             "<image href='data:image/png;base64,iVBORw0KGgo='", " xmlns:x='urn:x'", "<x:y/>", " x:z='1'"]


@settings(SETTINGS, max_examples=EXAMPLES or 300)
@given(parts=st.lists(st.one_of(st.sampled_from(SVG_WORDS), st.text(max_size=6)), max_size=40),
       seed=st.sampled_from(sorted((CORPUS / "logo").iterdir())), mutate=st.booleans())
def test_random_logos_never_end_in_a_traceback(tmp_path_factory: pytest.TempPathFactory, parts: list[str],
                                                seed: Path, mutate: bool) -> None:
    data = "".join(parts).encode("utf-8", "surrogatepass")
    if mutate:  # the corpus case with the random text spliced into its middle
        original = seed.read_bytes()
        data = original[: len(original) // 2] + data + original[len(original) // 2:]
    path = tmp_path_factory.mktemp("logo") / "partner.svg"
    path.write_bytes(data)
    problems = Problems()
    svg = clean_logo(path, problems)
    assert svg is not None or problems.errors
    if svg is not None:
        again = path.with_name("again.svg")
        again.write_text(svg)
        assert clean_logo(again, Problems()) is not None, "a cleaned logo is clean"
        assert_drawing_only(svg)


def assert_drawing_only(svg: str) -> None:
    """What a cleaned logo may hold: SVG drawing elements, no event attribute, references only inside itself."""
    from lxml import etree

    from campaign.content.logos import DRAWING, SVG

    for element in etree.fromstring(svg.encode()).iter():
        assert etree.QName(element).namespace == SVG and etree.QName(element).localname in DRAWING
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on") and etree.QName(name).namespace is None
            assert "url(" not in value or "url(#" in value
            if name == "href":
                assert value.startswith(("#", "data:image/"))
