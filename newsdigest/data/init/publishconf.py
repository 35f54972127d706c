"""Settings for publishing: pelicanconf.py plus the site's absolute address.

``newsdigest build --settings publishconf.py`` gives feeds and sitemap.xml with
absolute URLs. Set the address here or in the environment:
``NEWSDIGEST_SITEURL=https://example.org/digest``. There is no default: a site
published under a made-up address would have feeds and a sitemap pointing
elsewhere, so ``newsdigest publish`` stops when the address is missing. Pages
keep relative links, so the same folder works under any sub-path.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("NEWSDIGEST_SITEURL", "").strip().rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = True
