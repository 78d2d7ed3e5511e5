# What the benchmark scripts share: sourced, never run. Each script sets `bench` (its name) first.

# Installs a Debian package that only a benchmark needs, when its command is missing.
need_tool() {  # need_tool COMMAND PACKAGE
  command -v "$1" >/dev/null || { echo "bench/$bench: installing $2 (bench only)" >&2; apt-get install -y -qq "$2" >/dev/null; }
}

# The release-mode satdan a benchmark measures; it says how to build it when it is missing.
need_satdan() {
  [ -x "$SATDAN" ] || { echo "build it first: cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSATDAN_TESTS=ON && cmake --build build/bench --target satdan" >&2; exit 1; }
}

# A loopback port nobody listens on.
free_port() { for p in $(shuf -i 20000-60000 -n 50); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }

# Reads JSON on standard input and prints the Python expression over it, `d` being the document.
json() { /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {"d": d}))' "$1"; }

# Seeds the demo district into a SQLite file under $work and serves it on a free loopback port with THREADS
# I/O threads; sets db and base, and adds the server to `pids`, once /readyz answers.
start_demo_server() {  # start_demo_server THREADS
  export SATDAN_DEMO_PASSWORD=${SATDAN_DEMO_PASSWORD:-bench-password-1}
  db="sqlite:$work/satdan.db"
  "$SATDAN" seed-demo --database "$db" >/dev/null 2>"$work/seed.log"
  local port
  port=$(free_port)
  "$SATDAN" serve --database "$db" --listen "127.0.0.1:$port" --threads "$1" --db-pool 4 >"$work/server.log" 2>&1 &
  pids+=($!)
  base="http://127.0.0.1:$port"
  for _ in $(seq 50); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.2; done
}

# A bearer token for an account (default password: the demo's).
login() {  # login USERNAME [PASSWORD]
  curl -sf -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"${2:-$SATDAN_DEMO_PASSWORD}\"}" | json 'd["token"]'
}

# Staffs 2027 in the unit's subtree with one solver proposal, applied. `auth` holds a planner's header.
staff_2027() {  # staff_2027 UNIT_ID
  echo "staffing 2027 with one proposal (unit $1)..." >&2
  local proposal
  proposal=$(curl -sf "${auth[@]}" -X POST "$base/api/v1/schedule/proposals" -H 'Content-Type: application/json' \
    -d "{\"within\": $1, \"from\": \"2027-01-01T00:00:00+07:00\", \"to\": \"2028-01-01T00:00:00+07:00\"}" | json 'd["id"]')
  curl -sf "${auth[@]}" -X POST "$base/api/v1/schedule/proposals/$proposal/apply" -H 'Content-Type: application/json' -d '{}' >/dev/null
}

# The member with the most sessions: "COUNT ID".
busiest_member() {
  curl -sf "${auth[@]}" "$base/api/v1/members?limit=500" | json '" ".join(str(m["id"]) for m in d["items"])' |
    tr ' ' '\n' | while read -r m; do
      n=$(curl -sf "${auth[@]}" "$base/api/v1/sessions?member_id=$m&limit=500" | json 'len(d["items"])'); echo "$n $m"; done |
    sort -rn | head -1
}

# A temp work directory, removed at exit together with every process whose pid is in `pids` (the server,
# nginx, a background loop): scripts add theirs with `pids+=($!)`.
pids=()
make_workdir() {
  work=$(mktemp -d "/tmp/satdan-$bench.XXXXXX")
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
}
