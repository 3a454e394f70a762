"""Pelican settings shared by every language of every campaign.

The build (campaign/site/render.py, generator.py) runs Pelican once per language and overrides the
per-run values: PATH, OUTPUT_PATH, SITEURL, DEFAULT_LANG and CAMPAIGN_WORK (what to render).
Pelican's own readers and page generators are switched off: content is read and
validated by campaign/content/load.py, which reports every mistake with file and line,
and pages are written by the CampaignGenerator plugin in campaign/site/generator.py.
"""
from jinja2 import StrictUndefined

THEME = "theme"
PLUGINS = ["campaign.site.generator"]

# Pelican's own content model is not used (see above).
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
TEMPLATE_PAGES: dict[str, str] = {}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False  # every language writes into the same staging folder
TIMEZONE = "UTC"

# Theme assets are copied once, by the run of the first language, to /static/.
THEME_STATIC_DIR = "static"
THEME_STATIC_PATHS = ["static"]

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "undefined": StrictUndefined,  # a typo in a template fails the build instead of printing nothing
    "auto_reload": False,  # templates do not change during a run: no stat() of three files for every page
}
