"""The floor of a rebuild on Pelican's own reading: start, read every post from its cache.

    .venv/bin/python bench/pelican_floor.py SETTINGS

Plain Pelican (no plugins, its default theme) with its content cache on: it
starts, loads the cache, checks every post's modification time, makes each
post's Article and the site's context (dates, categories, tags), rewrites its
cache as every Pelican build does, and renders no page. Every build that reads
its posts through Pelican's cache does at least this however little changed;
bench/run.py times it on the same posts, after a run that filled the cache, beside
our rebuilds, with the cache uncompressed and the process ending without freeing
its objects one by one (as our command does). Our build keeps the Articles
themselves between builds (newsdigest/site/kept.py) and makes only the new ones,
so this is plain Pelican's floor, not ours.
"""

from __future__ import annotations

import os
import sys

from pelican import Pelican
from pelican.settings import read_settings


def read_site(settings_file: str) -> int:
    """Run every generator's ``generate_context`` and return the number of articles read."""
    pelican = Pelican(read_settings(settings_file))
    context = pelican.settings.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=pelican.settings["SITEURL"],
    )
    generators = [
        cls(
            context=context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
    return len(context["articles"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if read_site(sys.argv[1]) == 0:
        sys.exit("no articles read")
    sys.stdout.flush()
    os._exit(0)
