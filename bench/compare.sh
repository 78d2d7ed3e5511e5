#!/usr/bin/env bash
# Compare `satdan solve` with the exact MILP (bench/milp.py, PuLP + CBC) on generated instances.
# usage: bench/compare.sh [SIZE...]   (default: commune-quarter district-year)
# env: SATDAN (binary, default build/bench/satdan), PYTHON (default /usr/bin/python3),
#      TIME_LIMIT (MILP seconds, default 120), OUT (work directory, default a new temp dir)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SATDAN=${SATDAN:-$here/../build/bench/satdan}
PYTHON=${PYTHON:-/usr/bin/python3}
TIME_LIMIT=${TIME_LIMIT:-120}
OUT=${OUT:-$(mktemp -d /tmp/satdan-compare.XXXXXX)}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(commune-quarter district-year)
mkdir -p "$OUT"
echo "work directory: $OUT; MILP time limit ${TIME_LIMIT}s"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }
field() { "$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$@"; }
check() {  # check INSTANCE SOLUTION LABEL
  local out
  if out=$("$SATDAN" check "$1" "$2" 2>&1); then echo "  check $3: $out" >&2
  else echo "  check $3 FAILED: $out" >&2; return 1; fi
}
# run_milp INSTANCE SOLUTION -> sets milp_rc, milp_s
run_milp() {
  local t0; t0=$(now)
  set +e; "$PYTHON" "$here/milp.py" "$1" --time-limit "$TIME_LIMIT" > "$2" 2> "$2.err"; milp_rc=$?; set -e
  milp_s=$(secs "$t0" "$(now)")
  sed 's/^/  /' "$2.err" >&2
}

printf '%-16s %8s %7s %9s %-24s %11s %9s %9s\n' instance sessions members ours MILP ours/MILP ours_s milp_s
for size in "${sizes[@]}"; do
  inst="$OUT/$size.json"
  "$SATDAN" gen-instance --size "$size" --seed 1 > "$inst"
  ns=$(field "$inst" 'len(d["sessions"])'); nm=$(field "$inst" 'len(d["members"])')
  t0=$(now); "$SATDAN" solve "$inst" --seed 1 > "$OUT/$size.ours.json"; ours_s=$(secs "$t0" "$(now)")
  check "$inst" "$OUT/$size.ours.json" "$size ours"
  ours=$(field "$OUT/$size.ours.json" 'd["cost"]["total"]')
  run_milp "$inst" "$OUT/$size.milp.json"
  if [ "$milp_rc" -eq 0 ]; then
    check "$inst" "$OUT/$size.milp.json" "$size milp"
    mt=$(field "$OUT/$size.milp.json" 'd["cost"]["total"]')
    opt=$(field "$OUT/$size.milp.json" 'd["milp"]["optimal"]')
    bound=$(field "$OUT/$size.milp.json" 'd["milp"]["bound"]')
    if [ "$opt" = True ]; then milp="$mt (optimal)"; ratio=$(awk -v a="$ours" -v b="$mt" 'BEGIN{printf "%.3f", b? a/b : 1}')
    else milp="$mt (bound $bound)"
         ratio=$(awk -v a="$ours" -v b="$mt" -v c="$bound" 'BEGIN{printf "%.3f", b? a/b : 1; if (c>0) printf " (/bd %.3f)", a/c}'); fi
  else
    bound=$(grep -o 'best bound [0-9.]*' "$OUT/$size.milp.json.err" | awk '{print $3}' || true)
    milp="none (bound ${bound:-?})"
    ratio=$(awk -v a="$ours" -v c="${bound:-0}" 'BEGIN{if (c>0) printf "/bd %.3f", a/c; else printf "-"}')
  fi
  printf '%-16s %8s %7s %9s %-24s %11s %9s %9s\n' "$size" "$ns" "$nm" "$ours" "$milp" "$ratio" "$ours_s" "$milp_s"
done

# Repair, for each size: our solution becomes `previous`; the 3 busiest members of its busiest month become
# unavailable for that month; both solvers re-solve and we count the assignments each moved.
repair() {  # repair SIZE
  local size=$1
  local inst="$OUT/$size.json"
  [ -f "$inst" ] || "$SATDAN" gen-instance --size "$size" --seed 1 > "$inst"
  [ -f "$OUT/$size.ours.json" ] || "$SATDAN" solve "$inst" --seed 1 > "$OUT/$size.ours.json"
  local rep="$OUT/$size.repair.json"
  "$PYTHON" - "$inst" "$OUT/$size.ours.json" "$rep" <<'EOF'
import json, sys, collections, datetime as dt
from zoneinfo import ZoneInfo
inst = json.load(open(sys.argv[1])); sol = json.load(open(sys.argv[2]))
tz = ZoneInfo(inst.get("timezone", "Asia/Ho_Chi_Minh"))
start = {s["id"]: dt.datetime.fromisoformat(s["start"].replace("Z", "+00:00")).astimezone(tz) for s in inst["sessions"]}
inst["previous"] = [{k: a[k] for k in ("session", "member", "need")} for a in sol["assignments"]]
# the busiest month of the published schedule, and the 3 members holding most assignments in it
months = collections.Counter((start[a["session"]].year, start[a["session"]].month) for a in sol["assignments"])
(y, mo), _ = min(months.items(), key=lambda t: (-t[1], t[0]))
per = collections.Counter(a["member"] for a in sol["assignments"] if (start[a["session"]].year, start[a["session"]].month) == (y, mo))
chosen = [m for m, _ in sorted(per.items(), key=lambda t: (-t[1], t[0]))[:3]]
a = dt.datetime(y, mo, 1, tzinfo=tz); b = dt.datetime(y + (mo == 12), mo % 12 + 1, 1, tzinfo=tz)
for m in inst["members"]:
    if m["id"] in chosen:
        m.setdefault("unavailable", []).append({"start": a.isoformat(), "end": b.isoformat()})
json.dump(inst, open(sys.argv[3], "w"), ensure_ascii=False)
print(f"repair: members {', '.join(chosen)} unavailable {a:%Y-%m}; they held {sum(per[m] for m in chosen)} "
      f"of the {months[(y, mo)]} published assignments that month", file=sys.stderr)
EOF
  local t0 om ot mm mt ours_s; t0=$(now); "$SATDAN" solve "$rep" --seed 1 > "$OUT/$size.repair.ours.json"; ours_s=$(secs "$t0" "$(now)")
  check "$rep" "$OUT/$size.repair.ours.json" "$size repair ours"
  run_milp "$rep" "$OUT/$size.repair.milp.json"
  [ "$milp_rc" -eq 0 ] && check "$rep" "$OUT/$size.repair.milp.json" "$size repair milp"
  om=$(field "$OUT/$size.repair.ours.json" 'd["cost"]["moved"]'); ot=$(field "$OUT/$size.repair.ours.json" 'd["cost"]["total"]')
  if [ "$milp_rc" -eq 0 ]; then
    mm=$(field "$OUT/$size.repair.milp.json" 'd["cost"]["moved"]'); mt=$(field "$OUT/$size.repair.milp.json" 'd["cost"]["total"]')
  else mm=-; mt=-; fi
  printf '%-16s %8s %7s %9s %-24s %11s %9s %9s\n' "repair:$size" "$(field "$rep" 'len(d["sessions"])')" \
    "$(field "$rep" 'len(d["members"])')" "$om" "$mm" "total $ot/$mt" "$ours_s" "$milp_s"
}
for size in "${sizes[@]}"; do repair "$size"; done
