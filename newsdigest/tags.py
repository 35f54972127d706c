"""One tag page per entity: which tag strings name the same person or organisation.

Articles name an entity in several ways: an acronym and its expansion
(``Kemenkeu``, ``Kementerian Keuangan``), a short and a full name (``Sri
Mulyani``, ``Sri Mulyani Indrawati``), a company with and without its legal
form (``Burdett Publications Inc``), a nickname (``Gus Ipul`` for ``Saifullah
Yusuf``). Tags are joined when the posts tie them together:

- an ``Organizations:`` entry ``Long Name (ACR)`` ties ``ACR`` to ``Long Name``;
- a person tag that is the first or last words of exactly one longer person tag
  of the site is that person;
- a one-word organisation tag that abbreviates exactly one longer organisation
  tag is that organisation: its initials (``BRI``, ``Kementerian PU``) or the
  first letters of its words in turn (``Kemensos``, ``Kemenkeu``);
- the same name up to case, punctuation and a company's legal form is one tag;
- a nickname in the alias table (``data/aliases.json``) is its full name.

The canonical name of a group is the fullest form (an expansion over its
acronym, a full name over a short one); the others are its aliases. The same
rules serve the build (tag pages, alias redirects) and the benchmark (entities
split over two tag pages), so both count the same pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from newsdigest.slugs import slug_for
from newsdigest.vocabulary import load_json

# "Badan Gizi Nasional (BGN)"; a regional office's acronym carries its region:
# "Kejaksaan Negeri Jayawijaya (Kejari Jayawijaya)".
_ACRONYM_SUFFIX = re.compile(
    r"^(?P<long>.+?) \((?P<acronym>[A-Za-z][A-Za-z&.-]{1,11}(?: [A-Z][\w'-]+){0,3})\)$"
)
_LEGAL_FORMS = {
    "inc", "corp", "corporation", "co", "ltd", "plc", "llc", "tbk", "persero", "ag", "sa",
    "nv", "bv", "gmbh", "pty", "pt",
}  # fmt: skip


@cache
def nicknames() -> dict[str, str]:
    """Nickname (case-folded) -> full name, from the package's alias table."""
    data = load_json("newsdigest", "aliases.json", {"nicknames": dict})
    return {nick.casefold(): full for nick, full in data["nicknames"].items()}


@lru_cache(maxsize=1 << 16)  # asked for the same names over and over
def tag_key(name: str) -> str:
    """A tag's identity up to case, punctuation and a company's legal form."""
    words = re.findall(r"[^\W_]+", name.casefold())
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    while len(words) > 1 and words[0] == "pt":
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def split_acronym(organization: str) -> tuple[str, str | None]:
    """``Badan Gizi Nasional (BGN)`` -> (``Badan Gizi Nasional``, ``BGN``)."""
    match = _ACRONYM_SUFFIX.match(organization)
    if match is None:
        return organization, None
    return match["long"], match["acronym"]


@dataclass
class Entity:
    """One tag page: its name, slug and the other forms the site uses for it."""

    name: str
    slug: str
    aliases: list[str] = field(default_factory=list)


class TagNames:
    """Tags of a whole site, joined into entities (feed it every article, then ``resolve``)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._forms: dict[str, Counter[str]] = {}  # key -> the spellings used, with counts
        self._people: set[str] = set()
        self._organizations: set[str] = set()
        self._full: set[str] = set()  # keys known as the long form of an acronym
        self._mentions: Counter[str] = Counter()  # key -> posts naming it (tag or body)

    def add(
        self, tags: Iterable[str], people: Iterable[str] = (), organizations: Iterable[str] = ()
    ) -> None:
        """One article's tags and the names its post lists."""
        for tag in tags:
            self._form(tag)
        self._people.update(tag_key(p) for p in people)
        for organization in organizations:
            long_name, acronym = split_acronym(organization)
            self._organizations.update(tag_key(n) for n in (long_name, acronym) if n)
            if acronym is not None:
                self._union(self._form(acronym, count=0), self._form(long_name, count=0))
                self._full.add(tag_key(long_name))
            self._mentions[tag_key(long_name)] += 1

    def resolve(self) -> dict[str, Entity]:
        """Every tag spelling seen -> its entity."""
        nick = nicknames()
        for key in list(self._forms):
            full = nick.get(key)
            if full is not None:
                self._union(key, self._form(full, count=0))
        self._join_short_names()
        self._join_abbreviations()
        self._join_country_prefixes()
        groups: dict[str, list[str]] = {}
        for key in self._forms:
            groups.setdefault(self._find(key), []).append(key)
        result: dict[str, Entity] = {}
        for keys in groups.values():
            used = [k for k in keys if sum(self._forms[k].values())]
            if not used:
                continue  # only named in an Organizations: entry, never a tag
            # The fullest form; among equally full ones the most used (a misspelling is
            # rarer than the name).
            best = max(
                keys,
                key=lambda k: (
                    k in self._full,
                    len(k.split()),
                    self._mentions[k] + sum(self._forms[k].values()),
                    k,
                ),
            )
            name = self._forms[best].most_common(1)[0][0]
            spellings = [s for k in keys for s in self._forms[k] if self._forms[k][s] or k == best]
            entity = Entity(
                name,
                slug_for(name),
                sorted({s for s in spellings if s != name}, key=lambda s: (s.casefold(), s)),
            )
            for spelling in spellings:
                result[spelling] = entity
        return result

    def _join_short_names(self) -> None:
        """A person named by the first or last words of one longer person tag is that person.

        Not organisations: "National Bank" is a name of its own, not the start of
        "National Bank of Canada".
        """
        # Longest first ("Prabowo Subianto" joins its longer form first), then by name:
        # the joins do not depend on the order of a set.
        names = sorted((k for k in self._people if k in self._forms), key=lambda k: (-len(k), k))
        # The first and last words of each name -> the longer names they open or end: one
        # look-up per name, not a comparison with every other name of the site.
        # A name that opens one longer name and ends another is that one's first name
        # ("Prabowo": Prabowo Subianto, not Listyo Sigit Prabowo).
        opens: dict[tuple[str, ...], set[str]] = {}
        ends: dict[tuple[str, ...], set[str]] = {}
        for name in names:
            words = name.split()
            for size in range(1, len(words)):
                opens.setdefault(tuple(words[:size]), set()).add(name)
                ends.setdefault(tuple(words[-size:]), set()).add(name)
        for short in names:
            short_words = tuple(short.split())
            fits = []  # (posts tagging the longer names, the first name first, root)
            for rank, index in enumerate((opens, ends)):
                keys = index.get(short_words, set())
                roots = {self._find(k) for k in keys}
                if len(roots) == 1:
                    used = sum(sum(self._forms[k].values()) for k in keys)
                    fits.append((used, -rank, roots.pop()))
            if fits:
                # opening one name and ending another: the one more posts tag, the first
                # name on a tie ("Wenger": Arsene Wenger, not a stray "Wenger Bayern")
                self._union(max(fits)[2], short)

    def _join_abbreviations(self) -> None:
        """A one-word organisation tag that abbreviates exactly one longer one is that one."""
        names = sorted(k for k in self._organizations if k in self._forms)
        trie = _Trie.of(k for k in names if len(k.split()) >= 2)
        for short in names:
            if " " in short and not short.split()[-1].isalpha():
                continue
            found = trie.abbreviated(short.replace(" ", ""))
            # An acronym in capitals (MPR) takes one letter a word; a short name in mixed
            # case (Kemensos) may take more.
            initials = any(spelling.isupper() for spelling in self._forms[short])
            matches = [k for k in found if k != short and abbreviates(short, k, initials)]
            if len(matches) == 1:
                self._union(short, matches[0])

    def _join_country_prefixes(self) -> None:
        """A body named with and without its country before it ("U.S. Agriculture
        Department", "Agriculture Department") or its country's abbreviation after it
        ("DPR RI", "DPR") is one, when the site names only one country's form of it (not
        every "National Bank" is the Swiss one otherwise)."""
        # imported here: newsdigest.extract's entities use this module's rules
        from newsdigest.extract.gazetteer import short_place_names
        from newsdigest.extract.tokens import key

        places = short_place_names()
        prefixed: dict[str, set[str]] = {}
        for name in sorted(k for k in self._organizations if k in self._forms):
            words = key(self._forms[name].most_common(1)[0][0])
            for size in (2, 1):
                if len(words) - size >= 2 and words[:size] in places:
                    prefixed.setdefault(tag_key(" ".join(words[size:])), set()).add(name)
                    break
            # or after it, in capitals ("DPR RI", "Kejaksaan RI"): the country's own body
            if len(words) >= 2 and words[-1].isupper() and words[-1:] in places:
                prefixed.setdefault(tag_key(" ".join(words[:-1])), set()).add(name)
        for bare, names in sorted(prefixed.items()):
            if bare in self._forms and bare in self._organizations:
                roots = {self._find(n) for n in names}
                if len(roots) == 1:
                    self._union(roots.pop(), bare)

    def _form(self, spelling: str, count: int = 1) -> str:
        key = tag_key(spelling)
        forms = self._forms.setdefault(key, Counter())
        forms[spelling] += count
        self._parent.setdefault(key, key)
        return key

    def _find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _union(self, a: str, b: str) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a != root_b:
            self._parent[root_b] = root_a


_CONNECTORS = {"dan", "and", "of", "for", "the", "untuk", "&", "de", "du", "des"}


class _Trie:
    """Long organisation names word by word, to find the ones a short form may abbreviate
    without trying each (a site has tens of thousands): ``abbreviates``'s rule, walked
    only along words that can give the short form's next two letters."""

    __slots__ = (
        "by_initial", "by_pair", "children", "connectors", "initials", "key", "most", "need",
    )  # fmt: skip

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.key: str | None = None  # the name that ends here
        self.by_initial: dict[str, list[tuple[str, _Trie]]] = {}
        # (first letter, next letter of the short form) -> the words that can give them:
        # the word's own second letter, or the initial of a word after it
        self.by_pair: dict[tuple[str, str], list[tuple[str, _Trie]]] = {}
        self.connectors: list[_Trie] = []  # the children after a connector word
        self.initials: set[str] = set()  # first letters the next word can give
        self.need = 0  # the fewest letters a form must still have from here to a name's end
        self.most = 0  # the most letters it can still have (every word whole)

    @classmethod
    def of(cls, names: Iterable[str]) -> _Trie:
        root = cls()
        for name in names:
            node = root
            for word in name.split():
                node = node.children.setdefault(word, cls())
            node.key = name
        root._index()
        return root

    def _index(self) -> None:
        needs = [0] if self.key is not None else []
        for word, child in self.children.items():
            child._index()
            if word in _CONNECTORS:
                self.connectors.append(child)
                self.initials |= child.initials  # a connector may give no letter
            self.initials.add(word[0])
            needs.append(child.need + (word not in _CONNECTORS))
            self.most = max(self.most, child.most + len(word))
        self.need = min(needs, default=0)
        for word, child in self.children.items():
            self.by_initial.setdefault(word[0], []).append((word, child))
            seconds = child.initials | ({word[1]} if len(word) > 1 else set())
            for second in seconds:
                self.by_pair.setdefault((word[0], second), []).append((word, child))

    def abbreviated(self, target: str) -> set[str]:
        """The names ``target`` may abbreviate (a superset of ``abbreviates``'s answer)."""
        found: set[str] = set()
        stack, seen = [(self, 0)], set()
        while stack:
            node, position = stack.pop()
            if (id(node), position) in seen:
                continue
            seen.add((id(node), position))
            left = len(target) - position
            if left == 0:
                if node.key is not None:
                    found.add(node.key)
                stack.extend((c, position) for c in node.connectors if c.need == 0)
                continue
            # a connector may give no letter
            stack.extend((c, position) for c in node.connectors if c.need <= left <= c.most)
            if left == 1:
                words = node.by_initial.get(target[position], ())
            else:
                words = node.by_pair.get((target[position], target[position + 1]), ())
            for word, child in words:
                # the word gives 1 to len(word) letters, leaving what the rest can take
                low, high = max(1, left - child.most), min(len(word), left - child.need)
                size = 1
                while size <= high and target[position + size - 1] == word[size - 1]:
                    if size >= low:
                        stack.append((child, position + size))
                    size += 1
        return found


@lru_cache(maxsize=1 << 16)  # a text asks about the same names again and again
@lru_cache(maxsize=1 << 16)  # a text's bodies are compared with each other again and again
def abbreviates(short: str, long_name: str, initials: bool = False) -> bool:
    """Whether ``short`` (a tag key) abbreviates ``long_name``: each word of the long name,
    in order, gives the next letters of the short one (its first letter at least), words
    the short form shares are kept whole, and connectors may give nothing.
    ``bri`` / ``bank rakyat indonesia``, ``kemensos`` / ``kementerian sosial``,
    ``kementerian pu`` / ``kementerian pekerjaan umum``. With ``initials``, a word gives
    its first letter only (or, shared whole, all of it)."""
    target = short.replace(" ", "")
    words = long_name.split()
    if len(target) < 2 or len(words) < 2 or target == long_name.replace(" ", ""):
        return False
    if words[0] not in _CONNECTORS and target[0] != words[0][0]:
        return False  # the first word gives the first letter: what fits(0, 0) would find

    @cache
    def fits(position: int, word: int) -> bool:
        if word == len(words):
            return position == len(target)
        current = words[word]
        if current in _CONNECTORS and fits(position, word + 1):
            return True
        sizes = (1, len(current)) if initials else range(1, len(current) + 1)
        return any(
            target.startswith(current[:size], position) and fits(position + size, word + 1)
            for size in sizes
        )

    return fits(0, 0)
