"""Site settings for the newsdigest sample digest (read by ``newsdigest build``).

Everything a newsdigest site needs comes from ``newsdigest.site.defaults``; this
file sets what is the sample's own. Any Pelican setting may be set here too.
"""

from newsdigest.site.defaults import *  # noqa: F403

SITENAME = "newsdigest"
SITESUBTITLE = "Ringkasan berita dunia"
SITEURL = ""
# The site's language: country and topic names and every UI string ("id" or "en").
DEFAULT_LANG = "id"
TIMEZONE = "UTC"

PATH = "content"
OUTPUT_PATH = "output"
# This repository's site is built with the theme's source; an installed newsdigest
# carries the same theme inside the package (THEME = "newsdigest").
THEME = "theme"
