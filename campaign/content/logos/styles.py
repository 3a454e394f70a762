"""A logo's <style> sheets, applied: what they say for each element, as presentation attributes."""
from __future__ import annotations

import re

import cssselect2
import tinycss2
from lxml import etree

from .references import check_reference
from .svg import PRESENTATION, URL, Cleaning, Declarations, is_svg, local


def style_sheets(root: etree._Element, cleaning: Cleaning) -> dict[etree._Element, Declarations]:
    """What the logo's <style> sheets say for each element, in cascade order (later rules win). The keys
    keep each element's proxy alive, so lxml hands out the same object when the tree is walked again."""
    matcher = cssselect2.Matcher()
    rules = 0
    for style in (e for e in root.iter() if is_svg(e) and local(e) == "style"):
        for rule in tinycss2.parse_stylesheet(style.text or "", skip_whitespace=True, skip_comments=True):
            rules += add_rule(matcher, rule, style.sourceline, cleaning)
    if not rules:
        return {}
    found: dict[etree._Element, Declarations] = {}
    for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        matches = sorted((m for m in matcher.match(wrapper) if m[2] is None), key=lambda m: (m[0], m[1]))
        if matches:
            merged: Declarations = {}
            for *_order, declarations in matches:
                merged |= declarations
            found[wrapper.etree_element] = merged
    return found


def add_rule(matcher: cssselect2.Matcher, rule: object, line: int | None, cleaning: Cleaning) -> int:
    """Add one rule of a <style> sheet; at-rules are refused (@import, fonts) or left out. Returns 1 if added."""
    if rule.type == "at-rule":
        text = tinycss2.serialize([rule])
        for target in URL.findall(text) + re.findall(r"@import\s+['\"]([^'\"]*)", text):
            check_reference(target[1] if isinstance(target, tuple) else target, line, cleaning)
        if rule.lower_at_keyword == "import":
            cleaning.refuse("import", line, "its style sheet imports another file (@import)")
        else:
            cleaning.left_out.add(f"@{rule.lower_at_keyword} rules")
        return 0
    if rule.type != "qualified-rule":
        cleaning.left_out.add("style rules it cannot read")
        return 0
    try:
        selectors = cssselect2.compile_selector_list(rule.prelude)
    except cssselect2.SelectorError:
        cleaning.left_out.add("style rules it cannot read")
        return 0
    declarations = declarations_of(rule.content, line, cleaning)
    for selector in selectors:
        matcher.add_selector(selector, declarations)
    return 1


def declarations_of(tokens: list | str, line: int | None, cleaning: Cleaning) -> Declarations:
    """`fill: red; stroke: …` as {name: value}, for the properties a logo may keep."""
    result: Declarations = {}
    for item in tinycss2.parse_blocks_contents(tokens, skip_whitespace=True, skip_comments=True):
        if item.type != "declaration":
            continue
        value = tinycss2.serialize(item.value).strip()
        for _quote, target in URL.findall(value):
            check_reference(target, line, cleaning)
        if item.lower_name in PRESENTATION:
            result[item.lower_name] = value
    return result

