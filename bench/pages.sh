#!/usr/bin/env bash
# The web pages on the demo district: time to first byte and bytes sent for the member's schedule and the
# secretariat's views, against baselines measured in the same run (/healthz, which does no work, and the
# sign-in form, which renders a template without reading the database).
# Seeds the demo district into a temp SQLite database, staffs 2027 with one solver proposal, signs in through
# the forms as the member with the most sessions (given an account) and as the secretariat, then times
# REQUESTS sequential GETs of each page with curl (time_starttransfer) and prints p50/p95 and the ratio to
# /healthz, and each page's bytes with everything it loads (its style sheet, script and images).
# Goals (issue 12): the member's page under 50 KB with everything it loads, first byte under 20 ms p50.
# usage: bench/pages.sh   env: SATDAN (default build/bench/satdan), REQUESTS (per page, default 200),
#        WEEK (the week the secretariat's week view shows, default 2027-03-01)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=pages
. "$here/common.sh"
SATDAN=${SATDAN:-$here/../build/bench/satdan}
REQUESTS=${REQUESTS:-200}
WEEK=${WEEK:-2027-03-01}
need_satdan

make_workdir

start_demo_server 2
admin=$(login demo-admin)
auth=(-H "Authorization: Bearer $admin")
root=$(curl -sf "${auth[@]}" "$base/api/v1/units?limit=1" | json 'd["items"][0]["id"]')
staff_2027 "$root"

# The member with the most sessions gets an account: the heaviest schedule page the district has.
busiest=$(busiest_member)
sessions=${busiest%% *}
busiest=${busiest##* }
member_password=bench-member-password
curl -sf "${auth[@]}" -X POST "$base/api/v1/accounts" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench-member\",\"role\":\"member\",\"member_id\":$busiest,\"password\":\"$member_password\"}" >/dev/null

# Signs in through the form (the pre-session cookie and the form's token, then the session cookie) into a jar.
page_sign_in() {  # page_sign_in JAR USERNAME PASSWORD
  local form token
  form=$(curl -sf -c "$1" "$base/dang-nhap")
  token=$(printf '%s' "$form" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -sf -o /dev/null -b "$1" -c "$1" -X POST "$base/dang-nhap" --data-urlencode "csrf=$token" \
    --data-urlencode "username=$2" --data-urlencode "password=$3"
  grep -q satdan_session "$1" || { echo "bench/pages: signing in as $2 failed" >&2; exit 1; }
}
page_sign_in "$work/member.jar" bench-member "$member_password"
page_sign_in "$work/secretariat.jar" demo-secretariat "$SATDAN_DEMO_PASSWORD"

# p50 and p95 of time to first byte, in ms, over REQUESTS sequential GETs (one warm-up first).
ttfb() {  # ttfb JAR PATH
  local jar=()
  [ "$1" != - ] && jar=(-b "$1")
  curl -sf -o /dev/null "${jar[@]}" "$base$2"
  for _ in $(seq "$REQUESTS"); do curl -s -o /dev/null "${jar[@]}" -w '%{time_starttransfer}\n' "$base$2"; done |
    sort -n | awk '{v[NR]=$1*1000} END {printf "%.2f %.2f", v[int(NR*0.5+0.5)], v[int(NR*0.95+0.5)]}'
}

# The page's bytes, and with every /static/ file and image it names (each once).
weight() {  # weight JAR PATH
  local jar=()
  [ "$1" != - ] && jar=(-b "$1")
  curl -sf "${jar[@]}" -o "$work/page.html" "$base$2"
  local page total
  page=$(wc -c <"$work/page.html")
  total=$page
  for asset in $(grep -o '\(href\|src\)="/[^"]*"' "$work/page.html" | sed 's/^[a-z]*="//; s/"$//' | grep -v '^/$' |
                 grep '^/static/\|\.svg\|\.png' | sort -u); do
    total=$((total + $(curl -sf "${jar[@]}" "$base$asset" | wc -c)))
  done
  echo "$page $total"
}

echo "member $busiest has $sessions sessions in 2027; $REQUESTS sequential GETs per page; satdan --threads 2 --db-pool 4" >&2
read -r base_p50 base_p95 <<<"$(ttfb - /healthz)"
printf '%-34s %9s %9s %10s %11s %13s\n' "GET" "p50 ms" "p95 ms" "÷ healthz" "page bytes" "with assets"
printf '%-34s %9s %9s %10s %11s %13s\n' "/healthz (baseline)" "$base_p50" "$base_p95" "1.00" "-" "-"
row() {  # row LABEL JAR PATH
  local p50 p95 bytes
  read -r p50 p95 <<<"$(ttfb "$2" "$3")"
  read -r -a bytes <<<"$(weight "$2" "$3")"
  printf '%-34s %9s %9s %10s %11s %13s\n' "$1" "$p50" "$p95" "$(awk -v a="$p50" -v b="$base_p50" 'BEGIN {printf "%.2f", a/b}')" \
    "${bytes[0]}" "${bytes[1]}"
}
row "/dang-nhap (no database)" - /dang-nhap
row "member: / (my schedule)" "$work/member.jar" /
row "member: /dang-ky-lich" "$work/member.jar" /dang-ky-lich
row "secretariat: / (this and next week)" "$work/secretariat.jar" /
row "secretariat: /lich week" "$work/secretariat.jar" "/lich?xem=tuan&ngay=$WEEK"
row "secretariat: /lich month" "$work/secretariat.jar" "/lich?xem=thang&ngay=$WEEK"
