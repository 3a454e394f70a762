"""A Markdown text as a translator's tool shows it: words to translate, and the markup as placeholders it protects.

`**free**` becomes a paired placeholder around "free", `[help services](/help/)` one around "help
services" (the address stays out of reach), a code span or a line break a single one. `Text` keeps
each placeholder's Markdown, so a translation comes back as Markdown with the same markup, in the
translation's own word order. markdown-it reads the inline Markdown, as the build does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

Piece = str | tuple[str, "list[Piece]"] | tuple[str, None]
"""A run of text; (id, pieces) for paired markup around text; (id, None) for markup that stands alone."""
PAIRED = {"strong_open": "strong_close", "em_open": "em_close", "link_open": "link_close", "s_open": "s_close"}
PO_TAG = re.compile(r"<(/?)(\d+)(/?)>")
INLINE_MARK = re.compile(r"([\\`*_\[\]<&])")
"""What makes markup anywhere in a line: emphasis, links, code, raw HTML, entities (`&#x202E;` is an override)."""
BLOCK_MARK = re.compile(r"^(\s*)(?:(\d+)([.)])|([#>+-]))")
"""What starts a block at the start of a line: a heading, a quote, a list item."""


@dataclass
class Text:
    """One translatable text: its pieces, and the Markdown of each placeholder (id → before, after)."""

    pieces: list[Piece]
    markup: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def plain(self) -> str:
        """What a reader sees, placeholders left out: for fingerprints and length hints."""
        return flatten(self.pieces, lambda key, inner: inner or "")

    def markdown(self, pieces: list[Piece] | None = None) -> str:
        return flatten(self.pieces if pieces is None else pieces,
                       lambda key, inner: self.markup[key][0] + (inner or "") + self.markup[key][1])

    def po(self) -> str:
        """The text with placeholders as <1>…</1> and <2/>, as PO files show them."""
        return flatten(self.pieces, lambda key, inner: f"<{key}/>" if inner is None else f"<{key}>{inner}</{key}>")

    def ids(self) -> list[str]:
        return ids_in(self.pieces)


def flatten(pieces: list[Piece], placeholder: object) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        else:
            key, inner = piece
            out.append(placeholder(key, None if inner is None else flatten(inner, placeholder)))  # type: ignore[operator]
    return "".join(out)


def ids_in(pieces: list[Piece]) -> list[str]:
    found = []
    for piece in pieces:
        if not isinstance(piece, str):
            found.append(piece[0])
            if piece[1] is not None:
                found += ids_in(piece[1])
    return found


def parse_inline(md: MarkdownIt, source: str) -> Text:
    """The inline Markdown of one block (a paragraph, a heading, a list item) as pieces."""
    tokens = md.parseInline(source)[0].children or []
    text = Text([])
    stack: list[list[Piece]] = [text.pieces]
    opened: list[tuple[str, Token]] = []
    for token in tokens:
        if token.type == "text":
            stack[-1].append(token.content)
        elif token.type == "softbreak":
            stack[-1].append(" ")
        elif token.type in PAIRED:
            key = str(len(text.markup) + 1)
            text.markup[key] = ("", "")
            inner: list[Piece] = []
            stack[-1].append((key, inner))
            stack.append(inner)
            opened.append((key, token))
        elif opened and token.type == PAIRED.get(opened[-1][1].type):
            key, start = opened.pop()
            stack.pop()
            text.markup[key] = opening(start), closing(start, token)
        else:  # a code span, a hard break, an entity: kept as it is written
            key = str(len(text.markup) + 1)
            text.markup[key] = (written(token), "")
            stack[-1].append((key, None))
    return text


def opening(token: Token) -> str:
    return "[" if token.type == "link_open" else token.markup


def closing(start: Token, end: Token) -> str:
    if start.type != "link_open":
        return end.markup
    title = start.attrGet("title")
    return f"]({start.attrGet('href')}" + (f' "{title}"' if title else "") + ")"


def written(token: Token) -> str:
    if token.type == "code_inline":
        return f"{token.markup}{token.content}{token.markup}"
    if token.type == "hardbreak":
        return "\\\n"
    return token.content


def literal(pieces: list[Piece], markup: dict[str, tuple[str, str]], line_start: bool = True) -> list[Piece]:
    """A translator's text as Markdown that shows exactly what was typed: only placeholders make markup. Characters
    that would make some are escaped, and at the start of a line (the text's, or after a line break placeholder)
    those that would start a heading, a quote or a list item."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str):
            text = INLINE_MARK.sub(r"\\\1", piece)
            out.append(BLOCK_MARK.sub(unblocked, text, count=1) if line_start else text)
            line_start = line_start and not piece.strip()
        else:
            key, inner = piece
            out.append((key, None if inner is None else literal(inner, markup, line_start)))
            line_start = inner is None and markup.get(key, ("", ""))[0].endswith("\n")
    return out


def unblocked(match: re.Match[str]) -> str:
    """`# `, `> `, `- `, `+ `, `1. ` with the mark escaped: `\\# `, `1\\. `."""
    if match[2]:
        return f"{match[1]}{match[2]}\\{match[3]}"
    return f"{match[1]}\\{match[4]}"


def from_po(text: str) -> list[Piece]:
    """<1>…</1> and <2/> back into pieces; ValueError (with what is wrong) when the tags do not pair up."""
    root: list[Piece] = []
    stack: list[tuple[str, list[Piece]]] = [("", root)]
    position = 0
    for match in PO_TAG.finditer(text):
        if match.start() > position:
            stack[-1][1].append(text[position:match.start()])
        position = match.end()
        closing_tag, key, alone = match[1], match[2], match[3]
        if alone:
            stack[-1][1].append((key, None))
        elif closing_tag:
            if stack[-1][0] != key:
                raise ValueError(f"</{key}> closes a placeholder that is not open")
            stack.pop()
        else:
            inner: list[Piece] = []
            stack[-1][1].append((key, inner))
            stack.append((key, inner))
    if len(stack) > 1:
        raise ValueError(f"<{stack[-1][0]}> is never closed")
    if position < len(text):
        root.append(text[position:])
    return root
