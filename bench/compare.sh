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
#   - Hugo on md/ (RSS for the home page only), when `hugo` is on the PATH.
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

python3 "$GEN" -n "$N" --out "$WORK/corpus" >/dev/null
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

wirefeed() {
    "$WIREFEED" build --input "$1" --out "$2" --site-url https://news.example.com/ \
        --timezone America/Chicago --limit 50
}

for layout in text md; do
    time_it "wirefeed $layout: first build" wirefeed "$WORK/corpus/$layout" "$WORK/wf-$layout"
    time_it "wirefeed $layout: no-change rebuild" wirefeed "$WORK/corpus/$layout" "$WORK/wf-$layout"
done
time_it "python-feedgen md" "$VENV/bin/python" "$HERE/bench/feedgen_build.py" \
    "$WORK/corpus/md" "$WORK/feedgen" 50

if command -v hugo >/dev/null; then
    mkdir -p "$WORK/hugo"
    cat >"$WORK/hugo/hugo.toml" <<TOML
baseURL = "https://news.example.com/"
title = "Bench"
contentDir = "$WORK/corpus/md"
disableKinds = ["page", "section", "taxonomy", "term", "sitemap", "robotsTXT", "404"]
rssLimit = 50
[outputs]
home = ["RSS"]
TOML
    time_it "hugo md (home RSS only)" hugo --source "$WORK/hugo" --destination "$WORK/hugo/public" --quiet
fi
