"""Inputs as editors receive them, made from known articles: feeds and saved pages.

Each maker takes an article's known parts (headline, paragraphs, date, outlet,
address) and wraps them as the web does, so a benchmark or a test can check
that reading the wrapped form gives the known parts back. Three page layouts,
each with what surrounds an article on a real site: navigation, "Baca juga"
boxes (one rendered as a table), share buttons, advertising slots, comments,
related links and footers.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape
from pathlib import Path

LAYOUTS = ("portal", "blog", "wire")


@dataclass(frozen=True)
class Known:
    """An article and the metadata its page or feed entry carries."""

    title: str
    paragraphs: tuple[str, ...]
    date: dt.date
    source: str
    url: str
    lang: str = "id"


def _nav() -> str:
    links = "".join(
        f'<li><a href="/{s.lower()}">{s}</a></li>'
        for s in ("News", "Finance", "Sport", "Oto", "Travel", "Food", "Health", "Indeks")
    )
    return f'<header class="site-header"><nav><ul class="menu">{links}</ul></nav></header>'


def _related(lang: str) -> str:
    heading = "Berita Terkait" if lang == "id" else "Related stories"
    items = "".join(
        f'<li><a href="/r/{n}">{t}</a></li>'
        for n, t in enumerate(
            (
                "Harga Cabai Rawit di Pasar Induk Naik Lagi Jelang Akhir Tahun",
                "Pemerintah Kota Bahas Rencana Penataan Pedagang Kaki Lima",
                "Five Things To Know Before The Markets Open On Monday",
            )
        )
    )
    return f'<aside class="related"><h3>{heading}</h3><ul>{items}</ul></aside>'


def _comments(lang: str) -> str:
    texts = (
        "Semoga pemerintah cepat tanggap dan masalah ini segera selesai, kasihan warga.",
        "Berita seperti ini harus terus diberitakan supaya semua pihak tahu keadaannya.",
        "I have been following this for weeks and nobody in charge seems to care at all.",
    )
    items = "".join(
        f'<li class="comment"><div class="comment-author">Pembaca {n}</div>'
        f'<div class="comment-body"><p>{escape(t)}</p></div></li>'
        for n, t in enumerate(texts)
    )
    heading = "KOMENTAR" if lang == "id" else "Comments"
    return f'<section id="comments" class="comments"><h2>{heading}</h2><ol>{items}</ol></section>'


def _footer() -> str:
    return (
        '<footer class="site-footer"><p>Redaksi | Pedoman Media Siber | Karir | Kotak Pos</p>'
        "<p>Copyright © 2025 Media Nusantara. All rights reserved.</p></footer>"
    )


def _paragraphs(known: Known, interrupt: str, every: int = 3) -> str:
    parts = []
    for index, paragraph in enumerate(known.paragraphs, start=1):
        parts.append(f"<p>{escape(paragraph)}</p>")
        if index % every == 0 and index < len(known.paragraphs):
            parts.append(interrupt)
    return "\n".join(parts)


def page(known: Known, layout: str) -> str:
    """A saved article page in one of LAYOUTS."""
    title = escape(known.title)
    iso = known.date.isoformat()
    if layout == "portal":
        baca = (
            '<table class="linksisip"><tr><td><strong>Baca juga:</strong> '
            '<a href="/x">Warga Keluhkan Jalan Rusak di Kawasan Industri</a></td></tr></table>'
        )
        body = _paragraphs(known, baca)
        head = (
            f'<meta property="og:title" content="{title}">'
            f'<meta property="og:site_name" content="{escape(known.source)}">'
            f'<meta property="article:published_time" content="{iso}T10:15:00+07:00">'
            f'<link rel="canonical" href="{escape(known.url)}">'
            f"<title>{title} - {escape(known.source)}</title>"
        )
        main = (
            f'<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a></div>'
            f'<article class="detail"><h1 class="detail__title">{title}</h1>'
            f'<div class="detail__date">{iso} 10:15 WIB</div>'
            f'<div class="detail__body-text">{body}'
            f'<p class="para_caption"><strong>Baca juga:</strong> '
            f'<a href="/y">Polisi Selidiki Penyebab Kebakaran Gudang</a></p>'
            '<div class="parallaxindetail">SCROLL TO CONTINUE WITH CONTENT</div>'
            '</div><div class="detail__body-tag"><a href="/tag/a">ekonomi</a>'
            '<a href="/tag/b">nasional</a></div></article>'
        )
        return _document(known.lang, head, _nav() + main + _related(known.lang)
                         + _comments(known.lang) + _footer())  # fmt: skip
    if layout == "blog":
        ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "name": known.source, "url": "https://blog.example/"},
                    {
                        "@type": "NewsArticle",
                        "headline": known.title,
                        "datePublished": f"{iso}T08:00:00Z",
                        "publisher": {"@type": "Organization", "name": known.source},
                    },
                ],
            }
        )
        share = (
            '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a>'
            ' <a href="#">WhatsApp</a></div>'
        )
        body = _paragraphs(known, share, every=100)
        head = (
            f'<script type="application/ld+json">{ld}</script>'
            f'<link rel="canonical" href="{escape(known.url)}">'
            f"<title>{title} | {escape(known.source)}</title>"
        )
        main = (
            '<div id="page"><aside id="sidebar"><h3>Popular posts</h3><ul>'
            '<li><a href="/p/1">Cara Mudah Mengurus Paspor Secara Online Tanpa Antre</a></li>'
            '<li><a href="/p/2">Daftar Lengkap Libur Nasional dan Cuti Bersama Tahun Depan</a></li>'
            "</ul></aside>"
            f'<article class="post"><header><h1 class="entry-title">{title}</h1>'
            f'<time class="entry-date" datetime="{iso}T08:00:00Z">{iso}</time></header>'
            f'<div class="entry-content">{body}</div>{share}'
            '<div class="author-box"><p>Penulis adalah wartawan yang meliput isu perkotaan'
            " dan lingkungan sejak 2010.</p></div></article></div>"
        )
        return _document(known.lang, head, _nav() + main + _comments(known.lang) + _footer())
    if layout == "wire":
        ad = '<div class="ad-slot"><span>Advertisement</span></div>'
        body = _paragraphs(known, ad, every=2)
        head = (
            f'<meta name="application-name" content="{escape(known.source)}">'
            f'<meta property="og:url" content="{escape(known.url)}">'
            f"<title>{title} | {escape(known.source)}</title>"
        )
        main = (
            f'<main><article><header><h1>{title}</h1><p class="byline">By Staff Reporter</p>'
            f'<time datetime="{iso}">{iso}</time></header>'
            f'<div class="article-body">{body}</div></article>'
            '<div class="newsletter"><h3>Get the morning briefing</h3>'
            "<p>Sign up for our newsletter to receive the top stories every day.</p>"
            '<form><input type="email"><button>Subscribe</button></form></div></main>'
        )
        return _document(known.lang, head, _nav() + main + _related(known.lang) + _footer())
    raise ValueError(f"unknown layout {layout!r}")


def _document(lang: str, head: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    )


def rss(title: str, items: list[Known], per_item_source: bool = False) -> str:
    """An RSS 2.0 feed whose entries carry the full text as HTML in ``<description>``."""
    entries = []
    for known in items:
        when = dt.datetime.combine(known.date, dt.time(9, 30), dt.timezone(dt.timedelta(hours=7)))
        content = "".join(f"<p>{escape(p)}</p>" for p in known.paragraphs)
        source = f'<source url="{escape(known.url)}">{escape(known.source)}</source>'
        entries.append(
            f"<item><title>{escape(known.title)}</title><link>{escape(known.url)}</link>"
            f'<guid isPermaLink="true">{escape(known.url)}</guid>'
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<description>{escape(content)}</description>"
            f"{source if per_item_source else ''}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>"
        f"<description>{escape(title)}</description>{''.join(entries)}</channel></rss>"
    )


def atom(title: str, items: list[Known]) -> str:
    """An Atom feed with the text in ``<content type="html">``."""
    entries = []
    for known in items:
        content = "".join(f"<p>{escape(p)}</p>" for p in known.paragraphs)
        entries.append(
            f"<entry><title>{escape(known.title)}</title>"
            f'<link rel="alternate" href="{escape(known.url)}"/><id>{escape(known.url)}</id>'
            f"<published>{known.date.isoformat()}T06:00:00+00:00</published>"
            f"<updated>{known.date.isoformat()}T06:00:00+00:00</updated>"
            f'<content type="html">{escape(content)}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>https://news.example/</id>"
        f"<updated>2025-12-31T00:00:00Z</updated>{''.join(entries)}</feed>"
    )


def word_f1(found: str, known: str) -> float:
    """Word-overlap F1 of two texts (multisets of case-folded words)."""
    from collections import Counter

    a, b = Counter(found.casefold().split()), Counter(known.casefold().split())
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def labelled_articles(corpus: Path, outlet: str = "Media Nusantara") -> list[tuple[str, Known]]:
    """(file name, known parts) of each labelled article of a corpus whose label has a
    date: the text as newsdigest parses it, the label's date, the credited source (else
    ``outlet``) and an address made from the file name."""
    from newsdigest.evaluation import load_labels
    from newsdigest.parse import decode, parse_text

    found = []
    for label in load_labels(corpus):
        if not label.get("date"):
            continue
        parsed = parse_text(decode((corpus / "articles" / label["file"]).read_bytes()))
        stem = Path(label["file"]).stem
        found.append(
            (
                label["file"],
                Known(
                    parsed.headline,
                    parsed.paragraphs,
                    dt.date.fromisoformat(label["date"]),
                    label.get("source") or outlet,
                    f"https://news.example/{corpus.name}/{stem}",
                    label.get("lang") or "id",
                ),
            )
        )
    return found
