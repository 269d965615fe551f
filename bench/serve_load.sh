#!/usr/bin/env bash
# The serve load run (issue 11, item 6): the same bounded wrk load against
# `wirefeed serve` and against an nginx serving the same folder, one after the other,
# with keep-alive, and a Markdown table of requests/s, latency and errors for both.
#
#   bench/serve_load.sh                          # builds the sample site (feeds/) first
#   WIREFEED=path/to/wirefeed bench/serve_load.sh   # use that binary (default: a release build)
#   SITE=path/to/folder bench/serve_load.sh      # serve that folder as-is, no build
#   THREADS=2 CONNS=50 DURATION=15s bench/serve_load.sh   # wrk's load (these are the defaults)
#   URLS="/rss.xml /index.html" WF_PORT=18480 NGINX_PORT=18481   # the other defaults
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx). nginx runs from a temporary
# prefix with a generated nginx.conf (two worker processes, sendfile, keep-alive), so it
# needs no system configuration and touches nothing outside that folder. Neither logs
# requests (wirefeed serve --quiet, nginx access_log off). Both servers
# are stopped when the script exits, however it exits.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
THREADS=${THREADS:-2}
CONNS=${CONNS:-50}
DURATION=${DURATION:-15s}
URLS=${URLS:-/rss.xml /index.html}
WF_PORT=${WF_PORT:-18480}
NGINX_PORT=${NGINX_PORT:-18481}

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench/serve_load.sh: missing: ${missing[*]}" >&2
    echo "  install them (Debian/Ubuntu: apt-get install ${missing[*]}); wrk is also" >&2
    echo "  at https://github.com/wg/wrk" >&2
    exit 2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

for port in "$WF_PORT" "$NGINX_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "bench/serve_load.sh: port $port is in use (set WF_PORT / NGINX_PORT)" >&2
        exit 2
    fi
done

if [ -z "${WIREFEED:-}" ]; then
    (cd "$HERE" && cargo build --release --quiet --bin wirefeed)
    WIREFEED=$HERE/target/release/wirefeed
fi
if [ -z "${SITE:-}" ]; then
    # The sample site: wirefeed.toml at the repository root turns articles/ into feeds/.
    (cd "$HERE" && "$WIREFEED" build --quiet)
    SITE=$HERE/feeds
fi
SITE=$(cd "$SITE" && pwd)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/wirefeed-serve-load.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# nginx as a static host would run it, confined to $TMP. When run as root its workers
# would switch to `nobody`, who may not read $SITE: keep them as the current user.
user_line=""
[ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
mkdir -p "$TMP/nginx/logs"
cat >"$TMP/nginx/nginx.conf" <<EOF
$user_line
worker_processes 2;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    types {
        text/html html;
        application/rss+xml rss;
        application/xml xml;
        application/feed+json json;
        text/css css;
        text/xsl xsl;
    }
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 30s;
    keepalive_requests 1000000;
    access_log off;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $SITE;
        index index.html;
        location ~ /\. { deny all; }
    }
}
EOF

"$WIREFEED" serve "$SITE" --port "$WF_PORT" --quiet >"$TMP/wirefeed.log" 2>&1 &
pids+=($!)
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" \
    -g 'daemon off;' >"$TMP/nginx.log" 2>&1 &
pids+=($!)

wait_up() { # NAME PORT LOG
    for _ in $(seq 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$2/"; then return 0; fi
        sleep 0.1
    done
    echo "bench/serve_load.sh: $1 did not start on port $2:" >&2
    cat "$3" >&2
    exit 1
}
wait_up wirefeed "$WF_PORT" "$TMP/wirefeed.log"
wait_up nginx "$NGINX_PORT" "$TMP/nginx.log"

# Both must answer 200 with the same bytes before they are compared.
for url in $URLS; do
    for port in "$WF_PORT" "$NGINX_PORT"; do
        code=$(curl -s -o "$TMP/body.$port" -w '%{http_code}' "http://127.0.0.1:$port$url")
        if [ "$code" != 200 ]; then
            echo "bench/serve_load.sh: GET $url on port $port answered $code" >&2
            exit 1
        fi
    done
    if ! cmp -s "$TMP/body.$WF_PORT" "$TMP/body.$NGINX_PORT"; then
        echo "bench/serve_load.sh: wirefeed and nginx serve different bytes for $url" >&2
        exit 1
    fi
done

# "Latency  1.23ms  0.45ms  12.00ms  80.00%" -> avg and max; "99%  3.21ms" -> p99.
field() { awk -v k="$1" -v n="$2" '$1 == k { print $n; exit }' "$3"; }
errors() { # socket errors and non-2xx/3xx responses, 0 when wrk reports none
    local sock non2xx
    sock=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10; exit }' "$1")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $4; exit }' "$1")
    echo "${sock:-0} / ${non2xx:-0}"
}

echo "# bench/serve_load.sh: wrk -t$THREADS -c$CONNS -d$DURATION --latency, keep-alive, 127.0.0.1"
echo "# $(nproc) cores; $(uname -sr); $("$WIREFEED" --version 2>/dev/null || echo wirefeed); $("$NGINX" -v 2>&1)"
echo "# site: $SITE"
echo
echo "| server | URL | bytes | requests | requests/s | latency avg | p50 | p99 | max | socket errors / non-2xx | load avg (1 min) before → after |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for url in $URLS; do
    bytes=$(curl -s "http://127.0.0.1:$WF_PORT$url" | wc -c | tr -d ' ')
    for server in wirefeed nginx; do
        port=$WF_PORT
        [ "$server" = nginx ] && port=$NGINX_PORT
        out="$TMP/wrk.$server.${url//\//_}"
        load_before=$(cut -d' ' -f1 /proc/loadavg)
        wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$port$url" >"$out"
        load_after=$(cut -d' ' -f1 /proc/loadavg)
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s → %s |\n' \
            "$server" "$url" "$bytes" \
            "$(awk '/ requests in / { print $1; exit }' "$out")" \
            "$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")" \
            "$(field Latency 2 "$out")" "$(field 50% 2 "$out")" "$(field 99% 2 "$out")" \
            "$(field Latency 4 "$out")" "$(errors "$out")" "$load_before" "$load_after"
        if [ -n "${VERBOSE:-}" ]; then sed 's/^/    /' "$out" >&2; fi
        sleep 2
    done
done
