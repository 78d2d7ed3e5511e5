#!/usr/bin/python3
"""Exact MILP of the attendance-assignment problem (shared/spec/scheduling.md), for benchmarking only.

usage: bench/milp.py INSTANCE.json [--time-limit SECONDS] [--threads N] > SOLUTION.json

Builds the model with PuLP and solves it with CBC (Debian: coinor-cbc, python3-pulp; run with the system
/usr/bin/python3). Prints the best solution found in the spec's solution format, with the cost recomputed
exactly from the chosen assignments, and reports on stderr the solver status, objective and best bound.
Exit status: 0 with a solution, 2 when the pins are infeasible, 3 when no solution was found in time.
This is a benchmark tool, never a runtime dependency of satdan.
"""
import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from zoneinfo import ZoneInfo

import pulp

DEFAULT_WEIGHTS = {"unfilled": 1000, "uncovered": 200, "outside": 10, "travel": 1, "imbalance": 50, "moved": 5}
DEFAULT_COVERAGE = {"level": "district", "period": "quarter"}


def parse_time(text):
    t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if t.tzinfo is None:
        raise ValueError(f"time without offset: {text}")
    return t


class Instance:
    def __init__(self, data):
        if data.get("version") != 1:
            raise ValueError("version must be 1")
        self.tz = ZoneInfo(data.get("timezone", "Asia/Ho_Chi_Minh"))
        self.w = dict(DEFAULT_WEIGHTS, **data.get("weights", {}))
        self.cov = dict(DEFAULT_COVERAGE, **data.get("coverage", {}))
        self.within = int(data.get("travel_within_minutes", 10))
        self.travel_tab = {}
        for e in data.get("travel_minutes", []):
            self.travel_tab[(e["from"], e["to"])] = int(e["minutes"])
            self.travel_tab[(e["to"], e["from"])] = int(e["minutes"])
        self.members = {}
        for m in data.get("members", []):
            m = dict(m)
            m.setdefault("roles", [])
            m.setdefault("responsible", [])
            m.setdefault("unavailable", [])
            m.setdefault("max_per_month", 4)
            m["_unav"] = [(parse_time(i["start"]), parse_time(i["end"])) for i in m["unavailable"]]
            m["_resp"] = set(m["responsible"])
            self.members[m["id"]] = m
        self.sessions = {}
        for s in data.get("sessions", []):
            s = dict(s)
            s.setdefault("needs", {})
            s.setdefault("optional", {})
            s["_start"] = parse_time(s["start"])
            s["_end"] = parse_time(s["end"])
            local = s["_start"].astimezone(self.tz)
            s["_month"] = (local.year, local.month)
            p = self.cov["period"]
            if p == "month":
                s["_period"] = (local.year, local.month)
            elif p == "quarter":
                s["_period"] = (local.year, (local.month - 1) // 3 + 1)
            elif p == "year":
                s["_period"] = (local.year,)
            else:
                raise ValueError(f"bad coverage.period {p}")
            self.sessions[s["id"]] = s
        self.pinned = {(p["session"], p["member"], p["need"]) for p in data.get("pinned", [])}
        self.previous = {(p["session"], p["member"], p["need"]) for p in data.get("previous", [])}

    def travel(self, a, b):
        if a == b:
            return self.within
        try:
            return self.travel_tab[(a, b)]
        except KeyError:
            raise ValueError(f"travel between {a} and {b} not given")

    def seats(self, s, r):
        return int(s["needs"].get(r, 0)) + int(s["optional"].get(r, 0))

    def allowed(self, sid, mid, r):
        """H1 fit + H3 offered + H4 availability for one assignment."""
        s, m = self.sessions.get(sid), self.members.get(mid)
        if s is None or m is None:
            return False
        if self.seats(s, r) <= 0:
            return False
        if not (m["level"] == r or r in m["roles"]):
            return False
        if m["level"] == "commune" and s["unit"] != m["home"]:
            return False
        for a, b in m["_unav"]:
            if s["_start"] < b and a < s["_end"]:
                return False
        return True

    def travel_ok(self, a, b):
        """H5 for one ordered-by-start pair; equal starts need both orders."""
        def ok(x, y):
            return x["_end"] + dt.timedelta(minutes=self.travel(x["unit"], y["unit"])) <= y["_start"]
        if a["_start"] < b["_start"]:
            return ok(a, b)
        if b["_start"] < a["_start"]:
            return ok(b, a)
        return ok(a, b) and ok(b, a)

    def outside(self, s, m):
        return s["unit"] not in m["_resp"] and (s.get("cell") is None or s["cell"] not in m["_resp"])

    def cost(self, assignments):
        """Exact integer cost of a set of (session, member, need) triples, as the spec defines it."""
        filled = defaultdict(int)
        load = defaultdict(int)
        covered = set()
        outside = travel = 0
        for sid, mid, r in assignments:
            s, m = self.sessions[sid], self.members[mid]
            filled[(sid, r)] += 1
            load[mid] += 1
            if self.outside(s, m):
                outside += 1
            travel += self.travel(m["home"], s["unit"])
            if s["kind"] == "cell_meeting" and s.get("cell") is not None and m["level"] == self.cov["level"]:
                covered.add((s["cell"], s["_period"]))
        unfilled = sum(max(0, int(n) - filled[(sid, r)])
                       for sid, s in self.sessions.items() for r, n in s["needs"].items())
        cells = {(s["cell"], s["_period"]) for s in self.sessions.values()
                 if s["kind"] == "cell_meeting" and s.get("cell") is not None}
        uncovered = len(cells - covered)
        imbalance = 0
        for lvl in {m["level"] for m in self.members.values()}:
            loads = [load[mid] for mid, m in self.members.items() if m["level"] == lvl]
            imbalance += max(loads) - min(loads)
        moved = len(self.previous - set(assignments))
        c = {"unfilled": unfilled, "uncovered": uncovered, "outside": outside, "travel": travel,
             "imbalance": imbalance, "moved": moved}
        total = sum(c[k] * int(self.w[k]) for k in c)
        return dict(total=total, **c)


def build(inst):
    prob = pulp.LpProblem("satdan", pulp.LpMinimize)
    W = inst.w
    # candidate (session, member, need) triples: H1, H3 (offered seat), H4
    keys = []
    by_member = defaultdict(list)
    for sid, s in inst.sessions.items():
        reqs = {r for r in list(s["needs"]) + list(s["optional"]) if inst.seats(s, r) > 0}
        for mid, m in inst.members.items():
            for r in sorted(reqs):
                if inst.allowed(sid, mid, r):
                    keys.append((sid, mid, r))
    x = {k: pulp.LpVariable(f"x_{i}", cat="Binary") for i, k in enumerate(keys)}
    sm = defaultdict(list)     # (s, m) -> vars
    sr = defaultdict(list)     # (s, r) -> vars
    mv = defaultdict(list)     # m -> vars
    mmonth = defaultdict(list)  # (m, month) -> vars
    for k, v in x.items():
        sid, mid, r = k
        sm[(sid, mid)].append(v)
        sr[(sid, r)].append(v)
        mv[mid].append(v)
        mmonth[(mid, inst.sessions[sid]["_month"])].append(v)
    for (sid, mid) in sm:
        by_member[mid].append(sid)
    ncons = defaultdict(int)
    # H2
    for k, vs in sm.items():
        if len(vs) > 1:
            prob += pulp.lpSum(vs) <= 1, f"H2_{ncons['H2']}"
            ncons["H2"] += 1
    # H3
    for (sid, r), vs in sr.items():
        cap = inst.seats(inst.sessions[sid], r)
        if len(vs) > cap:
            prob += pulp.lpSum(vs) <= cap, f"H3_{ncons['H3']}"
            ncons["H3"] += 1
    # H5. Sessions that overlap in time always conflict (travel >= 0), so every set of a member's sessions
    # containing one start instant gets one clique row (sum <= 1), which covers all overlapping pairs and
    # is the same rule, only tighter in the LP. Remaining pairs (disjoint in time, travel gap too short)
    # get a pairwise row each: x-sum <= 1 over the two sessions.
    maxtravel = max([inst.within] + list(inst.travel_tab.values()))
    for mid, sids in by_member.items():
        ss = sorted((inst.sessions[sid] for sid in sids), key=lambda s: (s["_start"], s["id"]))
        cliques = set()
        pos = [c for c in ss if c["_start"] < c["_end"]]  # positive duration
        active = []
        for i, c in enumerate(pos):
            t = c["_start"]
            if i + 1 < len(pos) and pos[i + 1]["_start"] == t:
                active.append(c)
                continue
            active = [d for d in active if d["_end"] > t] + [c]
            if len(active) > 1:
                cliques.add(tuple(sorted(d["id"] for d in active)))
        for g in sorted(cliques):
            prob += pulp.lpSum(v for sid in g for v in sm[(sid, mid)]) <= 1, f"H5_{ncons['H5']}"
            ncons["H5"] += 1
        for i, a in enumerate(ss):
            horizon = a["_end"] + dt.timedelta(minutes=maxtravel)
            for b in ss[i + 1:]:
                if b["_start"] >= horizon:
                    break
                if b["_start"] < a["_end"] and a["_start"] < a["_end"] and b["_start"] < b["_end"]:
                    continue  # overlapping: covered by the clique at b's start
                if not inst.travel_ok(a, b):
                    prob += (pulp.lpSum(sm[(a["id"], mid)]) + pulp.lpSum(sm[(b["id"], mid)]) <= 1,
                             f"H5_{ncons['H5']}")
                    ncons["H5"] += 1
    # H6
    for (mid, month), vs in mmonth.items():
        cap = int(inst.members[mid]["max_per_month"])
        if len(vs) > cap:
            prob += pulp.lpSum(vs) <= cap, f"H6_{ncons['H6']}"
            ncons["H6"] += 1
    # H7
    for p in inst.pinned:
        if p not in x:
            return None, p
        prob += x[p] == 1, f"H7_{ncons['H7']}"
        ncons["H7"] += 1

    obj = []
    const = 0
    # unfilled
    for sid, s in inst.sessions.items():
        for r, n in s["needs"].items():
            n = int(n)
            if n <= 0:
                continue
            vs = sr.get((sid, r), [])
            if not vs:
                const += W["unfilled"] * n
                continue
            u = pulp.LpVariable(f"u_{ncons['u']}", lowBound=0)
            ncons["u"] += 1
            prob += u >= n - pulp.lpSum(vs), f"U_{ncons['u']}"
            obj.append(W["unfilled"] * u)
    # uncovered: cost w * (1 - y) = w - w*y
    cellp = defaultdict(list)
    cells = set()
    for k, v in x.items():
        s = inst.sessions[k[0]]
        if s["kind"] == "cell_meeting" and s.get("cell") is not None \
                and inst.members[k[1]]["level"] == inst.cov["level"]:
            cellp[(s["cell"], s["_period"])].append(v)
    for s in inst.sessions.values():
        if s["kind"] == "cell_meeting" and s.get("cell") is not None:
            cells.add((s["cell"], s["_period"]))
    const += W["uncovered"] * len(cells)
    for i, (cp, vs) in enumerate(sorted(cellp.items(), key=lambda t: str(t[0]))):
        y = pulp.LpVariable(f"y_{i}", cat="Binary")
        prob += y <= pulp.lpSum(vs), f"Y_{i}"
        obj.append(-W["uncovered"] * y)
    # outside, travel
    for (sid, mid, r), v in x.items():
        s, m = inst.sessions[sid], inst.members[mid]
        c = W["travel"] * inst.travel(m["home"], s["unit"]) + (W["outside"] if inst.outside(s, m) else 0)
        if c:
            obj.append(c * v)
    # imbalance per level, zero loads included
    for li, lvl in enumerate(sorted({m["level"] for m in inst.members.values()})):
        mids = [mid for mid, m in inst.members.items() if m["level"] == lvl]
        hi = pulp.LpVariable(f"Lmax_{li}", lowBound=0)
        lo = pulp.LpVariable(f"Lmin_{li}", lowBound=0)
        for j, mid in enumerate(mids):
            load = pulp.lpSum(mv.get(mid, []))
            prob += hi >= load, f"LH_{li}_{j}"
            prob += lo <= load, f"LL_{li}_{j}"
        obj.append(W["imbalance"] * hi - W["imbalance"] * lo)
    # moved: (1 - x) for previous entries that can be kept, 1 for those that cannot
    for p in inst.previous:
        const += W["moved"]
        if p in x:
            obj.append(-W["moved"] * x[p])
    prob += pulp.lpSum(obj)
    assert prob.objective.constant == 0
    return (prob, x, const, ncons), None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    with open(args.instance, encoding="utf-8") as f:
        inst = Instance(json.load(f))

    t0 = time.monotonic()
    built, bad_pin = build(inst)
    if built is None:
        json.dump({"infeasible_pins": [{"session": bad_pin[0], "member": bad_pin[1], "need": bad_pin[2],
                                        "rule": "H1/H3/H4", "detail": "pin not allowed"}]}, sys.stdout)
        print()
        return 2
    prob, x, const, ncons = built
    t_build = time.monotonic() - t0
    print(f"milp: {len(x)} x vars, {len(prob.variables())} vars, {len(prob.constraints)} constraints "
          f"({', '.join(f'{k}={v}' for k, v in sorted(ncons.items()) if k != 'u')}); build {t_build:.1f}s",
          file=sys.stderr)

    fd, logpath = tempfile.mkstemp(prefix="milp-cbc-", suffix=".log")
    os.close(fd)
    # every feasible objective value is an integer (integer weights, Lmax/Lmin settle on integer loads), so a
    # solution within less than 1 of the bound is optimal: gapAbs 0.999 keeps the model exact.
    solver = pulp.COIN_CMD(msg=False, timeLimit=args.time_limit, threads=args.threads, logPath=logpath,
                           gapAbs=0.999)
    t1 = time.monotonic()
    prob.solve(solver)
    t_solve = time.monotonic() - t1
    with open(logpath, encoding="utf-8", errors="replace") as f:
        log = f.read()
    os.unlink(logpath)

    result = re.search(r"^Result - (.*)$", log, re.M)
    cbc_status = result.group(1).strip() if result else pulp.LpStatus[prob.status]
    m_obj = re.search(r"^Objective value:\s*(\S+)", log, re.M)
    m_bound = re.search(r"^Lower bound:\s*(\S+)", log, re.M)
    optimal = "Optimal solution found" in cbc_status
    have_solution = prob.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible) or optimal
    obj = float(m_obj.group(1)) + const if m_obj else None
    if optimal and obj is not None:
        bound = obj
    elif m_bound:
        bound = float(m_bound.group(1)) + const
        bound = float(int(-(-bound // 1))) if abs(bound - round(bound)) > 1e-6 else float(round(bound))  # ceil
    else:
        bound = None

    if not have_solution:
        print(f"milp: status {cbc_status}; no solution in {t_solve:.1f}s; best bound "
              f"{bound if bound is None else round(bound, 2)}", file=sys.stderr)
        return 3

    chosen = sorted(k for k, v in x.items() if v.varValue is not None and v.varValue > 0.5)
    cost = inst.cost(chosen)
    gap = (cost["total"] - bound) / cost["total"] if bound is not None and cost["total"] else 0.0
    print(f"milp: status {cbc_status}; objective {cost['total']} (cbc {obj}); best bound "
          f"{'?' if bound is None else f'{bound:.2f}'}; gap {100 * gap:.2f}%; solve {t_solve:.1f}s",
          file=sys.stderr)
    sol = {"assignments": [{"session": s, "member": m, "need": r} for s, m, r in chosen],
           "cost": cost,
           "milp": {"status": cbc_status, "optimal": optimal, "bound": bound,
                    "build_seconds": round(t_build, 2), "solve_seconds": round(t_solve, 2)}}
    json.dump(sol, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
