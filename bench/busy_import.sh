#!/usr/bin/env bash
# A busy-time upload against the rest of the server: how long the worst upload the import accepts takes, and
# what GET /healthz, a member's feed and a session's .ics download (rendered by libical on every request)
# see while such uploads run back to back. Loopback only; every run is bounded by DURATION.
# Seeds the demo district into a temp SQLite database, builds the worst accepted file (1 MiB: 4,900 events
# in the window, one COUNT rule that spends most of the 20,000 steps, rules that never occur for most of
# the 2 s of expansion), times it alone, then runs wrk on the three GETs without and with uploads.
# The upload of issue 11 (twenty daily RRULEs on one event begun in 1902) is timed too.
# usage: bench/busy_import.sh   env: SATDAN (default build/bench/satdan), DURATION (wrk seconds, default 10),
#        CONNECTIONS (per GET, default 2), NEVER (rules that never occur in the file; default: nearly the most
#        the server accepts, found by trying)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=busy_import
. "$here/common.sh"
SATDAN=${SATDAN:-$here/../build/bench/satdan}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-2}
need_tool wrk wrk
need_satdan

make_workdir

start_demo_server 2

admin=$(login demo-admin)
auth=(-H "Authorization: Bearer $admin")
member=$(curl -sf "${auth[@]}" "$base/api/v1/members?limit=1" | json 'd["items"][0]["id"]')
session=$(curl -sf "${auth[@]}" "$base/api/v1/sessions?limit=1" | json 'd["items"][0]["id"]')
feed_path=$(curl -sf "${auth[@]}" -X POST "$base/api/v1/members/$member/feed-token" -H 'Content-Type: application/json' \
  -d '{}' | json 'd["https_url"]' | sed 's|^[a-z]*://[^/]*||')
upload_url="$base/api/v1/members/$member/busy-times/bench"

# worst.ics: NEVER rules that never occur, one COUNT walk, and single events up to 1 MiB.
make_worst() {
  /usr/bin/python3 - "$1" <<'PY'
import datetime, sys
never = int(sys.argv[1])
now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
utc = lambda t: t.strftime("%Y%m%dT%H%M%SZ")
out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//busy//VI"]
for i in range(never):  # libical searches to the year 20000 for a 30 February
    out += ["BEGIN:VEVENT", f"UID:never-{i}", "DTSTART:" + utc(now + datetime.timedelta(days=1)), "DURATION:PT1H",
            "RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "END:VEVENT"]
out += ["BEGIN:VEVENT", "UID:walk", "DTSTART:19500101T090000Z", "DURATION:PT1H",  # a COUNT walks from DTSTART
        "RRULE:FREQ=DAILY;COUNT=19000", "END:VEVENT"]
filler = "Họp riêng, không liên quan đến công tác; ghi chú dài để lấp đầy tệp. " * 2
for i in range(4900):
    start = now + datetime.timedelta(days=1 + i // 24, hours=i % 24)
    out += ["BEGIN:VEVENT", f"UID:single-{i}@bench", f"SUMMARY:Việc riêng {i}", "DTSTART:" + utc(start),
            "DURATION:PT45M", "DESCRIPTION:" + filler[:60], "END:VEVENT"]
out.append("END:VCALENDAR")
text = "\r\n".join(out) + "\r\n"
data = text.encode()
assert len(data) <= 1024 * 1024, len(data)
sys.stdout.buffer.write(data)
PY
}

# upload FILE -> "status seconds"
upload() { curl -s -o "$work/upload.json" -w '%{http_code} %{time_total}' -X PUT "${auth[@]}" \
  -H 'Content-Type: text/calendar' --data-binary "@$1" "$upload_url"; }

# Nearly the most rules that never occur that the 2 s budget still accepts (a few hundred ms each). A server
# that refuses the file for another reason (an older one: too many periods) still did the work: kept.
never=${NEVER:-6}
while [ -z "${NEVER:-}" ]; do
  make_worst "$never" >"$work/worst.ics"
  read -r worst_status _ <<<"$(upload "$work/worst.ics")"
  [ "$worst_status" = 200 ] && break
  grep -q 'recurrence expansion' "$work/upload.json" || break
  [ "$never" = 0 ] && { echo "bench/busy_import: the worst file is refused: $(cat "$work/upload.json")" >&2; exit 1; }
  never=$((never - 1))
done
# One fewer than the most accepted alone: CPU time varies a little with the machine's load, and the run
# below uploads while wrk runs.
if [ -z "${NEVER:-}" ] && [ "$worst_status" = 200 ] && [ "$never" -gt 0 ]; then never=$((never - 1)); fi
make_worst "$never" >"$work/worst.ics"
read -r worst_status _ <<<"$(upload "$work/worst.ics")"
/usr/bin/python3 - "$work/issue11.ics" <<'PY'
import sys
lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//issue11//VI", "BEGIN:VEVENT", "UID:issue11",
         "DTSTART:19020101T000000Z", "DURATION:PT1H"] + ["RRULE:FREQ=DAILY"] * 20 + ["END:VEVENT", "END:VCALENDAR"]
open(sys.argv[1], "w", newline="").write("\r\n".join(lines) + "\r\n")
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "worst accepted file: $(wc -c <"$work/worst.ics") bytes, $never rules that never occur; answer $worst_status:" \
  "$(head -c 300 "$work/upload.json")" >&2
worst_s=$(for _ in 1 2 3; do upload "$work/worst.ics" | cut -d' ' -f2; done | median)
read -r issue_status issue_s <<<"$(upload "$work/issue11.ics")"
printf '%-34s %8s %10s\n' "upload (alone, median of 3)" "status" "seconds"
printf '%-34s %8s %10s\n' "worst accepted file" "$worst_status" "$worst_s"
printf '%-34s %8s %10s\n' "issue 11 file (20 RRULEs, 1902)" "$issue_status" "$issue_s"

# run_wrk URL AUTH -> "requests/s p50_ms p99_ms max_ms"
run_wrk() {
  local extra=()
  [ -n "$2" ] && extra=(-H "Authorization: Bearer $2")
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "${extra[@]}" "$1" 2>/dev/null | awk '
    function ms(v) { if (v ~ /us$/) {sub(/us/,"",v); return v/1000} if (v ~ /ms$/) {sub(/ms/,"",v); return v+0}
                     if (v ~ /m$/) {sub(/m/,"",v); return v*60000} sub(/s/,"",v); return v*1000 }
    /Non-2xx or 3xx/ {print "bench/busy_import: non-2xx/3xx responses from " url > "/dev/stderr"}
    /Requests\/sec/ {rps=$2}
    /^ +Latency +[0-9]/ {max=ms($4)}
    /^ +50%/ {p50=ms($2)}
    /^ +99%/ {p99=ms($2)}
    END {printf "%.0f %.2f %.2f %.2f", rps, p50, p99, max}' url="$1"
}
# All three GETs at once, DURATION seconds; rows "name requests/s p50 p99 max".
measure() {
  run_wrk "$base/healthz" "" >"$work/healthz" &
  local a=$!
  run_wrk "$base$feed_path" "" >"$work/feed" &
  local b=$!
  run_wrk "$base/api/v1/sessions/$session.ics" "$admin" >"$work/session" &
  local c=$!
  wait $a $b $c
  for n in healthz feed session; do echo "$n $(cat "$work/$n")"; done
}

echo "wrk: $DURATION s per phase, $CONNECTIONS connections per GET, 1 client thread each; satdan --threads 2 --db-pool 4" >&2
quiet=$(measure)
uploads_done="$work/uploads"
: >"$uploads_done"
( while :; do upload "$work/worst.ics" >>"$uploads_done"; echo >>"$uploads_done"; done ) &
uploader_pid=$!
pids+=("$uploader_pid")
sleep 0.5
busy=$(measure)
kill "$uploader_pid" 2>/dev/null || true
wait "$uploader_pid" 2>/dev/null || true
echo
echo "GETs without uploads, then with the worst accepted upload running back to back" \
  "($(grep -c . "$uploads_done") uploads finished during the run; answers: $(cut -d' ' -f1 "$uploads_done" | grep . | sort | uniq -c | xargs)):"
printf '%-10s %12s %9s %9s %9s   %12s %9s %9s %9s\n' "GET" "quiet r/s" "p50 ms" "p99 ms" "max ms" "busy r/s" "p50 ms" "p99 ms" "max ms"
paste -d' ' <(echo "$quiet") <(echo "$busy") | while read -r n r1 a1 b1 c1 _ r2 a2 b2 c2; do
  printf '%-10s %12s %9s %9s %9s   %12s %9s %9s %9s\n' "$n" "$r1" "$a1" "$b1" "$c1" "$r2" "$a2" "$b2" "$c2"
done
