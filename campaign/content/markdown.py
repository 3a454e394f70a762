"""Markdown to HTML with markdown-it-py, and the link rules of a site read by people at risk.

Raw HTML in Markdown is off (no inline scripts or styles can slip in). Links must be
https on one of the campaign's allowed domains, `mailto:`/`tel:`, an `#anchor`, or an
address on this site written without the language (`/help/`), which is rewritten to
the page in the same language and checked once all content is known.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from ..problems import Problems

SIDES = ("promise", "reality")


def domain_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


@dataclass
class LinkPolicy:
    allowed_domains: tuple[str, ...]
    url_prefix: str
    """The site's path below its domain, '' at the root."""


@dataclass
class Document:
    """One Markdown body, checked, ready to render."""

    tokens: list[Token]
    internal_links: list[tuple[str, int]] = field(default_factory=list)
    """(address without language, file line) pairs, checked once every page is known."""


class Markdown:
    def __init__(self, policy: LinkPolicy) -> None:
        self.policy = policy
        self.md = MarkdownIt("commonmark", {"html": False})
        for side in SIDES:
            self.md.use(container_plugin, name=side)

    def parse(self, body: str, lang: str, path: Path, first_line: int, problems: Problems) -> Document:
        doc = Document(self.md.parse(body))
        for block in doc.tokens:
            line = block.map[0] + first_line if block.map else None
            for token in block.children or ():
                if token.type == "link_open":
                    self._check_link(token, lang, doc, path, line, problems)
                elif token.type == "image":
                    problems.error(path, line, "text", "pictures cannot be placed in page text (they cost people on slow phones time and data): remove it")
        return doc

    def render(self, tokens: list[Token]) -> str:
        return self.md.renderer.render(tokens, self.md.options, {})

    def _check_link(self, token: Token, lang: str, doc: Document, path: Path, line: int | None, problems: Problems) -> None:
        href = str(token.attrGet("href") or "")
        parts = urlsplit(href)
        if parts.scheme in ("mailto", "tel") or href.startswith("#"):
            return
        if parts.scheme == "https" and parts.hostname:
            if not domain_allowed(parts.hostname, self.policy.allowed_domains):
                problems.error(path, line, "link", f"{href} is not on one of the campaign's allowed domains ({', '.join(self.policy.allowed_domains)}): "
                               "add the domain to `allowed_domains` in campaign.yml if it is safe, or remove the link")
            token.attrSet("rel", "noreferrer")
            return
        if parts.scheme:
            problems.error(path, line, "link", f"{href} must start with https://")
            return
        if href.startswith("/"):
            doc.internal_links.append((href, line or 0))
            token.attrSet("href", f"{self.policy.url_prefix}/{lang}{href}")
            return
        problems.error(path, line, "link", f'"{href}": write a link to another page of this site as its address without the language, e.g. /help/')

    def card_sides(self, doc: Document, path: Path, first_line: int, problems: Problems) -> dict[str, tuple[str, str]]:
        """{side: (title, html)} from a card body written as `::: promise` and `::: reality` blocks."""
        sides: dict[str, tuple[str, str]] = {}
        tokens, index, stray = doc.tokens, 0, False
        while index < len(tokens):
            token = tokens[index]
            line = token.map[0] + first_line if token.map else None
            side = token.type.removeprefix("container_").removesuffix("_open")
            if token.type.startswith("container_") and side in SIDES:
                end = next(i for i in range(index + 1, len(tokens))
                           if tokens[i].type == f"container_{side}_close" and tokens[i].level == token.level)
                if side in sides:
                    problems.error(path, line, side, f"the card has two `::: {side}` blocks: keep one")
                else:
                    sides[side] = self._side(tokens[index + 1 : end], side, path, line, problems)
                index = end + 1
                continue
            if token.level == 0 and token.nesting >= 0 and not stray:
                stray = True  # one message per card: the rest of a mistyped block would repeat it
                marker = tokens[index + 1].content.split("\n")[0] if token.type == "paragraph_open" else ""
                if marker.startswith(":::"):
                    problems.error(path, line, "text", f"`{marker}` is not a side: write `::: promise` or `::: reality`")
                else:
                    problems.error(path, line, "text", "text outside the two sides: put it inside the `::: promise` or the `::: reality` block")
            index += 1
        for side in SIDES:
            if side not in sides:
                problems.error(path, None, side, f"the card has no {side} side: add a `::: {side}` block with a `## title` line and its text, closed by `:::`")
        return sides

    def _side(self, tokens: list[Token], side: str, path: Path, line: int | None, problems: Problems) -> tuple[str, str]:
        heading = next((i for i, t in enumerate(tokens) if t.type == "heading_open"), None)
        if heading is None or not tokens[heading + 1].content.strip():
            problems.error(path, line, side, "has no title: start the side with a line such as `## A dream job abroad`")
            return "", ""
        # The title is plain text: Markdown emphasis in it is dropped, not shown as asterisks.
        title = "".join(t.content for t in tokens[heading + 1].children or () if t.type in ("text", "code_inline")).strip()
        body = tokens[:heading] + tokens[heading + 3 :]
        if not any(t.type == "inline" and t.content.strip() for t in body):
            problems.error(path, line, side, "has a title but no text: write a few sentences under the title")
        return title, self.render(body)
