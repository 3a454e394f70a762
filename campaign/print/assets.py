"""What every print file embeds: the fonts (with a glyph check per language) and the ICC output profile.

Fonts: the campaign's own (campaign_assets/fonts/*.ttf|otf) first, then Noto Sans (Latin, Greek,
Cyrillic) and Noto Sans Arabic from Debian's fonts-noto-core. A character no font has is a build
error: WeasyPrint would otherwise borrow a random system font, or print a blank box.

Output profile: a printer's own CMYK profile dropped into campaign_assets/ (*.icc) wins; otherwise
a FOGRA39 profile is built once from the FOGRA39 characterisation data in Debian's
icc-profiles-free with ArgyllCMS, and cached.
"""
from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError
from PIL import ImageCms

from ..output.cache import Cache

NOTO = Path("/usr/share/fonts/truetype/noto")
DEFAULT_FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")
FOGRA39_DATA = Path("/usr/share/color/icc/FOGRA39L.ti3")
FOGRA39_KEY = "fogra39"


class AssetError(Exception):
    """A print asset that cannot be used; the message says which and what to do."""


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    bold: bool
    characters: frozenset[int]


@dataclass(frozen=True)
class OutputProfile:
    path: Path
    identifier: str
    """OutputConditionIdentifier, e.g. FOGRA39."""
    info: str


def font_faces(assets: Path) -> tuple[FontFace, ...]:
    own = sorted(p for p in (assets / "fonts").glob("*") if p.suffix.lower() in (".ttf", ".otf"))
    system = [NOTO / name for name in DEFAULT_FONTS]
    missing = [str(p) for p in system if not p.exists()]
    if missing:
        raise AssetError(f"fonts missing: {', '.join(missing)} (Debian package fonts-noto-core; `make site` installs it)")
    faces = []
    for path in [*own, *system]:
        try:
            font = TTFont(path, lazy=True)
            bold = font["OS/2"].usWeightClass >= 600
            characters = frozenset(font.getBestCmap())
            family = font["name"].getDebugName(1) or path.stem
        except (TTLibError, KeyError, OSError, AttributeError) as exc:
            raise AssetError(f"{path}: not a usable font ({exc}): use a .ttf or .otf file") from None
        faces.append(FontFace(family, path, bold, characters))
    return tuple(faces)


def missing_characters(text: str, faces: tuple[FontFace, ...]) -> list[str]:
    """Characters of `text` that no embedded font can draw (spaces and controls aside)."""
    covered = frozenset().union(*(face.characters for face in faces))
    return sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace()
                   and unicodedata.category(ch)[0] != "C"})


def output_profile(assets: Path, cache: Cache) -> OutputProfile:
    own = sorted([*assets.glob("*.icc"), *assets.glob("*.icm")])
    if own:
        return printer_profile(own[0])
    built = cache.find(FOGRA39_KEY) or cache.write(FOGRA39_KEY, build_fogra39(cache))
    return OutputProfile(built, "FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004); profile built from FOGRA39L.ti3 with ArgyllCMS")


def printer_profile(path: Path) -> OutputProfile:
    header = path.read_bytes()[:20]
    if len(header) < 20 or header[12:16] != b"prtr" or header[16:20] != b"CMYK":
        raise AssetError(f"{path}: is not a CMYK printer profile: ask the printer for their CMYK output (.icc) profile")
    try:
        description = ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(path))).strip()
    except (ImageCms.PyCMSError, OSError):
        description = path.stem
    return OutputProfile(path, description or path.stem, description or path.stem)


def build_fogra39(cache: Cache) -> bytes:
    """The FOGRA39 profile, made by ArgyllCMS from the characterisation data (about 10 s, once per cache)."""
    if not FOGRA39_DATA.exists() or not shutil.which("colprof"):
        raise AssetError("cannot build the FOGRA39 profile: Debian packages icc-profiles-free and argyll are needed "
                         "(`make site` installs them), or put the printer's .icc profile in campaign_assets/")
    work = cache.new_folder(FOGRA39_KEY)
    try:
        shutil.copyfile(FOGRA39_DATA, work / "FOGRA39L.ti3")
        subprocess.run(["colprof", "-ql", "-D", "Coated FOGRA39 (ISO 12647-2:2004)", "-C", "Built from FOGRA39L.ti3",
                        "FOGRA39L"], cwd=work, check=True, capture_output=True)
        return (work / "FOGRA39L.icc").read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
