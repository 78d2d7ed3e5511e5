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
