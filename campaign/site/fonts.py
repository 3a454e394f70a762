"""The web page's font stack per language, from the fonts already on the reader's phone or computer: no web font is
downloaded (SAFETY.md: no third-party requests, pages under 100 KB), and the style sheet gains a rule only for the
campaign's languages whose script the general stack would draw in the wrong style.

- Urdu (and the other languages CLDR writes in Arabic script with Nastaliq as their usual style) is read in
  Nastaliq; a phone's default Arabic face is Naskh, which Urdu readers find foreign.
- Chinese, Japanese and Korean share Han characters drawn differently in each: the face of the right region first.
Every other script is left to the general stack (system-ui), whose fallback fonts cover it by script.
"""
from __future__ import annotations

from ..tags import maximal

NASTALIQ = ("Noto Nastaliq Urdu", "Jameel Noto Nastaliq", "Urdu Typesetting", "Alvi Nastaleeq", "Nafees Nastaleeq")
NASTALIQ_LANGUAGES = frozenset({"ur", "pa", "pnb", "skr", "ks", "bal", "bgn", "khw"})
"""Languages whose readers expect Nastaliq when they are written in Arabic script: Urdu, Punjabi (Shahmukhi: `pa-Arab`,
`pnb`), Saraiki, Kashmiri, Balochi, Khowar."""
CJK = {
    ("Hans", ""): ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"),
    ("Hant", ""): ("Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"),
    ("Hant", "HK"): ("Noto Sans CJK HK", "Source Han Sans HC", "PingFang HK", "Microsoft JhengHei"),
    ("Jpan", ""): ("Noto Sans CJK JP", "Source Han Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo"),
    ("Kore", ""): ("Noto Sans CJK KR", "Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic"),
}
GENERAL = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif'
"""The style sheet's own stack (site.css): what each rule falls back to."""


def families(lang: str) -> tuple[str, ...]:
    """The faces to try first for a campaign language; () where the general stack draws it well."""
    tag = maximal(lang)
    if tag is None:
        return ()
    if tag.script == "Arab" and tag.language in NASTALIQ_LANGUAGES:
        return NASTALIQ
    return CJK.get((tag.script, tag.region), CJK.get((tag.script, ""), ()))


def font_rules(languages: tuple[str, ...]) -> str:
    """CSS rules giving each language that needs one its stack, on the elements that carry its `lang` (the page's
    <body>, as it sets the general stack, and a language's own span on the page that lists them all): the text inside
    inherits it, an English run inside falls through to the general stack. Nastaliq also gets taller lines: its words
    climb and descend well beyond Naskh's."""
    rules = []
    for lang in languages:
        found = families(lang)
        if found:
            stack = ", ".join(f'"{name}"' for name in found)
            rules.append(f'[lang|="{lang}"], [lang|="{lang}"] body {{ font-family: {stack}, {GENERAL}; }}')
            if found == NASTALIQ:
                rules.append(f'[lang|="{lang}"] body {{ line-height: 2; }}')
    return "\n".join(rules)
