#!/usr/bin/env bash
# Feed serving against nginx serving the same bytes as static files, same machine, same run, loopback.
# Seeds the demo district into a temp SQLite database, staffs 2027 with one solver proposal, then runs wrk
# against satdan and nginx for a member's feed and the district's feed, with and without If-None-Match,
# and prints requests/s, p99 latency and the ratio satdan/nginx.
# usage: bench/feeds.sh   env: SATDAN (default build/bench/satdan), DURATION (wrk seconds, default 10),
#        CONNECTIONS (default 32), THREADS (server I/O threads and nginx workers, default 2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=feeds
. "$here/common.sh"
SATDAN=${SATDAN:-$here/../build/bench/satdan}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
need_tool nginx nginx-light
need_tool wrk wrk
need_satdan

make_workdir


start_demo_server "$THREADS"

secretariat=$(login demo-secretariat)
admin=$(login demo-admin)
auth=(-H "Authorization: Bearer $secretariat")
root=$(curl -sf "${auth[@]}" "$base/api/v1/units?limit=1" | json 'd["items"][0]["id"]')
staff_2027 "$root"

# The member with the most sessions, and the district's own feed.
busiest=$(busiest_member | cut -d' ' -f2)
member_path=$(curl -sf -H "Authorization: Bearer $admin" -X POST "$base/api/v1/members/$busiest/feed-token" \
  -H 'Content-Type: application/json' -d '{}' | json 'd["https_url"]' | sed 's|^[a-z]*://[^/]*||')
unit_path="/feeds/u/$root.ics"

# nginx serves the very bytes satdan serves.
mkdir -p "$work/www" "$work/nginx"
chmod 755 "$work" "$work/www"  # nginx workers run as another user
curl -sf "$base$member_path" -o "$work/www/member.ics"
curl -sf "$base$unit_path" -o "$work/www/unit.ics"
nport=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes $THREADS;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log error;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/calendar ics; }
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport/unit.ics" -o /dev/null && break; sleep 0.1; done

for f in member unit; do
  if [ $f = member ]; then p=$member_path; else p=$unit_path; fi
  cmp -s <(curl -sf "$base$p") <(curl -sf "http://127.0.0.1:$nport/$f.ics") ||
    { echo "bench/feeds: nginx does not serve the same $f feed bytes" >&2; exit 1; }
done
events() { grep -c '^BEGIN:VEVENT' "$1"; }
etag_of() { curl -sfI "$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }
# run_wrk URL [ETAG] -> "requests/s p99_ms"
run_wrk() {
  local extra=()
  [ -n "${2:-}" ] && extra=(-H "If-None-Match: $2")
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${extra[@]}" "$1" 2>/dev/null | tee -a "$work/wrk.log" | awk '
    /Non-2xx or 3xx/ {print "bench/feeds: non-2xx/3xx responses from " url > "/dev/stderr"}
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {printf "%.0f %.2f", rps, p99}' url="$1"
}

echo "member feed: member $busiest, $(events "$work/www/member.ics") events, $(wc -c <"$work/www/member.ics") bytes;" \
  "district feed: unit $root, $(events "$work/www/unit.ics") events, $(wc -c <"$work/www/unit.ics") bytes" >&2
echo "wrk: $DURATION s, $CONNECTIONS connections, 2 client threads; satdan --threads $THREADS, nginx $THREADS workers" >&2
printf '%-22s %12s %10s %12s %10s %8s\n' "case" "satdan r/s" "p99 ms" "nginx r/s" "p99 ms" "ratio"
for feed in member unit; do
  if [ $feed = member ]; then path=$member_path; else path=$unit_path; fi
  ours="$base$path" theirs="http://127.0.0.1:$nport/$feed.ics"
  for mode in 200 304; do
    if [ $mode = 200 ]; then a=$(run_wrk "$ours"); b=$(run_wrk "$theirs")
    else a=$(run_wrk "$ours" "$(etag_of "$ours")"); b=$(run_wrk "$theirs" "$(etag_of "$theirs")"); fi
    read -r ar ap <<<"$a"; read -r br bp <<<"$b"
    printf '%-22s %12s %10s %12s %10s %8s\n' "$feed $mode" "$ar" "$ap" "$br" "$bp" \
      "$(awk -v x="$ar" -v y="$br" 'BEGIN{printf "%.2f", (y>0)?x/y:0}')"
  done
done
