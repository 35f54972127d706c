"""Pelican settings every newsdigest site starts from.

A site's settings file (``pelicanconf.py``; ``newsdigest init`` writes one)
imports these and sets what is its own: name, language, address, theme. Paths
(``PATH``, ``OUTPUT_PATH``, ``CACHE_PATH``) are relative to the settings file.
``THEME = "newsdigest"`` is the theme installed with the package; a path names
a theme folder of the site's own (this repository's site uses ``theme/``, the
theme's source).
"""

SITENAME = "newsdigest"
SITESUBTITLE = "Ringkasan berita dunia"
SITEURL = ""
AUTHOR = "newsdigest"

# The site's language: country and topic names and every UI string ("id" or "en").
DEFAULT_LANG = "id"
TIMEZONE = "UTC"
DEFAULT_DATE_FORMAT = "%d %b %Y"

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
OUTPUT_PATH = "output"
THEME = "newsdigest"  # the packaged theme (newsdigest.site.build.packaged_theme)
PLUGINS = ["newsdigest.site"]
# Posts are read by the plugin (markdown-it-py); no other formats in content/.
READERS = {"rst": None, "html": None, "htm": None}

# Posts are one language each, not translations of one another.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Relative links: the site works from any folder or sub-path.
RELATIVE_URLS = True
# datepath is YYYY/MM/DD, set by the newsdigest reader (cheaper than {date:%Y}/...).
ARTICLE_URL = "{datepath}/{slug}/"
ARTICLE_SAVE_AS = "{datepath}/{slug}/index.html"
# Articles in another language than the site's live at the same kind of address.
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
ARCHIVES_SAVE_AS = "archives/index.html"
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "archives"]
PAGINATED_TEMPLATES = {"term": None}
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Countries, topics and tags come from the newsdigest plugin; Pelican's own
# categories, authors and tag pages are off.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
DEFAULT_CATEGORY = "news"

FEED_DOMAIN = SITEURL
# The site's feeds, Atom and RSS 2.0; every country, topic and tag has both too
# (countries/japan/feed.xml, countries/japan/rss.xml). Ids, titles, authors (the
# source agency) and categories: newsdigest/site/feeds.py. None leaves a format out.
FEED_ATOM = "feed.xml"
FEED_RSS = "rss.xml"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 50

# Each build makes its own template environment (a rebuild by ``newsdigest serve`` too), so
# templates need not be checked for changes on every page they render.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}
# Articles are kept between builds under their post file's stamp (incremental.stamp_of), so a
# rebuild reads only new and changed posts (newsdigest/site/kept.py, the articles'
# generator's cache; Pelican's cache of parsed posts, the readers', is then off).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "generator"
CACHE_PATH = "cache"
# Rebuilds keep the output folder: unchanged article pages are not rendered again, and
# pages the site no longer has are removed (newsdigest/site/incremental.py).
DELETE_OUTPUT_DIRECTORY = False

# Links that end in index.html (countries/japan/index.html instead of countries/japan/),
# so the built site opens from disk (file://) as well as from a web server: a browser
# shows a folder address from disk as a file listing. Off by default: folder addresses
# are what servers, search engines and readers of a shared link expect, and search
# needs a server anyway (`newsdigest serve`). Canonical addresses, the sitemap and the
# feeds use folder addresses either way.
INDEX_HTML_LINKS = False
