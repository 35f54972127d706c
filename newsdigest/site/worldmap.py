"""The world map of the countries index: inline SVG generated at build time.

The country shapes come from the world map that the pygal_maps_world package
ships (one SVG group per ISO 3166-1 code); nothing is fetched. Each outline is
redrawn as a polyline through its points on a whole-unit grid (the map is 2475
units wide, so a unit is under half a pixel at page width), which makes it a
fraction of the original size. Each covered country is a link to its page,
shaded by its number of articles.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from markupsafe import Markup, escape

from newsdigest.site.cachefiles import write_atomic_bytes

logger = logging.getLogger(__name__)

_SVG = "{http://www.w3.org/2000/svg}"
_PATH_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")
# Numbers each path command takes; curves keep only their end point.
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "z": 0}
SHADES = 5
# Antarctica has no news of its own here and would take a fifth of the map's height.
LEFT_OUT = frozenset({"AQ"})
VIEW_BOX = "0 0 2475 1180"


SHAPES_CACHE = "worldmap-shapes.json"


def cached_shapes(cache_path: str | None) -> tuple[str, dict[str, str]]:
    """``country_shapes``, kept between builds in the cache folder: drawing the outlines
    again takes longer than the rest of the map. Kept under a hash of the shipped map and
    of this module, so either changing draws them again."""
    if not cache_path:
        return country_shapes()
    source = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_bytes()
    key = hashlib.sha256(source + Path(__file__).read_bytes()).hexdigest()
    path = Path(cache_path) / SHAPES_CACHE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key and isinstance(data.get("shapes"), dict):
            return str(data["view_box"]), {str(k): str(v) for k, v in data["shapes"].items()}
    except (OSError, ValueError, AttributeError, TypeError):
        pass  # none yet, or damaged: drawn again below
    view_box, shapes = country_shapes()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"key": key, "view_box": view_box, "shapes": shapes})
        write_atomic_bytes(path, text.encode("utf-8"))
    except OSError as error:
        logger.warning("world map cache %s not saved: %s", path, error)
    return view_box, shapes


@cache
def country_shapes() -> tuple[str, dict[str, str]]:
    """(viewBox, ISO code -> SVG path data) from the shipped world map."""
    source = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_text()
    root = ET.fromstring(source)
    shapes: dict[str, str] = {}
    for group in root.iter(f"{_SVG}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes:
            continue
        code = classes[0].upper()
        if code in LEFT_OUT:
            continue
        shapes[code] = "".join(_simplify(path.get("d", "")) for path in group.iter(f"{_SVG}path"))
    return VIEW_BOX, shapes


def _simplify(path: str) -> str:
    """An SVG outline as absolute polylines on the whole-unit grid, repeated points dropped."""
    tokens = _PATH_TOKEN.findall(path)
    x = y = start_x = start_y = 0.0
    rings: list[list[tuple[int, int]]] = []
    command = "m"
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "zZ":
                x, y = start_x, start_y
                continue
        lower = command.lower()
        values = [float(t) for t in tokens[i : i + _ARITY[lower]]]
        i += _ARITY[lower]
        relative = command.islower()
        if lower == "h":
            x = values[0] + (x if relative else 0)
        elif lower == "v":
            y = values[0] + (y if relative else 0)
        else:
            x, y = (values[-2] + x, values[-1] + y) if relative else (values[-2], values[-1])
        if lower == "m":
            start_x, start_y = x, y
            rings.append([])
            command = "l" if relative else "L"  # pairs after a moveto are linetos
        point = (round(x), round(y))
        if rings and (not rings[-1] or rings[-1][-1] != point):
            rings[-1].append(point)
    return "".join(
        "M" + " ".join(f"{px} {py}" for px, py in ring) + "Z" for ring in rings if len(ring) > 2
    )


def shade(count: int, most: int) -> int:
    """1..SHADES on a logarithmic scale, so one article still shows against a hundred."""
    if count <= 0 or most <= 0:
        return 0
    return 1 + min(SHADES - 1, int(SHADES * math.log1p(count) / math.log1p(most + 1)))


def render_world_map(
    counts: Mapping[str, int],
    urls: Mapping[str, str],
    labels: Mapping[str, str],
    title: str,
    description: str,
    cache_path: str | None = None,
) -> Markup:
    """The map as inline SVG; ``labels`` are the accessible names ("Jepang: 3 artikel")."""
    view_box, shapes = cached_shapes(cache_path)
    most = max(counts.values(), default=0)
    parts = [
        # No role="img": the map holds links, one per covered country. Its <title>
        # and <desc> name and describe it.
        f'<svg class="world-map" viewBox="{view_box}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="world-map-title">{escape(title)}</title>',
        f'<desc id="world-map-desc">{escape(description)}</desc>',
    ]
    for code, path in shapes.items():
        count = counts.get(code, 0)
        if count and code in urls:
            label = escape(labels[code])
            parts.append(
                f'<a href="{escape(urls[code])}" aria-label="{label}" data-country="{code}">'
                f'<path class="shade-{shade(count, most)}" d="{path}"><title>{label}</title>'
                "</path></a>"
            )
        else:
            parts.append(f'<path class="shade-0" d="{path}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
