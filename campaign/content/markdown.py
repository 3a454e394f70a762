"""Markdown to HTML with markdown-it-py, and the link rules of a site read by people at risk.

Raw HTML is an error, not text: markdown-it recognises it (so it can be reported with its
line) but it is always written out escaped, so no inline script or style can slip in.
Links must be https on one of the campaign's allowed domains, `mailto:`/`tel:`, an
`#anchor`, or an address on this site written without the language (`/help/`), which is
rewritten to the page in the same language and checked once all content is known. Every
other link is an error: markdown-it's own filter (which silently leaves `[x](javascript:…)`
as text) is replaced by these rules, and link syntax left as text is reported too.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from ..problems import Problems
from .sources import INVISIBLE_IN_PROSE, character_name, invisible_characters

SIDES = ("promise", "reality")
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?\s*>|<!--|<!\[CDATA\[|<\?[a-zA-Z]")
"""What a browser would take for a tag; in YAML texts it is shown as typed."""
MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
LITERAL_LINK = re.compile(r"!?\[[^\]\n]*\]\s?(?:\(\s*<?\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|www\.)[^)\n]*\)?|\[[^\]\n]*\])")
"""Link syntax Markdown left as text: a space or a bracket in the address, or `[text][name]` with no `[name]: …`."""
REFUSED_SCHEMES = ("javascript", "vbscript", "data", "file")
MAX_NESTING = 100
"""markdown-it silently drops whatever lies deeper than this (its own default, 20, was reached by a few nested
lists); the parse goes this deep so that anything past DEEPEST can be reported instead of lost."""
DEEPEST = 40


def markup_in_text(text: str) -> str | None:
    """What to say about HTML or a Markdown link in a plain text field, which pages show as typed."""
    if match := RAW_HTML.search(text):
        return (f"{match.group(0)[:40]} is HTML: this field is shown as plain text, so readers would see the code; "
                "write the text without it")
    if match := MARKDOWN_LINK.search(text):
        return (f"{match.group(0)[:60]} is a Markdown link, which this field shows as typed: write the text without "
                "the brackets (links belong in the cards and pages, or in the website: and chat: fields)")
    return None


def domain_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


def credentials(url: str) -> bool:
    """A user name or password before the @ (https://admin:secret@host/): published, every reader would have it."""
    try:
        parts = urlsplit(url)
    except ValueError:  # an address that cannot be taken apart is refused for that by its reader
        return False
    return parts.username is not None or parts.password is not None


CREDENTIALS = "contains a user name or password (before the @): every reader would see it; give the address without it"


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


def escaped(renderer: object, tokens: list[Token], index: int, options: object, env: object) -> str:
    """Raw HTML is written out as text: it is an error anyway, and must never reach a page as markup."""
    return html.escape(tokens[index].content)


def line_in_block(snippet: str, block: Token, body_lines: list[str], first_line: int) -> int | None:
    """The file line of `snippet` inside a block (a paragraph spans several lines); the block's first line
    when it cannot be found."""
    if not block.map:
        return None
    start, end = block.map
    needle = snippet.split("\n")[0][:40]
    for number in range(start, min(end, len(body_lines))):
        if needle and needle in body_lines[number]:
            return number + first_line
    return start + first_line


class Markdown:
    def __init__(self, policy: LinkPolicy) -> None:
        self.policy = policy
        # HTML on: markdown-it marks raw HTML as such (to be reported), and `escaped` writes it out as text.
        self.md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
        self.md.validateLink = lambda url: True  # every link is made, then judged (with its line) by _check_link
        for rule in ("html_block", "html_inline"):
            self.md.add_render_rule(rule, escaped)
        for side in SIDES:
            self.md.use(container_plugin, name=side)

    def parse(self, body: str, lang: str, path: Path, first_line: int, problems: Problems) -> Document:
        doc = Document(self.md.parse(body))
        lines = body.split("\n")
        html_lines: set[int | None] = set()  # one message per line: <b>…</b> is one mistake, not two
        for block in doc.tokens:
            line = block.map[0] + first_line if block.map else None
            if block.type == "html_block":
                self._raw_html(block.content, path, line, problems, html_lines)
            for token in block.children or ():
                if token.type == "link_open":
                    self._check_link(token, lang, doc, path, line_in_block(str(token.attrGet("href")), block, lines,
                                                                           first_line), problems)
                elif token.type == "image":
                    problems.error(path, line, "text", "pictures cannot be placed in page text (they cost people on slow phones time and data): remove it")
                elif token.type == "html_inline":
                    at = line_in_block(token.content, block, lines, first_line)
                    self._raw_html(token.content, path, at, problems, html_lines)
            if block.type == "inline":
                self._literal_links(block, lines, path, first_line, problems)
        check_characters(body, path, first_line, problems)
        check_depth(doc.tokens, path, first_line, problems)
        return doc

    def render(self, tokens: list[Token]) -> str:
        return self.md.renderer.render(tokens, self.md.options, {})

    @staticmethod
    def _raw_html(code: str, path: Path, line: int | None, problems: Problems, reported: set[int | None]) -> None:
        if line in reported:
            return
        reported.add(line)
        shown = " ".join(code.split())[:40]
        if shown.startswith("<!--"):
            what = "an HTML comment, which would be shown on the page: delete it"
        else:
            what = (f"{shown} is HTML, which is not allowed in text: readers would see it as code. Write Markdown "
                    "instead (**bold**, *italic*, [a link](https://…)); for a < sign as text, write \\<")
        problems.error(path, line, "text", what)

    @staticmethod
    def _literal_links(block: Token, lines: list[str], path: Path, first_line: int, problems: Problems) -> None:
        """Link syntax that Markdown did not turn into a link would be shown as typed."""
        if "[" not in block.content and "&" not in block.content:
            return  # no bracket in the text, written or as an entity (&#91;): nothing to find
        text = "".join(t.content for t in block.children or () if t.type == "text")
        for match in LITERAL_LINK.finditer(text):
            snippet = match.group(0)
            problems.error(path, line_in_block(snippet, block, lines, first_line), "link",
                           f"{snippet[:60]} is not made into a link and would be shown as typed: write it as "
                           "[text](https://address) with no space between ] and (, and no space in the address")

    def _check_link(self, token: Token, lang: str, doc: Document, path: Path, line: int | None, problems: Problems) -> None:
        href = str(token.attrGet("href") or "")
        parts = urlsplit(href)
        if parts.scheme in REFUSED_SCHEMES or any(c in href for c in "\n\t<>\"'` "):
            token.attrSet("href", "#")  # never written out, even into a build that fails
        hidden = next(invisible_characters(unquote(href), prose=False), None)
        if hidden:
            problems.error(path, line, "link", f"{href[:60]} contains an invisible character, {character_name(hidden[1])}: "
                           "the address would not be the one people see; type it again")
            return
        if parts.scheme in ("mailto", "tel") or href.startswith("#"):
            return
        if parts.scheme in ("https", "http") and credentials(href):
            token.attrSet("href", "#")  # never written out, even into a build that fails
            problems.error(path, line, "link", f"{href} {CREDENTIALS}")
            return
        if parts.scheme == "https" and parts.hostname:
            if not domain_allowed(parts.hostname, self.policy.allowed_domains):
                problems.error(path, line, "link", f"{href} is not on one of the campaign's allowed domains ({', '.join(self.policy.allowed_domains)}): "
                               "add the domain to `allowed_domains` in campaign.yml if it is safe, or remove the link")
            token.attrSet("rel", "noreferrer")
            return
        if parts.scheme in REFUSED_SCHEMES:
            problems.error(path, line, "link", f"{href[:60]} is not a web address (a {parts.scheme}: link could run code or "
                           "open a file on the reader's phone): link to an https:// page instead, or remove the link")
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
        tokens, index, stray, inside_unclosed = doc.tokens, 0, False, False
        while index < len(tokens):
            token = tokens[index]
            line = token.map[0] + first_line if token.map else None
            side = token.type.removeprefix("container_").removesuffix("_open")
            if token.type.startswith("container_") and side in SIDES:
                end = next(i for i in range(index + 1, len(tokens))
                           if tokens[i].type == f"container_{side}_close" and tokens[i].level == token.level)
                # A block whose closing `:::` is missing runs on: into the next side, or to the end of the file.
                nested = next((i for i in range(index + 1, end) if tokens[i].type.startswith("container_")
                               and tokens[i].type.endswith("_open")), None)
                if nested is not None:
                    problems.error(path, line, side, f"the `::: {side}` block is not closed before the "
                                   f"`{tokens[nested].markup} {tokens[nested].info.strip()}` on line "
                                   f"{tokens[nested].map[0] + first_line}: put `:::` on a line of its own at the end "
                                   f"of the {side} side")
                    end = nested  # read the side up to there, and the next block as a side of its own
                elif not tokens[end].markup and not inside_unclosed:  # (the `:::` that ended both closed the outer)
                    problems.error(path, line, side, f"the `::: {side}` block is not closed: put `:::` on a line "
                                   "of its own after its text")
                inside_unclosed = nested is not None
                if side in sides:
                    problems.error(path, line, side, f"the card has two `::: {side}` blocks: keep one")
                else:
                    sides[side] = self._side(tokens[index + 1 : end], side, path, line, problems)
                index = end if nested is not None else end + 1
                continue
            if token.level == 0 and token.nesting >= 0 and not stray and token.type != "html_block":
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


def check_depth(tokens: list[Token], path: Path, first_line: int, problems: Problems) -> None:
    """Text nested deeper than markdown-it goes would vanish from the page without a word."""
    for block in tokens:
        if max([block.level, *(child.level for child in block.children or ())]) >= DEEPEST:
            problems.error(path, block.map[0] + first_line if block.map else None, "text",
                           f"is nested more than {DEEPEST} levels deep (lists in lists, `>` quotes, or emphasis "
                           "marks): the deepest text would be left out of the page; write it with fewer levels")
            return


def check_characters(body: str, path: Path, first_line: int, problems: Problems) -> None:
    """Invisible characters in running text: a warning each, with line and column (links are errors, above)."""
    if next(invisible_characters(body, prose=True), None) is None:
        return  # none in the whole text (the usual case): one search instead of one per line
    for number, row in enumerate(body.split("\n")):
        for index, ch in invisible_characters(row, prose=True):
            problems.warn(path, number + first_line, "text", f"an invisible character, {character_name(ch)}: "
                          + INVISIBLE_IN_PROSE, column=index + 1)
            break  # one per line is enough to find them
