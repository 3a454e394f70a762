"""Property-based: whatever a file contains, loading ends in a site or in clean problems, never a crash."""
from __future__ import annotations

import io
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from support import PROJECT, Scratch, write_arabic_campaign

from campaign.content.numbers import DIGIT_RUN
from campaign.content.sources import surely_visible, unseen
from campaign.digits import from_digits
from campaign.l10n import LTR_RUN, SEPARATED_DIGITS, may_hold_ltr_run
from campaign.options import Options
from campaign.pipeline import inspect

# YAML values of every kind the comms team could type, nested a little.
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                                           max_size=4), max_leaves=12)
known_keys = st.sampled_from(["name", "slug", "languages", "start", "end", "base_url", "quick_exit", "colours",
                              "regions", "print", "order", "updated", "title", "services", "stations", "id",
                              "phones", "hours", "formats", "partners", "card"])
mappings = st.dictionaries(st.one_of(known_keys, st.text(max_size=10)), values, max_size=8)


def dump(data: object) -> str:
    buffer = io.StringIO()
    YAML().dump(data, buffer)
    return buffer.getvalue()


def campaign_folder() -> Path:
    root = Path(tempfile.mkdtemp(prefix="property-"))
    (root / "content").mkdir()
    write_arabic_campaign(Scratch(root))
    return root / "content"


def loads_cleanly(content: Path) -> None:
    """The property: no exception escapes, and every problem names its file and says something."""
    site, problems = inspect(Options(content, theme=PROJECT / "theme"))
    for problem in problems.items:
        assert problem.path.name and problem.message.strip()
        assert problem.render()
    assert site is not None or problems.errors


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(front=mappings, body=st.text(max_size=300))
def test_any_card_front_matter_and_body(front: dict, body: str) -> None:
    content = campaign_folder()
    (content / "cards" / "job.en.md").write_text(f"---\n{dump(front)}---\n{body}", encoding="utf-8")
    loads_cleanly(content)
    shutil.rmtree(content.parent)


@SETTINGS
@given(text=st.text(max_size=400))
def test_any_text_as_a_page(text: str) -> None:
    content = campaign_folder()
    (content / "pages" / "safety.en.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    loads_cleanly(content)
    shutil.rmtree(content.parent)


@SETTINGS
@given(data=st.one_of(mappings, values))
def test_any_yaml_as_campaign_services_or_stations(data: object) -> None:
    content = campaign_folder()
    for name in ("campaign.yml", "services.yml", "stations.yml"):
        original = (content / name).read_text(encoding="utf-8") if (content / name).exists() else None
        (content / name).write_text(dump(data), encoding="utf-8")
        loads_cleanly(content)
        if original is not None:
            (content / name).write_text(original, encoding="utf-8")
    shutil.rmtree(content.parent)


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_any_bytes_as_a_card(raw: bytes) -> None:
    content = campaign_folder()
    (content / "cards" / "job.ar.md").write_bytes(raw)
    loads_cleanly(content)
    shutil.rmtree(content.parent)


@SETTINGS
@given(services=st.lists(mappings, max_size=4))
def test_any_list_of_services(services: list) -> None:
    content = campaign_folder()
    (content / "services.yml").write_text(dump({"services": services}), encoding="utf-8")
    loads_cleanly(content)
    shutil.rmtree(content.parent)


# The quick scans of long texts (digits.py, isolate(), the invisible-character check) must find exactly what
# the regular expressions they stand in for find, in any script.
texts = st.text(alphabet=st.one_of(st.characters(max_codepoint=0xFF), st.sampled_from(
    "0123456789 .-/:–+@٣۴४০\u00a0\u00ad\u200b\u200c\u200d\u2028\u202e\u034fش👩\ufe0f")), max_size=40)


@given(texts)
def test_quick_scans_find_what_the_patterns_find(text: str) -> None:
    for pattern in (DIGIT_RUN, SEPARATED_DIGITS, re.compile(r"\d+")):
        assert [m.span() for m in from_digits(pattern, text)] == [m.span() for m in pattern.finditer(text)]
    assert may_hold_ltr_run(text) or not LTR_RUN.search(text), "isolate() would skip a run"
    if surely_visible(text):
        assert all(m.group() in "\n\t" for m in unseen().finditer(text)), "an invisible character let through"
