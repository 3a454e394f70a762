"""Facts the docs state that the code decides, each with the sentence that states it (a regular expression: a
space matches any white space, as a sentence may wrap) and where the code decides it. tests/test_docs.py fails
when the sentence says otherwise than the code, and when no doc has the sentence any more: reword a sentence
together with its pattern here, never delete it to pass. The code is imported only when its fact is checked, so a
renamed constant fails its own fact, not the others."""
from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docs import doc_files
from support import PROJECT

DOCS = tuple(doc_files(PROJECT))
ASSETS_README = (PROJECT / "campaign_assets" / "README.md",)


def code(module: str, name: str) -> Any:
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Fact:
    name: str
    pattern: str
    said: Callable[[re.Match[str]], object]
    """The docs' words made comparable: a number, a set of names."""
    truth: Callable[[], object]
    """What the code decides, in the same form."""
    docs: tuple[Path, ...] = DOCS


def names(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.replace(" and ", ", ")))


def numbers(match: re.Match[str]) -> tuple[float, ...]:
    return tuple(float(group.replace(",", "")) for group in match.groups())


def cjk_faces() -> set[str]:
    return set(code("campaign.print.scripts", "CJK").values())


def viewing_distances(match: re.Match[str]) -> dict[str, float]:
    """"A2 1 m, A1 1.5 m, A0/B1/abri 2 m" → {"a2": 1.0, "a1": 1.5, "a0": 2.0, …}."""
    return {name.lower(): float(metres) for group, metres in re.findall(r"([\w/]+) ([\d.]+) m", match[1])
            for name in group.split("/")}


FORMATS = "campaign.print.formats"
HANDLER = "campaign.preview.handler"
FONTS = r"Noto Sans CJK ((?:\w+, )+\w+ and \w+)"
FACTS = (
    Fact("the poster formats", r"\*\*Formats\.\*\* ((?:`[\w-]+`,? )+and `[\w-]+`)",
         lambda m: names(m[1]), lambda: set(code(FORMATS, "KNOWN"))),
    Fact("the formats in stations.yml's example", r"formats: \[[^\]]*\] +# ((?:[\w-]+, )+)or \{name",
         lambda m: names(m[1]), lambda: set(code(FORMATS, "KNOWN"))),
    Fact("each format's reading distance", r"(?:viewing|reading) distance \(((?:[\w/]+ [\d.]+ m, )*[\w/]+ [\d.]+ m);",
         viewing_distances, lambda: {name: size[2] for name, size in code(FORMATS, "KNOWN").items()}),
    Fact("the abri's size and visible area", r"`abri` \((\d+) × (\d+) mm, of which (\d+) × (\d+) mm are visible",
         numbers, lambda: (*code(FORMATS, "KNOWN")["abri"][:2], *code(FORMATS, "KNOWN")["abri"][3])),
    Fact("the card sizes", r"card_size: \w+ +# (\w+ or \w+):", lambda m: names(m[1].replace(" or ", ", ")),
         lambda: set(code(FORMATS, "CARD_SIZES"))),
    Fact("the bleed", r"Bleed is (\d+) mm, (\d+) mm for sizes above A1", numbers,
         lambda: (code(FORMATS, "default_bleed")(594, 841), code(FORMATS, "default_bleed")(841, 1189))),
    Fact("the smallest text", r"sets the smallest text \(([\d.]+) mm per metre, at least ([\d.]+) mm; ([\d.]+) pt",
         numbers, lambda: (code(FORMATS, "MM_PER_METRE_MIN_TEXT"), code(FORMATS, "SMALLEST_TEXT_MM"),
                           code(FORMATS, "CARD_SMALLEST_PT"))),
    Fact("the sides a format may have", r"\| each side \| ([\d,]+) to ([\d,]+) mm", numbers,
         lambda: code(FORMATS, "SIDES_MM")),
    Fact("the longest proportions", r"\| proportions \| up to (\d+) : 1", numbers,
         lambda: (code(FORMATS, "LONGEST_RATIO"),)),
    Fact("the side drawn at tenth size", r"\| over ([\d,]+) mm \| drawn at tenth size", numbers,
         lambda: (code(FORMATS, "PAGE_LIMIT_MM"),)),
    Fact("the pocket and strip shapes", r"pocket \(both sides up to (\d+) mm\), strip \(([\d.]+) : 1 or wider\)",
         numbers, lambda: (code("campaign.print.layouts", "POCKET_MM"), code("campaign.print.layouts", "STRIP_RATIO"))),
    Fact("the smallest QR module",
         r"\| QR code \| refused only when its layout leaves it modules under \*\*([\d.]+) mm\*\*", numbers,
         lambda: (code(FORMATS, "MIN_MODULE_MM"),)),
    Fact("the CJK faces", FONTS, lambda m: names(m[1]), cjk_faces),
    Fact("the CJK faces (campaign_assets/README.md)", FONTS, lambda m: names(m[1]), cjk_faces,
         ASSETS_README),
    Fact("a logo's largest file (campaign_assets/README.md)", r"under (\d+) MB, drawing only",
         lambda m: float(m[1]) * 1e6, lambda: code("campaign.content.campaign_yml", "MAX_LOGO_BYTES"), ASSETS_README),
    Fact("the languages the theme has catalogs for", r"The theme has them in (\d+) languages besides English",
         lambda m: int(m[1]), lambda: len(list((PROJECT / "theme/translations").glob("*/LC_MESSAGES/messages.po")))),
    Fact("the page ids the site keeps", r"Page ids ((?:`[\w-]+`,? )+and `[\w-]+`) are taken",
         lambda m: names(m[1]), lambda: set(code("campaign.content.load", "RESERVED_PAGE_IDS"))),
    Fact("the audiences", r"audiences: \[\w+\] +# ((?:\w+, )+\w+)",
         lambda m: names(m[1]), lambda: set(code("campaign.content.model", "AUDIENCES"))),
    Fact("the contrast colours need", r"a contrast of at least ([\d.]+):1", numbers,
         lambda: (code("campaign.content.campaign_yml", "MIN_CONTRAST"),)),
    Fact("the preview's port", r"preview's port \(default (\d+),", numbers,
         lambda: (code("campaign.preview.serve", "DEFAULT_PORT"),)),
    Fact("the preview's limits", r"dropped after (\d+) s; (\d+) connections and (\d+) open pages' event streams",
         numbers, lambda: (code(HANDLER, "READ_SECONDS"), code(HANDLER, "MAX_CONNECTIONS"),
                           code("campaign.preview.pages", "MAX_STREAMS"))),
    Fact("the time a repeated scan counts again", r"a repeat counts again only (\d+) minutes or more after",
         lambda m: int(m[1]) * 60, lambda: code("campaign.scans.rules", "WINDOW")),
    Fact("the longest log line", r"A line over (\d+) KB counts as unreadable",
         lambda m: int(m[1]) * 1024, lambda: code("campaign.scans.logs", "LONGEST_LINE")),
    Fact("the gzip bomb's ratio", r"unpacks to over (\d+) times its size",
         lambda m: int(m[1]), lambda: code("campaign.scans.logs", "GZIP_RATIO")),
    Fact("the largest translators' file", r"one over (\d+) MB \(before reading it\)",
         lambda m: int(m[1]) * 1_000_000, lambda: code("campaign.translators.reading", "LIMIT")),
)
