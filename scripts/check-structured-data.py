#!/usr/bin/env python3
"""What a metadata parser finds on a built page, read with extruct (the
library search and archive crawlers use), against what the build's own
facts.json says the story holds.

    python3 scripts/check-structured-data.py public/

A story that is not `final` must be one `LiveBlogPosting` with
`coverageStartTime` and one `liveBlogUpdate` per update, each a
`BlogPosting` with headline, articleBody and datePublished, whose `url`
(with a base URL) ends in an anchor the page has; a final one a
`NewsArticle` with `coverageEndTime` and no updates. Prints what it found
and exits 1 on the first disagreement.
"""

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

import extruct


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def fail(message):
    print(f"structured data: {message}", file=sys.stderr)
    sys.exit(1)


def main(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    facts = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    found = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    if len(found) != 1:
        fail(f"{len(found)} JSON-LD blocks, not 1")
    item = found[0]
    ids = Ids()
    ids.feed(html)
    updates = facts.get("updates", [])
    final = facts["article"].get("final")
    if final:
        if item.get("@type") != "NewsArticle":
            fail(f"a final story is a {item.get('@type')}, not a NewsArticle")
        if item.get("coverageEndTime") != final:
            fail(f"coverageEndTime is {item.get('coverageEndTime')}, not {final}")
        if "liveBlogUpdate" in item:
            fail("a final story still lists live updates")
        print(f"NewsArticle, coverage ended {final}")
        return
    if item.get("@type") != "LiveBlogPosting":
        fail(f"a developing story is a {item.get('@type')}, not a LiveBlogPosting")
    if item.get("coverageStartTime") != facts["article"]["published"]:
        fail(f"coverageStartTime is {item.get('coverageStartTime')}")
    live = item.get("liveBlogUpdate", [])
    if isinstance(live, dict):
        live = [live]
    if len(live) != len(updates):
        fail(f"{len(live)} liveBlogUpdate for {len(updates)} updates")
    for posting, update in zip(live, updates):
        for field in ("headline", "articleBody", "datePublished"):
            if not posting.get(field):
                fail(f"{update['id']}: no {field}")
        if posting.get("@type") != "BlogPosting":
            fail(f"{update['id']}: a {posting.get('@type')}, not a BlogPosting")
        if posting["datePublished"] != update["at"]:
            fail(f"{update['id']}: datePublished {posting['datePublished']}")
        url = posting.get("url")
        if url is not None:
            anchor = url.rpartition("#")[2]
            if anchor != update["id"] or anchor not in ids.ids:
                fail(f"{update['id']}: url {url} leads to no update on the page")
    print(f"LiveBlogPosting, {len(live)} updates, each at its anchor")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
