#!/usr/bin/env bash
# Times wirefeed against python-feedgen (and Hugo, when installed) on the same
# generated articles.
#
#   bench/compare.sh [N]          # N articles (default 20000)
#
# Generates a corpus with ../shared/bench/gen_corpus.py (GEN_CORPUS=… to override) into
# a temporary folder (text/ and md/ layouts of the same articles), then times:
#   - wirefeed on text/ and on md/: a first build and a no-change rebuild. A build
#     writes RSS, Atom, JSON Feed and HTML for the main feed (newest 50 items), the
#     RFC 5005 archive pages holding every other item, and one feed per tag;
#   - python-feedgen (bench/feedgen_build.py) on md/: the same items, full content,
#     RSS + Atom only (less work than wirefeed), main feed + archive pages + tag feeds;
#   - Hugo on md/ (every item, full content, in one RSS file), when `hugo` is on the PATH.
# feedgen and Markdown go in a virtualenv under ~/.cache, never into the project.
# Prints wall-clock and CPU (user + sys) seconds; on a shared machine compare CPU.
set -euo pipefail

N=${1:-20000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN_CORPUS:-$HERE/../shared/bench/gen_corpus.py}
VENV=${VENV:-$HOME/.cache/wirefeed-bench-venv}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q feedgen markdown pyyaml
fi
(cd "$HERE" && cargo build --release --quiet --bin wirefeed)
WIREFEED=$HERE/target/release/wirefeed

python3 "$GEN" -n "$N" --out "$WORK/corpus" >/dev/null 2>&1
echo "corpus: $N articles"

# time_it LABEL CMD…: one line with wall and CPU seconds.
time_it() {
    local label=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
        cat "$WORK/stderr" >&2
        return 1
    }
    read -r wall user sys rss <"$WORK/time"
    printf '%-34s %8.2f s wall %8.2f s CPU %7d MB peak\n' "$label" "$wall" \
        "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}

FLAGS=(--site-url https://news.example.com/ --timezone America/Chicago --limit 50)
for layout in text md; do
    for run in "first build" "no-change rebuild"; do
        time_it "wirefeed $layout: $run" "$WIREFEED" build --input "$WORK/corpus/$layout" \
            --out "$WORK/wf-$layout" "${FLAGS[@]}"
    done
done
time_it "python-feedgen md" "$VENV/bin/python" "$HERE/bench/feedgen_build.py" \
    "$WORK/corpus/md" "$WORK/feedgen" 50

if command -v hugo >/dev/null; then
    # Every article, full content, in one RSS file (Hugo has no archive pages): the
    # articles are parsed and rendered as for wirefeed, but no HTML page is written.
    mkdir -p "$WORK/hugo/layouts"
    cat >"$WORK/hugo/hugo.toml" <<TOML
baseURL = "https://news.example.com/"
title = "Bench"
contentDir = "$WORK/corpus/md"
disableKinds = ["section", "taxonomy", "term", "sitemap", "robotsTXT", "404"]
rssLimit = -1
[outputs]
home = ["RSS"]
[[cascade]]
[cascade._build]
render = "never"
list = "always"
[cascade._target]
kind = "page"
TOML
    cat >"$WORK/hugo/layouts/index.rss.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{{ .Site.Title }}</title><link>{{ .Site.BaseURL }}</link><description>Bench</description>
{{ range .Site.RegularPages.ByDate.Reverse }}<item><title>{{ .Title }}</title><guid>{{ .File.Path }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate><description>{{ .Content | html }}</description></item>
{{ end }}</channel></rss>
XML
    time_it "hugo md (all items, one RSS)" hugo --source "$WORK/hugo" --destination "$WORK/hugo/public" --quiet
fi
