"""What each translation was made from: `content/translated/<lang>.yml`, kept by `build.py translations import`.

For every unit it imports, the file keeps the main language's text the translation was made from.
When that text changes, the unit is stale — whatever the dates say — and `check` shows what changed.
The file's first lines say whether a native speaker has reviewed the translations, as theme catalogs do:
`# Reviewed: no` until someone checks them and writes `# Reviewed: yes, by <name>, <date>`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.model import Site
from ..problems import Problems
from .units import Unit

FOLDER = "translated"
REVIEWED = re.compile(r"^#\s*Reviewed:\s*(.*)$", re.M)
HEADER = ("# The text each {lang} translation was made from, kept by `build.py translations import`: when the\n"
          "# {main} text changes, `build.py check` says which translations are stale. Do not edit it by hand,\n"
          "# but the review marks: `review: needed` (the translator's tool asked for a review), `review: yes`\n"
          "# (reviewed in the tool), `review: draft` (imported after the review below).\n")
REVIEW_LINE = "# Reviewed: no\n"


@dataclass
class Record:
    lang: str
    path: Path
    made_from: dict[str, str] = field(default_factory=dict)
    """Unit id → the main language's Markdown it was translated from."""
    reviewed: bool = False
    """The language's `# Reviewed: yes, by …` line: a native speaker checked every text without a review mark."""
    review: dict[str, str] = field(default_factory=dict)
    """Unit id → its own review mark: needed, yes, or draft (imported after the language was reviewed)."""
    pending: dict[str, str] = field(default_factory=dict)
    """Unit id → a translation that waits for the other texts of its page or card (Markdown)."""
    review_line: str = REVIEW_LINE

    def state(self, unit: Unit) -> str:
        """new (no translation), stale (made from another text) or translated."""
        if unit.target is None:
            return "new"
        before = self.made_from.get(unit.id)
        return "stale" if before is not None and before != unit.source.markdown() else "translated"

    def change(self, unit: Unit) -> str:
        return change(self.made_from.get(unit.id, ""), unit.source.markdown())

    def drafts(self) -> list[str]:
        """The units no native speaker has reviewed, by their own mark, else by the language's line (those the tool
        asked to have reviewed are reported on their own)."""
        return [u for u in self.made_from if self.review.get(u, "yes" if self.reviewed else "draft") == "draft"
                and u not in self.pending]

    def save(self, main: str) -> str:
        """The file's text; the language's review line kept as the reviewer wrote it."""
        entries: dict[str, object] = {}
        for unit_id in sorted(self.made_from):
            marks = (("review", self.review.get(unit_id)), ("pending", self.pending.get(unit_id)))
            extra = {name: value for name, value in marks if value}
            entries[unit_id] = {"from": self.made_from[unit_id], **extra} if extra else self.made_from[unit_id]
        body = yaml.safe_dump(entries, allow_unicode=True, width=1000, sort_keys=False) if entries else ""
        return HEADER.format(lang=self.lang, main=main) + self.review_line + body


def change(before_text: str, now_text: str) -> str:
    """What changed from one text to the other, as a one-line diff: [-old-]{+new+}."""
    before, now = before_text.split(), now_text.split()
    out = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=before, b=now, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(now[b0:b1]) if b1 - b0 <= 6 else " ".join([*now[b0:b0 + 3], "…", *now[b1 - 3:b1]]))
        else:
            out += [f"[-{' '.join(before[a0:a1])}-]" if a1 > a0 else "", f"{{+{' '.join(now[b0:b1])}+}}" if b1 > b0 else ""]
    return " ".join(part for part in out if part)


def record_path(content: Path, lang: str) -> Path:
    return content / FOLDER / f"{lang}.yml"


def read_record(content: Path, lang: str) -> Record:
    """The record of `lang`, empty when nothing was imported yet. A damaged record is read as empty: the dates
    rule still applies, and the next import writes it anew."""
    path = record_path(content, lang)
    if not path.exists():
        return Record(lang, path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        data = {}
    review = REVIEWED.search(text)
    record = Record(lang, path, reviewed=bool(review and review[1].strip().lower().startswith("yes")),
                    review_line=review[0] + "\n" if review else REVIEW_LINE)
    for key, value in (data.items() if isinstance(data, dict) else ()):
        entry = value if isinstance(value, dict) else {"from": value}
        record.made_from[str(key)] = str(entry.get("from", ""))
        for name, kept in (("review", record.review), ("pending", record.pending)):
            if entry.get(name) is not None:
                kept[str(key)] = str(entry[name])
    return record


def stale_units(site: Site, lang: str) -> list[Unit]:
    """The units of `lang` whose translation was made from another text than the main language's now."""
    from .units import units

    record = read_record(site.campaign.path.parent, lang)
    if not record.made_from:
        return []
    return [unit for unit in units(site, lang) if record.state(unit) == "stale"]


def recorded_languages(site: Site) -> list[str]:
    folder = site.campaign.path.parent / FOLDER
    return [lang for lang in site.campaign.languages[1:] if (folder / f"{lang}.yml").exists()] if folder.is_dir() else []


def translation_problems(site: Site, problems: Problems) -> None:
    """Warnings for the imported translations: each stale text, with what changed, and each unreviewed language."""
    main = site.campaign.default_language
    for lang in recorded_languages(site):
        record = read_record(site.campaign.path.parent, lang)
        for unit in stale_units(site, lang):
            markdown = unit.file.suffix == ".md"
            problems.warn(unit.file, None, str(unit.key) if markdown else unit.id.split("#")[1],
                          f"stale in {lang}: the {main} text changed since it was translated ({record.change(unit)}): "
                          f"have it translated again (`build.py translations export --language {lang}` exports it)")
        review_problems(record, problems)


def review_problems(record: Record, problems: Problems) -> None:
    """Texts a translator's tool asked to have reviewed, texts waiting for the rest of their page, and drafts."""
    lang = record.lang
    for unit_id in sorted(u for u, mark in record.review.items() if mark == "needed" and u in record.made_from):
        problems.warn(record.path, None, unit_id, f"needs review in {lang}: the translator's tool marked it so; it is "
                      "published as it is until a native speaker checks it (then write `review: yes` for it here)")
    if record.pending:
        names = sorted(record.pending)
        problems.warn(record.path, None, "", f"{len(names)} {lang} text(s) wait for the other texts of their page or "
                      f"card before they are written ({', '.join(names[:3])}{'…' if len(names) > 3 else ''}): "
                      f"export the rest (`build.py translations export --language {lang}`)")
    drafts = record.drafts()
    if drafts and not record.reviewed:
        problems.warn(record.path, None, "", f"the {lang} translations imported with `build.py translations import` "
                      "are drafts no native speaker has reviewed: have them checked, then write "
                      "`# Reviewed: yes, by <name>, <date>` at the top of this file")
    elif drafts:
        problems.warn(record.path, None, "", f"{len(drafts)} {lang} text(s) imported since the review are drafts "
                      f"({', '.join(drafts[:3])}{'…' if len(drafts) > 3 else ''}): have them checked, then delete "
                      "their `review: draft` lines")
