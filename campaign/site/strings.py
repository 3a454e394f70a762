"""The theme strings of one language's pages, as the templates ask for them: `_()`, `gettext()`, `ngettext()`.

Each page asks for about twenty strings, every page of a language for the same ones. Through Jinja's own
newstyle gettext each call passes three layers of calls and formats the string again; here each distinct call
(the string, its variables, and whether the page is language-neutral) is worked out once per language and
remembered. What it gives is exactly what Jinja's newstyle callables give: the translation as Markup when the
template escapes, formatted with its variables (escaped), `num` set for ngettext.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..catalogs import EveryLanguage

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]
REMEMBERED_TYPES = (str, Markup, int)
"""Variables of these (exact) types are remembered by value; a call with any other is worked out each time."""


class PageStrings:
    """gettext and ngettext for the pages of one language; `neutral` pages say every text in every language."""

    def __init__(self, gettext: Gettext, ngettext: Ngettext, every: EveryLanguage) -> None:
        self.own = gettext, ngettext
        self.every = every
        self.texts: dict[tuple[str, bool, bool], str] = {}
        """Strings asked for without variables (most): by string, neutrality and escaping."""
        self.known: dict[tuple[Any, ...], str] = {}

    def install(self, env: Environment) -> None:
        env.install_gettext_callables(self.plain_gettext, self.plain_ngettext, newstyle=True)
        env.globals.update(_=self.gettext, gettext=self.gettext, ngettext=self.ngettext)

    def plain_gettext(self, message: str, neutral: bool = False) -> str:
        return self.every.gettext(message) if neutral else self.own[0](message)

    def plain_ngettext(self, singular: str, plural: str, count: int, neutral: bool = False) -> str:
        return self.every.ngettext(singular, plural, count) if neutral else self.own[1](singular, plural, count)

    # Positional-only: `{% trans count=… %}` passes its variables, `count` among them, by name.
    @pass_context
    def gettext(self, context: Context, message: str, /, **variables: Any) -> str:
        if not variables:  # most calls: the quickest way to what was worked out before
            key = (message, bool(context.get("neutral")), context.eval_ctx.autoescape)
            if key not in self.texts:
                self.texts[key] = formatted(self.plain_gettext(message, key[1]), key[2], {})
            return self.texts[key]
        return self.remembered(context, ("gettext", message), variables,
                               lambda neutral: self.plain_gettext(message, neutral))

    @pass_context
    def ngettext(self, context: Context, singular: str, plural: str, count: int, /, **variables: Any) -> str:
        variables.setdefault("num", count)
        return self.remembered(context, ("ngettext", singular, plural, type(count), count), variables,
                               lambda neutral: self.plain_ngettext(singular, plural, count, neutral))

    def remembered(self, context: Context, call: tuple[Any, ...], variables: dict[str, Any],
                   translate: Callable[[bool], str]) -> str:
        neutral, escape = bool(context.get("neutral")), context.eval_ctx.autoescape
        if not all(type(value) in REMEMBERED_TYPES for value in variables.values()):
            return formatted(translate(neutral), escape, variables)
        key = (*call, neutral, escape, *sorted((name, type(value).__name__, value) for name, value in variables.items()))
        if key not in self.known:
            self.known[key] = formatted(translate(neutral), escape, variables)
        return self.known[key]


def formatted(text: str, escape: bool, variables: dict[str, Any]) -> str:
    """As Jinja's newstyle gettext: always a format string, even without variables."""
    return (Markup(text) if escape else text) % variables
