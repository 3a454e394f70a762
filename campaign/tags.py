"""Language tags as BCP 47, read with CLDR's data as Babel ships it: what a tag means, and which catalog speaks it.

Teams write `zh`, `zh-CN`, `pt`, `pt-PT`, `no`, `iw`; catalogs are named `zh_Hans`, `pt`, `nb.po`. Tags are
compared by their *maximal* form: CLDR's aliases (`iw` → `he`, `tl` → `fil`), then its likely subtags
(`zh` → zh-Hans-CN, `zh-CN` → zh-Hans-CN, `pt` → pt-Latn-BR, `sr` → sr-Cyrl-RS). A catalog speaks a tag when
language and script agree (a catalog for one region speaks only that region and the regions CLDR derives from
it: `pt-PT` also speaks `pt-AO`), or when CLDR makes one the parent of the other (`nb` and `no`).
The team's own spelling is kept everywhere it is shown (`lang`, addresses); matching never rewrites it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.languages import get_official_languages
from babel.localedata import locale_identifiers

TAG = re.compile(r"^(?P<language>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|\d{3}))?$", re.I)
"""language[-Script][-REGION]: what a page's `lang` needs; variants and extensions are not used here."""
NOT_ONE_LANGUAGE = {"und": "an undetermined language", "mul": "several languages", "mis": "a language without a code",
                    "zxx": "no language at all"}
EXAMPLES = "nl, fr, de, en, ar, pt-BR or zh-Hans"
SUGGESTIONS = 3


@dataclass(frozen=True)
class Subtags:
    language: str
    script: str = ""
    region: str = ""

    @property
    def code(self) -> str:
        return "-".join(part for part in (self.language, self.script, self.region) if part)


def written(code: str) -> Subtags | None:
    """The tag's parts in their canonical case, CLDR's aliases applied (`iw` → he, `sh` → sr-Latn, `UK` → GB)."""
    match = TAG.match(code.strip())
    if not match:
        return None
    language = match["language"].lower()
    script = (match["script"] or "").title()
    region = (match["region"] or "").upper()
    alias = get_global("language_aliases").get(language)
    if alias:
        parts = alias.split("_")
        language = parts[0]
        script = script or next((p for p in parts[1:] if len(p) == 4), "")
        region = region or next((p for p in parts[1:] if len(p) in (2, 3)), "")
    region = str(get_global("territory_aliases").get(region, [region])[0]) if region else ""
    return Subtags(language, script, region)


def maximal(code: str) -> Subtags | None:
    """The tag with CLDR's likely script and region filled in: zh-CN → zh-Hans-CN, pt-PT → pt-Latn-PT."""
    tag = written(code)
    if tag is None:
        return None
    likely = get_global("likely_subtags")
    lookups = ((tag.language, tag.script, tag.region), (tag.language, tag.region), (tag.language, tag.script),
               (tag.language,))  # CLDR's order: the most specific entry first
    keys = ("_".join(part for part in parts if part) for parts in lookups)
    found = next((likely[key] for key in keys if key in likely), None)
    if found is None:
        return tag
    parts = found.split("_")[1:]
    script = tag.script or next((p for p in parts if len(p) == 4), "")
    region = tag.region or next((p for p in parts if len(p) in (2, 3)), "")
    return Subtags(tag.language, script, region)


@functools.lru_cache(maxsize=64)
def babel_locale(code: str) -> Locale:
    """Babel's locale for a tag: the tag itself, else its language and script, else its language (Babel has no
    `nl-US` or `no-NO`, but knows Dutch and Norwegian). Raises UnknownLocaleError or ValueError.
    Kept per tag: every page asks for its language's locale several times (dates, digits, direction), and
    finding it costs as much as rendering a small template."""
    tag = written(code)
    if tag is None:
        raise ValueError(f"{code!r} is not a language tag")
    failure: Exception = UnknownLocaleError(code)
    for attempt in dict.fromkeys([tag.code, Subtags(tag.language, tag.script).code, tag.language]):
        try:
            return Locale.parse(attempt.replace("-", "_"))
        except (UnknownLocaleError, ValueError) as exc:
            failure = exc
    raise failure


def tag_problem(code: str, country: str = "") -> str | None:
    """Why `code` cannot be a language of the campaign, with the closest codes; None when it can."""
    text = str(code).strip()
    tag = written(text)
    if tag is not None and tag.language not in NOT_ONE_LANGUAGE and known(text):
        return None
    hint = suggestion(text, country)
    if tag is None:
        if re.match(r"^[a-z]{2,3}-", text, re.I):
            return (f'"{text}" has more than a language, a script and a country: write it as language[-Script]'
                    f"[-COUNTRY], e.g. {EXAMPLES}")
        return f'"{text}" is not a language code{hint}'
    if tag.language in NOT_ONE_LANGUAGE:
        return (f'"{text}" means {NOT_ONE_LANGUAGE[tag.language]}, not the language of a text: write the language '
                f"itself{hint}")
    english = Locale("en")
    if tag.script and tag.script not in english.scripts:
        return f'"{text}": {tag.script} is not a script code (such as Latn, Cyrl, Arab, Hans){hint}'
    if tag.region and tag.region not in english.territories:
        return f'"{text}": {tag.region} is not a country or region code (such as BE, FR, BR){hint}'
    alias = get_global("language_aliases").get(text.lower().split("-")[0])
    if alias:
        return f'"{text}" is an old code that CLDR replaces with {alias.replace("_", "-")}: write that instead'
    return f'"{text}" is not a language CLDR knows{hint}'


def known(code: str) -> bool:
    """True when CLDR knows the tag's script and region, and Babel has data for its language."""
    tag = written(code)
    english = Locale("en")
    if tag is None or (tag.script and tag.script not in english.scripts) or (
            tag.region and tag.region not in english.territories):
        return False
    try:
        babel_locale(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def suggestion(code: str, country: str) -> str:
    codes = closest_codes(code, country)
    if not codes:
        return f": use a code such as {EXAMPLES}"
    names = [f"{c} ({name})" if (name := english_name(c)) else c for c in codes]
    return f": did you mean {names[0]}?" + (f" (or {', '.join(names[1:])})" if names[1:] else "")


def english_name(code: str) -> str:
    try:
        return babel_locale(code).get_display_name("en") or ""
    except (UnknownLocaleError, ValueError):
        return ""


def closest_codes(code: str, country: str = "") -> list[str]:
    """Up to three language codes a mistyped `code` may mean, the campaign country's languages first: by its
    name (`sp`, `spanish`, `Spaans` → es), as a country code (`dk` → da), then one letter away (`nk` → nl)."""
    wanted = code.strip().lower().replace("_", "-")
    if not wanted or len(wanted) > 40:
        return []
    languages = data_languages()
    local = [c.replace("_", "-") for c in get_official_languages(country.upper(), de_facto=True)] if country else []
    names = [Locale.parse(reader).languages for reader in ("en", *(c for c in local if c in languages))]
    by_name = [c for c in languages if len(wanted) > 1 and any(n.get(c, "").lower().startswith(wanted) for n in names)]
    region = wanted.upper() if len(wanted) == 2 else ""
    by_region = [c.replace("_", "-") for c in get_official_languages(region, de_facto=True)] if region else []
    base = wanted.split("-")[0]
    near = sorted((c for c in languages if one_edit(base, c)), key=lambda c: (c not in local, c))
    ranked = [*(c for c in by_name if c in local), *by_name, *by_region, *near]
    if "-" in wanted and base in languages:  # a known language with an unknown script or region: the language itself
        ranked.insert(0, base)
    return [c for c in dict.fromkeys(ranked) if c != wanted][:SUGGESTIONS]


def data_languages() -> list[str]:
    """Every language Babel has data for, as a bare code (about 300)."""
    return sorted({identifier.split("_")[0] for identifier in locale_identifiers()} - {"root"})


def one_edit(a: str, b: str) -> bool:
    """True when b is a with one letter changed, added, dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def same_language(a: str, b: str) -> bool:
    """True when two tags mean the same language in the same script and region (zh and zh-Hans-CN, iw and he)."""
    return maximal(a) == maximal(b) is not None


def parent(tag: Subtags) -> str:
    """CLDR's parent of a language or language-region (nb → no, pt-AO → pt-PT), '' for none given by CLDR."""
    exceptions = get_global("parent_exceptions")
    key = f"{tag.language}_{tag.region}" if tag.region else tag.language
    return str(exceptions.get(key, "")).replace("_", "-")


def closeness(catalog: str, wanted: str) -> int | None:
    """How well a catalog named `catalog` speaks the tag `wanted`: 0 exactly, 1 the language and script of a
    catalog for no region in particular, 2 a region CLDR derives from the catalog's, 3 CLDR's parent or child
    language (no and nb); None when it does not speak it."""
    have, want = maximal(catalog), maximal(wanted)
    if have is None or want is None or have.script != want.script:
        return None
    named_region = bool((written(catalog) or Subtags("")).region)
    if have.language == want.language:
        if have.region == want.region:
            return 0
        if not named_region:
            return 1
        return 2 if parent(want) == Subtags(have.language, "", have.region).code else None
    related = parent(Subtags(have.language)) == want.language or parent(Subtags(want.language)) == have.language
    return 3 if related and not named_region else None


@dataclass(frozen=True)
class Match:
    code: str | None
    """The catalog that speaks the tag; None when none does, or when several do equally well."""
    tied: tuple[str, ...] = ()
    """Catalogs that speak it equally well: the tag is ambiguous between them."""


def best_match(wanted: str, catalogs: list[str] | tuple[str, ...]) -> Match:
    """The catalog among `catalogs` (tags or Babel identifiers) that speaks `wanted` best."""
    scored = [(score, code) for code in catalogs if (score := closeness(code.replace("_", "-"), wanted)) is not None]
    if not scored:
        return Match(None)
    best = min(score for score, _code in scored)
    top = [code for score, code in scored if score == best]
    return Match(top[0]) if len(top) == 1 else Match(None, tuple(top))


def unknown_language(code: str, languages: tuple[str, ...], otherwise: str = "", country: str = "") -> str:
    """The message for a language code used somewhere that campaign.yml's `languages` does not list; `otherwise`:
    what to do when it is a real language under no other spelling. A code that is no language at all (`sp`) gets
    the campaign's closest language instead, never advice to add it or to write files in it."""
    listed = f"`{code}` is not one of the campaign's languages ({', '.join(languages)})"
    twin = next((lang for lang in languages if same_language(lang, code)), None)
    if twin:
        return f"{listed}: campaign.yml writes this language as `{twin}`, write it the same way here"
    if tag_problem(str(code), country) is None:
        return f"{listed}: {otherwise}" if otherwise else listed
    close = campaign_suggestions(str(code), languages, country)
    if not close:
        return f"{listed}, nor a language code CLDR knows: use one of those"
    names = [f"{lang} ({name})" if (name := english_name(lang)) else lang for lang in close]
    return (f"{listed}, nor a language code CLDR knows: did you mean {names[0]}?"
            + (f" (or {', '.join(names[1:])})" if names[1:] else ""))


def campaign_suggestions(code: str, languages: tuple[str, ...], country: str = "") -> list[str]:
    """The campaign's languages a mistyped code may mean, closest first (`sp` → es, `spanish` → es)."""
    bases = {lang: (written(lang) or Subtags(lang)).language for lang in languages}
    ranked = [lang for near in closest_codes(code, country) for lang in languages
              if bases[lang] == (written(near) or Subtags(near)).language]
    return list(dict.fromkeys(ranked))
