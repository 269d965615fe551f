#!/usr/bin/env python3
"""The python-feedgen side of bench/compare.sh: builds the same feeds wirefeed builds
from a gen_corpus.py Markdown folder, doing the same work in Python.

For every article: YAML front matter (PyYAML, C loader when present) + Markdown body
(python-markdown) to HTML, photos as <figure> with caption and credit. Items sorted
newest first. Written with feedgen, RSS 2.0 and Atom 1.0 each:
  - the main feed: the newest LIMIT items, full content;
  - archive pages of LIMIT items covering every other item (as wirefeed's RFC 5005 pages);
  - one feed per tag with the tag's newest LIMIT items.

usage: feedgen_build.py MD_DIR OUT_DIR [LIMIT]
"""

import datetime
import html
import os
import re
import sys

import markdown
import yaml
from feedgen.feed import FeedGenerator

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader

SITE = "https://news.example.com/"


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    meta = yaml.load(m.group(1), Loader=Loader) if m else {}
    body = m.group(2) if m else text
    content = markdown.markdown(body)
    for p in meta.get("photos") or []:
        content += '<figure><img src="%s"><figcaption>%s <small>%s</small></figcaption></figure>' % (
            html.escape(p.get("image", "")),
            html.escape(p.get("caption", "")),
            html.escape(p.get("credit", "")),
        )
    date = meta["date"]
    if isinstance(date, str):
        date = datetime.datetime.fromisoformat(date)
    stem = os.path.splitext(os.path.basename(path))[0]
    return {
        "id": SITE + stem,
        "title": meta.get("title", stem),
        "date": date,
        "summary": meta.get("summary") or "",
        "tags": meta.get("tags") or [],
        "content": content,
    }


def write(items, out, name):
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.id(SITE + name)
    fg.title("Bench " + name)
    fg.link(href=SITE, rel="alternate")
    fg.link(href=SITE + name + "/atom.xml", rel="self")
    fg.description("Benchmark feed")
    fg.author({"name": "Bench"})
    for it in reversed(items):  # feedgen prepends entries: add oldest first
        fe = fg.add_entry()
        fe.id(it["id"])
        fe.title(it["title"])
        fe.link(href=it["id"])
        fe.published(it["date"])
        fe.updated(it["date"])
        fe.description(it["summary"])
        fe.content(it["content"], type="CDATA")
        for t in it["tags"]:
            fe.category(term=t)
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    fg.rss_file(os.path.join(d, "rss.xml"))
    fg.atom_file(os.path.join(d, "atom.xml"))


def main():
    md_dir, out = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    items = []
    for root, _, files in os.walk(md_dir):
        for f in sorted(files):
            if f.endswith(".md"):
                items.append(load(os.path.join(root, f)))
    items.sort(key=lambda i: (-i["date"].timestamp(), i["id"]))
    write(items[:limit], out, "main")
    rest = items[limit:]
    # Archive pages, oldest first, LIMIT items each.
    for k, end in enumerate(range(len(rest), 0, -limit), start=1):
        write(rest[max(0, end - limit):end], out, "archive/%d" % k)
    tags = {}
    for it in items:
        for t in it["tags"]:
            tags.setdefault(t, [])
            if len(tags[t]) < limit:
                tags[t].append(it)
    for t, its in sorted(tags.items()):
        write(its, out, "tags/" + re.sub(r"[^a-z0-9]+", "-", t.lower()))
    print("feedgen: %d items, %d tags" % (len(items), len(tags)))


if __name__ == "__main__":
    main()
