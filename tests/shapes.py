"""A campaign written by the tests for the formats: "Twee kanten", Dutch first, in six scripts (Latin, Cyrillic,
Arabic, Chinese, Thai, Ethiopic), under a base URL with a path, with the stations and formats each test asks for.

Not a real campaign. Its cards and safety pages are the theme's starter texts (drafts); the helpline is
CoMensha's confirmed number (../shared/FACTS.md), named "(test)". `poster_problems` checks a printed poster
as a printer and a reader would, from the file alone."""
from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pdfs import MM, decoded, decoded_closely, digit_runs, overlapping, trim, words

STARTER = Path(__file__).resolve().parent.parent / "theme" / "starter"
HELPLINE = "033 448 11 86"
EMERGENCY = "112"


@dataclass(frozen=True)
class Lang:
    name: str
    helpline: str
    label: str
    emergency: str
    region: str


LANGS = {
    "nl": Lang("Twee kanten", "Hulplijn mensenhandel (test)", "hulplijn", "noodgeval", "Heel Nederland"),
    "en": Lang("Two sides", "Trafficking helpline (test)", "helpline", "emergency", "All of the Netherlands"),
    "uk": Lang("Дві сторони", "Лінія допомоги (тест)", "лінія допомоги", "екстрений виклик", "Усі Нідерланди"),
    "ar": Lang("وجهان", "خط المساعدة (تجريبي)", "خط المساعدة", "طوارئ", "كل هولندا"),
    "zh-Hans": Lang("两面", "求助热线（测试）", "求助热线", "紧急情况", "荷兰全境"),
    "th": Lang("สองด้าน", "สายด่วนช่วยเหลือ (ทดสอบ)", "สายด่วน", "เหตุฉุกเฉิน", "ทั่วเนเธอร์แลนด์"),
    "ti": Lang("ክልተ ገጽ", "መስመር ሓገዝ (ፈተነ)", "መስመር ሓገዝ", "ህጹጽ", "ኩሉ ኔዘርላንድ"),
}
MORE = {  # languages a campaign may add with their texts (write_campaign's `extra`): not in every test's campaign
    "fr": Lang("Deux faces", "Ligne d'aide traite (test)", "ligne d'aide", "urgence", "Tous les Pays-Bas"),
    "pl": Lang("Dwie strony", "Infolinia handel ludźmi (test)", "infolinia", "numer alarmowy", "Cała Holandia"),
}
SCRIPTS = {"nl": "Latin", "en": "Latin", "uk": "Cyrillic", "ar": "Arabic", "zh-Hans": "Han", "th": "Thai", "ti": "Ethiopic"}
BASE_URL = "https://twee-kanten.example.nl/hulp/campagne/"


def written(extra: tuple[str, ...] = ()) -> dict[str, Lang]:
    """The campaign's languages with their texts: LANGS, and those of MORE asked for."""
    return LANGS | {code: MORE[code] for code in extra}


def by_language(field: str, extra: tuple[str, ...] = ()) -> dict[str, str]:
    return {code: getattr(lang, field) for code, lang in written(extra).items()}


def campaign_yml(more: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "name": by_language("name", extra), "slug": "twee-kanten", "country": "NL",
        "start": "2027-05-01", "end": "2027-05-31", "languages": [*written(extra), *more],
        "base_url": BASE_URL, "allowed_domains": ["twee-kanten.example.nl"], "quick_exit": "https://www.knmi.nl/",
        "colours": {"primary": "#1d3557", "text": "#1a1a1a", "background": "#ffffff", "accent": "#eef2f7"},
        "regions": {"national": by_language("region", extra)},
        "print": {"partners": [{"name": "Gemeente Voorbeeldstad (test)"}]},
    }


def services_yml(extra: tuple[str, ...] = (), facts: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"services": [
        {"id": "helpline", "name": by_language("helpline", extra), "description": "Test.",
         "phones": [HELPLINE], "regions": ["national"], "audiences": ["victims", "relatives"], **(facts or {})},
        {"id": "emergency", "name": by_language("emergency", extra), "description": "112",
         "phones": [EMERGENCY], "regions": ["national"], "emergency": True},
    ]}


def starter(name: str) -> str:
    """A starter text without its `reviewed:` line, which only the starter folder has."""
    return re.sub(r"^reviewed:.*\n", "", (STARTER / name).read_text(encoding="utf-8"), count=1, flags=re.M)


def card(lang: str, long: bool) -> str:
    """The theme's starter card; long: its reality side's title and its text twice over."""
    text = starter(f"card.{lang}.md")
    if not long:
        return text
    reality = text[text.index("::: reality"):]
    title = re.search(r"^## (.+)$", reality, re.M)[1]
    body = reality.split(title, 1)[1].split(":::", 1)[0].strip()
    longer = f"::: reality\n## {title} — {title}\n\n" + "\n\n".join([body] * 2) + "\n:::\n"
    return text[:text.index("::: reality")] + longer


def write_campaign(root: Path, stations: list[dict[str, Any]], long: bool = False, more: tuple[str, ...] = (),
                   extra: tuple[str, ...] = (), base_url: str = BASE_URL, facts: dict[str, Any] | None = None) -> Path:
    """The campaign's content folder under `root`, with these stations (id, languages, formats; name and
    city are filled in); `more`: languages the campaign has no text in yet; `extra`: languages of MORE, with
    their texts; `base_url`: on the campaign's domain; `facts`: more fields of the helpline (free, hours…)."""
    content = root / "content"
    (content / "cards").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    dump = {"allow_unicode": True, "sort_keys": False}
    (content / "campaign.yml").write_text(yaml.safe_dump(campaign_yml(more, extra) | {"base_url": base_url}, **dump),
                                          encoding="utf-8")
    (content / "services.yml").write_text(yaml.safe_dump(services_yml(extra, facts), **dump), encoding="utf-8")
    full = [{"name": station["id"].replace("-", " ").title(), "city": "Utrecht", "regions": ["national"], **station}
            for station in stations]
    (content / "stations.yml").write_text(yaml.safe_dump({"stations": full}, **dump), encoding="utf-8")
    for lang in written(extra):
        (content / "cards" / f"werk.{lang}.md").write_text(card(lang, long), encoding="utf-8")
        (content / "pages" / f"safety.{lang}.md").write_text(starter(f"safety.{lang}.md"), encoding="utf-8")
    return content


def manifest(output: Path) -> list[dict[str, str]]:
    return json.loads((output / "print" / "manifest.json").read_text())


def poster_problems(output: Path, row: dict[str, str]) -> list[str]:
    """What a printer or a reader would find wrong with one poster of the manifest, read from the file alone:
    its size and scale, fonts, every word inside the trim's safe margin and none over another, the helpline
    and the emergency number printed in dialling order, and a QR code that reads its address, as wide as the
    manifest says (see qr_problems)."""
    pdf = output / "print" / row["file"]
    found: list[str] = []
    scale = int(row["scale"].split(":")[1])
    width, height = (float(v) for v in row["trim_mm"].split("x"))
    printed = tuple(float(v) for v in row["printed_mm"].split("x"))
    left, top, right, bottom = trim(pdf)
    if (round((right - left) / MM, 1), round((bottom - top) / MM, 1)) != (round(width, 1), round(height, 1)):
        found.append(f"the TrimBox is not {row['trim_mm']} mm")
    if (round(width * scale), round(height * scale)) != tuple(round(v) for v in printed):
        found.append(f"{row['trim_mm']} mm at {row['scale']} is not {row['printed_mm']} mm")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    found += [f"a font is not embedded: {line}" for line in fonts if line.split()[-5:-3] != ["yes", "yes"]]
    share = 0.05 if max(printed) > 2000 else 0.035  # print houses ask 5 % of the short side over 2 m
    margin = max(5.0, share * min(printed)) / scale * MM - 0.5
    placed = words(pdf)
    for word in placed:
        if not (left + margin <= word.across[0] and word.across[1] <= right - margin and top + margin <= word.core[0]
                and word.core[1] <= bottom - margin):
            found.append(f"{word.text!r} comes closer to the edge than the safe margin")
    found += [f"{a.text!r} and {b.text!r} overlap" for a, b in overlapping(placed)]
    runs = ["".join(run) for run in digit_runs(pdf)]  # however the groups are spaced, in the order printed
    for number in (HELPLINE, EMERGENCY):
        if not any(number.replace(" ", "") in line for line in runs):
            found.append(f"{number} is not printed in dialling order (digits on each line: {[r for r in runs if r]})")
    found += qr_problems(pdf, row)
    return found


MIN_MODULE_MM = 0.5
"""The README's limit: a QR module under this is too small for a low-end phone at arm's length."""


def qr_problems(pdf: Path, row: dict[str, str]) -> list[str]:
    """The code, decoded from a rendering about 2,500 px long, must read the manifest's address, be as wide as the
    manifest says (at the printed size) and scan from about ten times that, be no wider than a tenth of the reading
    distance, and have modules a low-end phone reads."""
    long_in = max(float(v) for v in row["trim_mm"].split("x")) / 25.4
    dpi = max(20, min(1200, round(2500 / long_in)))
    codes = decoded(pdf, dpi)
    scale = int(row["scale"].split(":")[1])
    if not codes:  # a small code on a large poster: 4 px for each of up to 41 modules, a tile at a time
        dpi = min(1200, round(4 * 41 * 25.4 * scale / float(row["qr_mm"])))
        codes = decoded_closely(pdf, dpi)
    if [code.text for code in codes] != [row["url"]]:
        return [f"the QR code reads {[code.text for code in codes]}, not {row['url']}"]
    corners = codes[0].position
    pixel = 25.4 / dpi * scale
    symbol_mm = (corners.top_right.x - corners.top_left.x) / dpi * 25.4 * scale
    modules = 17 + 4 * int(codes[0].extra["Version"])
    found = []
    if abs(symbol_mm - float(row["qr_mm"])) > max(2 * pixel, 0.5 * symbol_mm / modules):  # zxing's corners: ± ½ module
        found.append(f"the QR code is {symbol_mm:.0f} mm wide, and the manifest says {row['qr_mm']} mm")
    listed_m, said_m = float(row["qr_mm"]) / 100, float(row["scans_from_m"])  # ten times its width, rounded down
    if not listed_m - (0.1 if said_m >= 1 else 0.01) < said_m <= listed_m + 1e-9:
        found.append(f"a {row['qr_mm']} mm code scans from about {listed_m:.2f} m, not {said_m} m")
    if symbol_mm > float(row["viewing_m"]) * 100 + 2 * pixel:
        found.append(f"the QR code is {symbol_mm:.0f} mm wide, over a tenth of {row['viewing_m']} m")
    if (symbol_mm + 2 * pixel) / modules < MIN_MODULE_MM:
        found.append(f"the QR code's {modules} modules are {symbol_mm / modules:.2f} mm wide, under {MIN_MODULE_MM} mm")
    return found
