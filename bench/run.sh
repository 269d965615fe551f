#!/usr/bin/env bash
# The scale benchmark (issue 7): times wirefeed on generated corpora and prints a
# Markdown table of wall time, CPU time and peak memory, each the median of RUNS runs.
#
#   bench/run.sh [SIZE…]            # sizes in articles: 1k 10k 100k 1M (default: 1k 10k)
#   RUNS=5 bench/run.sh 100k        # runs per case (default 5)
#   WIREFEED=path/to/wirefeed bench/run.sh   # time that binary (default: a release build)
#
# Corpora come from ../shared/bench/gen_corpus.py (GEN_CORPUS=… to use another copy),
# text layout, kept in $BENCH_DIR (default /tmp/wirefeed-bench) between runs. Cases:
#   read floor      cat of every article file
#   first build     empty state and output folder (limit 50, tag feeds, archives)
#   no change       a rebuild with nothing changed
#   edit / add / delete one   a rebuild after editing, adding, deleting one article
#   limit 0 first   every item in the main feeds, no archives (sizes up to 10k)
# Needs GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN_CORPUS:-$HERE/../shared/bench/gen_corpus.py}
RUNS=${RUNS:-5}
WORK=${BENCH_DIR:-/tmp/wirefeed-bench}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1k 10k)

if [ ! -f "$GEN" ]; then
    echo "bench/run.sh: $GEN is missing: the corpus generator lives in the shared kit" >&2
    echo "  (shared/bench/gen_corpus.py beside this repository); set GEN_CORPUS=/path/to/gen_corpus.py" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "bench/run.sh: /usr/bin/time is missing (apt-get install time)" >&2
    exit 2
fi
if [ -z "${WIREFEED:-}" ]; then
    (cd "$HERE" && cargo build --release --quiet --bin wirefeed)
    WIREFEED=$HERE/target/release/wirefeed
fi
mkdir -p "$WORK"

count() {
    case $1 in
    *k) echo $((${1%k} * 1000)) ;;
    *M) echo $((${1%M} * 1000000)) ;;
    *) echo "$1" ;;
    esac
}

# measure FILE CMD…: runs CMD under GNU time, appends "wall cpu peak_mb" to FILE.
measure() {
    local out=$1
    shift
    if ! /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr"; then
        # Exit 1 (some articles failed) still publishes; anything else is a failure.
        grep -q 'non-zero status 1$' "$WORK/time" || {
            cat "$WORK/stderr" >&2
            exit 1
        }
    fi
    tail -n1 "$WORK/time" | awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 / 1024 }' >>"$out"
}

# median FILE: "wall cpu mb" medians of the lines in FILE.
median() {
    for col in 1 2 3; do
        cut -d' ' -f$col "$1" | sort -g | awk '{ v[NR] = $1 } END { printf "%s ", v[int((NR + 1) / 2)] }'
    done
}

row() { # row SIZE CASE FILE
    read -r wall cpu mb <<<"$(median "$3")"
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$wall" "$cpu" "$mb"
}

echo "| articles | case | wall s | CPU s | peak MB |"
echo "|---|---|---|---|---|"
for size in "${SIZES[@]}"; do
    n=$(count "$size")
    corpus=$WORK/corpus-$n
    if [ ! -d "$corpus/text" ]; then
        python3 "$GEN" -n "$n" --layouts text --out "$corpus" >/dev/null
    fi
    site=$WORK/site-$n
    rm -rf "$site" && mkdir -p "$site"
    cp -r "$corpus/text" "$site/articles"
    flags=(build --quiet --input "$site/articles" --out "$site/feeds" --state-dir "$site/state"
        --site-url https://news.example.com/ --timezone America/Chicago)
    r=$WORK/results-$n
    rm -rf "$r" && mkdir -p "$r"
    first=$(find "$site/articles" -type f -name '*.txt' | sort | sed -n 1p)
    for _ in $(seq "$RUNS"); do
        sync
        measure "$r/floor" sh -c "find '$site/articles' -type f -exec cat {} + >/dev/null"
        rm -rf "$site/feeds" "$site/state"
        measure "$r/first" "$WIREFEED" "${flags[@]}" --limit 50
        measure "$r/nochange" "$WIREFEED" "${flags[@]}" --limit 50
        printf '\nOne more paragraph, run %s.\n' "$RANDOM" >>"$first"
        measure "$r/edit" "$WIREFEED" "${flags[@]}" --limit 50
        # The newest article, as cron sees them arrive.
        printf 'Council adds a late session\n\nDecember 3, 2030 9:00 AM\n\nThe council met again.\n' \
            >"$site/articles/zz-added.txt"
        measure "$r/add" "$WIREFEED" "${flags[@]}" --limit 50
        rm "$site/articles/zz-added.txt"
        measure "$r/delete" "$WIREFEED" "${flags[@]}" --limit 50
        if [ "$n" -le 10000 ]; then
            rm -rf "$site/feeds0" "$site/state0"
            measure "$r/limit0" "$WIREFEED" build --quiet --input "$site/articles" --out "$site/feeds0" \
                --state-dir "$site/state0" --site-url https://news.example.com/ --timezone America/Chicago --limit 0
        fi
    done
    row "$n" "read floor (cat)" "$r/floor"
    row "$n" "first build" "$r/first"
    row "$n" "no-change rebuild" "$r/nochange"
    row "$n" "one article edited" "$r/edit"
    row "$n" "one article added" "$r/add"
    row "$n" "one article deleted" "$r/delete"
    [ -f "$r/limit0" ] && row "$n" "--limit 0, first build" "$r/limit0"
done
