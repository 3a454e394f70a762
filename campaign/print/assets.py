"""What every print file embeds: the fonts (with a glyph check per language) and the ICC output profile.

Fonts: the campaign's own (campaign_assets/fonts/*.ttf|otf) first, then every Noto family installed
(scripts.py: one per script, found by scanning the Noto folders; Debian's fonts-noto-core and fonts-noto-cjk). A
character no font has is a build error, with its script and where to find a font for it: the product would
otherwise print a blank box. Typst is given the campaign's own fonts' folder and the installed Noto folders
(typst/engine.py), and finds each family by its name.

Output profile: a printer's own CMYK profile dropped into campaign_assets/ (*.icc) wins; otherwise
a FOGRA39 profile is built once from the FOGRA39 characterisation data in Debian's
icc-profiles-free with ArgyllCMS (total ink limit 330 %), and cached.
"""
from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError
from PIL import ImageCms

from ..content.leftovers import is_leftover
from ..content.regular import special
from ..content.sources import outside
from ..problems import Problem, Refused
from ..publish.cache import Cache
from .scripts import BASE_SCRIPTS, FONTS, installed, script_key, writing

FOGRA39_DATA = Path("/usr/share/color/icc/FOGRA39L.ti3")
FOGRA39_KEY = "fogra39-tac330"
TOTAL_INK_LIMIT = 330
"""Per cent: what FOGRA39 (ISO Coated v2) printing allows."""


class AssetError(Refused):
    """A print asset that cannot be used; the problem says which and what to do."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(Problem(path, None, "", message, error=True))


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    bold: bool
    characters: frozenset[int]
    own: bool
    """The campaign's own font, declared with @font-face (the system's Noto fonts are found by name)."""


@dataclass(frozen=True)
class OutputProfile:
    path: Path
    identifier: str
    """OutputConditionIdentifier, e.g. FOGRA39."""
    info: str


def font_faces(assets: Path, languages: tuple[str, ...] | None = None) -> tuple[FontFace, ...]:
    """The campaign's own fonts, then Noto Sans and the family of each of `languages` (every installed family
    without): the fonts of the campaign's own scripts are read at once, another script's when a text holds it."""
    own = [(own_file(p, assets), 0) for p in sorted((assets / "fonts").glob("*"))
           if p.suffix.lower() in (".ttf", ".otf") and not is_leftover(p.name)]  # not a Mac's ._font.ttf
    fonts = installed(FONTS)
    if not all(script in fonts for script in BASE_SCRIPTS):
        raise AssetError(FONTS, "fonts missing: Noto Sans is not installed (Debian packages fonts-noto-core "
                         "and fonts-noto-cjk; `make site` installs them)")
    keys = list(fonts) if languages is None else ["Latn", *(writing(lang) for lang in languages)]
    system = list(dict.fromkeys(file for key in keys if key in fonts for file in fonts[key].files))
    return tuple(read_face(path, number, index < len(own), path.stat().st_mtime_ns)
                 for index, (path, number) in enumerate([*own, *system]))


@functools.lru_cache(maxsize=512)
def read_face(path: Path, number: int, own: bool, _version: int) -> FontFace:
    """A font's family and characters, read once per version of the file (the preview builds again and again)."""
    try:
        font = TTFont(path, lazy=True, fontNumber=number)
        bold = font["OS/2"].usWeightClass >= 600
        characters = frozenset(font.getBestCmap())
        family = font["name"].getDebugName(16) or font["name"].getDebugName(1) or path.stem
    except (TTLibError, KeyError, OSError, AttributeError, AssertionError) as exc:
        raise AssetError(path, f"not a usable font ({exc}): use a .ttf or .otf file") from None
    return FontFace(family, path, bold, characters, own)


def faces_digest(faces: tuple[FontFace, ...]) -> str:
    """What the fonts contribute to a product's cache key: own fonts by content, system fonts by version (every
    installed family: one may draw a word in another script)."""
    digest = hashlib.sha256()
    for face in faces:
        if face.own:
            digest.update(face.path.read_bytes())
    for path in sorted({path for family in installed(FONTS).values() for path, _number in family.files}):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def own_file(path: Path, assets: Path) -> Path:
    """A font or profile of the campaign's: a file inside campaign_assets/ (a link out of it is not followed, a named
    pipe would make the build wait forever)."""
    if outside(path, assets):
        raise AssetError(path, "is a link to a file outside the campaign's folder, which the build does not read: "
                               "copy the file itself here")
    if what := special(path):
        raise AssetError(path, f"is {what}, not a file: the build reads only regular files")
    return path


def missing_characters(text: str, faces: tuple[FontFace, ...]) -> list[str]:
    """Characters of `text` that no embedded font can draw (spaces and controls aside), nor the installed family of
    their script (read when first needed: a Thai name on a Bengali poster)."""
    covered = coverage(faces)
    return sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace()
                   and unicodedata.category(ch)[0] != "C" and not in_script_family(ch)})


def in_script_family(ch: str) -> bool:
    family = installed(FONTS).get(script_key(ch))
    return family is not None and any(ord(ch) in read_face(path, number, False, path.stat().st_mtime_ns).characters
                                      for path, number in family.files)


@functools.lru_cache(maxsize=4)
def coverage(faces: tuple[FontFace, ...]) -> frozenset[int]:
    """Every character some font has: worked out once per set of fonts, not once per product."""
    return frozenset().union(*(face.characters for face in faces))


def output_profile(assets: Path, cache: Cache) -> OutputProfile:
    own = sorted(own_file(p, assets) for p in [*assets.glob("*.icc"), *assets.glob("*.icm")] if not is_leftover(p.name))
    if own:
        return printer_profile(own[0])
    built = cache.find(FOGRA39_KEY) or cache.write(FOGRA39_KEY, build_fogra39(cache))
    return OutputProfile(built, "FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004); profile built from FOGRA39L.ti3 with ArgyllCMS")


def printer_profile(path: Path) -> OutputProfile:
    header = path.read_bytes()[:20]
    if len(header) < 20 or header[12:16] != b"prtr" or header[16:20] != b"CMYK":
        raise AssetError(path, "is not a CMYK printer profile: ask the printer for their CMYK output (.icc) profile")
    try:
        description = ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(path))).strip()
    except (ImageCms.PyCMSError, OSError):
        description = path.stem
    return OutputProfile(path, description or path.stem, description or path.stem)


def build_fogra39(cache: Cache) -> bytes:
    """The FOGRA39 profile, made by ArgyllCMS from the characterisation data (about 10 s, once per cache)."""
    if not FOGRA39_DATA.exists() or not shutil.which("colprof"):
        raise AssetError(FOGRA39_DATA, "cannot build the FOGRA39 profile: Debian packages icc-profiles-free and argyll "
                         "are needed (`make site` installs them), or put the printer's .icc profile in campaign_assets/")
    work = cache.new_folder(FOGRA39_KEY)
    try:
        shutil.copyfile(FOGRA39_DATA, work / "FOGRA39L.ti3")
        subprocess.run(["colprof", "-ql", "-kr", f"-l{TOTAL_INK_LIMIT}", "-D", "Coated FOGRA39 (ISO 12647-2:2004)",
                        "-C", "Built from FOGRA39L.ti3", "FOGRA39L"], cwd=work, check=True, capture_output=True)
        return (work / "FOGRA39L.icc").read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
