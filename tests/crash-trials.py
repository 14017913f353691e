#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash trials: edits through strata-cli, killed with SIGKILL at random moments.

Each trial runs one edit (publish, draft rules, override set or remove, period
close, reopen, rename or add) on one workspace that lives through every trial,
and kills the process after a random delay drawn between 0 and 1.5 times the
edit's measured run time, so some finish (acknowledged: exit 0) and others die
anywhere from start-up to the commit. After each trial:
  - `strata-cli check` (the file opens the way the app opens it, integrity_check)
    and SQLite's own PRAGMA integrity_check are ok;
  - an acknowledged edit is there, with its audit row;
  - a killed edit is either all there (row and audit row) or not at all;
  - at the end, every acknowledged edit's audit row is still there.

  crash-trials.py --cli _build/src/cli/strata-cli --trials 100   # per kind
Exits 1 when anything is lost, half applied or damaged."""

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

KINDS = ["publish", "draft", "override-set", "override-remove",
         "close", "reopen", "rename", "add-period"]


class Trials:
    def __init__(self, cli, directory, rng):
        self.cli = cli
        self.dir = directory
        self.rng = rng
        self.ws = os.path.join(directory, "trials.strata")
        self.rules = os.path.join(directory, "rules.json")
        self.durations = {}
        self.acked_audit = {}      # audit action -> acknowledged count
        self.stats = {k: dict(trials=0, killed=0, acked=0, applied_after_kill=0,
                              lost=0, half=0, damaged=0, killed_damaged=0) for k in KINDS}
        self.serial = 0
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")

    # -- plumbing ---------------------------------------------------------

    def run(self, *args, check=True):
        p = subprocess.run([self.cli, *args], capture_output=True, text=True, env=self.env)
        if check and p.returncode != 0:
            raise RuntimeError("strata-cli %s failed: %s" % (" ".join(args), p.stderr.strip()))
        return p

    def query(self, sql, *params):
        # Read-only, through SQLite's own WAL recovery, as any reader would.
        db = sqlite3.connect("file:%s?mode=ro" % self.ws, uri=True)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def one(self, sql, *params):
        rows = self.query(sql, *params)
        return rows[0][0] if rows else None

    def audit_count(self, action):
        return self.one("SELECT count(*) FROM audit_log WHERE action = ?", action)

    def run_killed(self, kind, args):
        """Runs the edit, SIGKILLs it after a random delay; True when it
        finished with exit 0 before the kill."""
        limit = self.durations.get(kind, 0.3) * 1.5
        delay = self.rng.uniform(0, limit)
        p = subprocess.Popen([self.cli, *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=self.env)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            return False
        if p.returncode != 0:
            raise RuntimeError("strata-cli %s failed: %s" % (" ".join(args), p.stderr.read()))
        return True

    def periods(self):
        return self.query("SELECT id, name, state FROM periods ORDER BY position, id")

    # -- one edit of each kind: (args, audit action, applied(), before) ---

    def next_serial(self):
        self.serial += 1
        return self.serial

    def write_rules(self, points):
        with open(self.rules_base) as f:
            rules = json.load(f)
        rules["indicators"][0]["bands"][0]["points"] = points
        with open(self.rules, "w") as f:
            json.dump(rules, f)
        return json.dumps(rules, sort_keys=True)

    def prepare(self, kind):
        """Sets up what the edit needs (unkilled) and returns
        (args, audit action, applied: () -> bool)."""
        n = self.next_serial()
        if kind == "publish":
            self.write_rules(1000 + n)
            note = "trial %d" % n
            return (["rules", "import", self.ws, self.rules, "--publish", note], "rules.publish",
                    lambda: self.one("SELECT count(*) FROM rulesets WHERE state = 'published'"
                                     " AND note = ?", note) == 1)
        if kind == "draft":
            self.write_rules(1000 + n)
            return (["rules", "import", self.ws, self.rules], "rules.save-draft",
                    lambda: self.one("SELECT json_extract(rules_json, '$.indicators[0].bands[0].points')"
                                     " FROM rulesets WHERE state = 'draft'") == 1000 + n)
        # The demo's latest period (by id: renames keep it), with its customers.
        latest = (self.latest_id, self.one("SELECT name FROM periods WHERE id = ?", self.latest_id))
        if kind in ("override-set", "override-remove"):
            customer = self.customers[n % len(self.customers)]
            cid = self.one("SELECT id FROM customers WHERE ext_id = ?", customer)
            active = ("SELECT count(*) FROM overrides WHERE customer_id = ? AND period_id = ?"
                      " AND removed_at IS NULL")
            if kind == "override-set":
                reason = "trial %d" % n
                tier = self.rng.choice(self.tiers)
                return (["override", self.ws, customer, tier, "--reason", reason, "--period", latest[1]],
                        "override.set",
                        lambda: self.one("SELECT count(*) FROM overrides WHERE customer_id = ?"
                                         " AND period_id = ? AND removed_at IS NULL AND reason = ?",
                                         cid, latest[0], reason) == 1)
            if self.one(active, cid, latest[0]) == 0:
                self.run("override", self.ws, customer, self.tiers[0], "--reason", "setup %d" % n,
                         "--period", latest[1])
                self.acked("override.set")
            return (["override", "remove", self.ws, customer, "--period", latest[1]], "override.remove",
                    lambda: self.one(active, cid, latest[0]) == 0)
        if kind in ("close", "reopen"):
            period = self.rng.choice(self.periods())
            pid, name, state = period
            if kind == "close" and state == "closed":
                self.run("periods", "reopen", self.ws, name)
                self.acked("period.reopen")
            if kind == "reopen" and state == "open":
                self.run("periods", "close", self.ws, name)
                self.acked("period.close")
            want = "closed" if kind == "close" else "open"
            # Closed: state, its frozen results and the rule version together.
            return (["periods", kind, self.ws, name], "period." + kind,
                    lambda: self.closed_state(pid) == want)
        if kind == "rename":
            pid, name, _ = self.rng.choice(self.periods())
            new = "P-%d" % n
            return (["periods", "rename", self.ws, name, new], "period.rename",
                    lambda: self.one("SELECT name FROM periods WHERE id = ?", pid) == new)
        if kind == "add-period":
            name = "X-%d" % n
            return (["periods", "add", self.ws, name, "--start", "2030-01-01", "--end", "2030-03-31"],
                    "period.create",
                    lambda: self.one("SELECT count(*) FROM periods WHERE name = ?", name) == 1)
        raise ValueError(kind)

    def closed_state(self, pid):
        state, ruleset, closed_at = self.query(
            "SELECT state, ruleset_id, closed_at FROM periods WHERE id = ?", pid)[0]
        results = self.one("SELECT count(*) FROM period_results WHERE period_id = ?", pid)
        members = self.one("SELECT count(*) FROM period_customers WHERE period_id = ?", pid)
        if state == "closed" and ruleset is not None and closed_at and results == members:
            return "closed"
        if state == "open" and ruleset is None and closed_at is None and results == 0:
            return "open"
        return "half: state %s, ruleset %s, %d of %d results" % (state, ruleset, results, members)

    def acked(self, action):
        self.acked_audit[action] = self.acked_audit.get(action, 0) + 1

    # -- checks -----------------------------------------------------------

    def file_ok(self):
        p = self.run("check", self.ws, check=False)
        if p.returncode != 0:
            return "strata-cli check: " + p.stderr.strip()
        if self.one("PRAGMA integrity_check") != "ok":
            return "integrity_check: " + repr(self.query("PRAGMA integrity_check"))
        if self.run("periods", self.ws, check=False).returncode != 0:
            return "strata-cli periods failed"
        return None

    def trial(self, kind):
        args, action, applied = self.prepare(kind)
        audit_before = self.audit_count(action)
        acknowledged = self.run_killed(kind, args)
        s = self.stats[kind]
        s["trials"] += 1
        s["acked" if acknowledged else "killed"] += 1
        damage = self.file_ok()
        if damage:
            s["damaged"] += 1
            s["killed_damaged"] += 0 if acknowledged else 1
            print("DAMAGED after %s: %s" % (kind, damage), file=sys.stderr)
            return
        there = applied()
        audited = self.audit_count(action) - audit_before
        if there != (audited == 1) or audited > 1:
            s["half"] += 1
            print("HALF APPLIED %s: edit %s, %d audit rows" % (kind, there, audited), file=sys.stderr)
        if acknowledged and not there:
            s["lost"] += 1
            print("LOST acknowledged %s: %s" % (kind, args), file=sys.stderr)
        if not acknowledged and there:
            s["applied_after_kill"] += 1
        if there and audited == 1:
            self.acked(action)

    # -- setup ------------------------------------------------------------

    def setup(self):
        self.run("demo", "--quiet", "--customers", "200", "--periods", "3", self.ws)
        self.rules_base = os.path.join(self.dir, "rules-base.json")
        self.run("rules", "export", self.ws, "-o", self.rules_base)
        with open(self.rules_base) as f:
            self.tiers = [t["id"] for t in json.load(f)["tiers"]]
        self.latest_id = latest = self.periods()[-1][0]
        self.customers = [r[0] for r in self.query(
            "SELECT c.ext_id FROM customers c JOIN period_customers pc ON pc.customer_id = c.id"
            " WHERE pc.period_id = ? ORDER BY c.id LIMIT 20", latest)]
        # How long each edit takes when left alone: the kill delays scale on it.
        for kind in KINDS:
            args, action, applied = self.prepare(kind)
            start = time.monotonic()
            self.run(*args)
            self.durations[kind] = time.monotonic() - start
        self.acked_audit = {}
        self.audit_base = {a: self.audit_count(a) for a in
                           [r[0] for r in self.query("SELECT DISTINCT action FROM audit_log")]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--trials", type=int, default=100, help="trials per kind of edit")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the workspace")
    opts = parser.parse_args()

    seed = opts.seed if opts.seed is not None else random.randrange(1 << 30)
    directory = tempfile.mkdtemp(prefix="strata-crash-")
    t = Trials(os.path.abspath(opts.cli), directory, random.Random(seed))
    print("crash trials: seed %d, %d per kind, workspace %s" % (seed, opts.trials, t.ws))
    t.setup()
    order = [k for k in KINDS for _ in range(opts.trials)]
    t.rng.shuffle(order)
    start = time.monotonic()
    for kind in order:
        t.trial(kind)

    # Every acknowledged edit (and every killed one that made it) still has its audit row.
    lost_at_end = 0
    for action, count in t.acked_audit.items():
        have = t.audit_count(action) - t.audit_base.get(action, 0)
        if have < count:
            lost_at_end += count - have
            print("LOST at the end: %s %d of %d" % (action, have, count), file=sys.stderr)

    head = ("kind", "trials", "killed", "survived", "acked", "applied after kill",
            "acked lost", "half applied", "damaged")
    print("%-16s %7s %7s %9s %6s %19s %11s %13s %8s" % head)
    total = {k: 0 for k in ("trials", "killed", "acked", "applied_after_kill", "lost", "half",
                            "damaged", "killed_damaged")}
    for kind in KINDS:
        s = t.stats[kind]
        for k in total:
            total[k] += s[k]
        print("%-16s %7d %7d %9d %6d %19d %11d %13d %8d" % (
            kind, s["trials"], s["killed"], s["killed"] - s["killed_damaged"], s["acked"],
            s["applied_after_kill"], s["lost"], s["half"], s["damaged"]))
    print("%-16s %7d %7d %9d %6d %19d %11d %13d %8d" % (
        "total", total["trials"], total["killed"], total["killed"] - total["killed_damaged"],
        total["acked"], total["applied_after_kill"], total["lost"] + lost_at_end,
        total["half"], total["damaged"]))
    print("%.1f s; edit run times (s): %s" % (
        time.monotonic() - start,
        ", ".join("%s %.3f" % (k, v) for k, v in t.durations.items())))

    failed = total["lost"] + lost_at_end + total["half"] + total["damaged"]
    if failed == 0 and not opts.keep:
        shutil.rmtree(directory)
    elif failed:
        print("FAILED: workspace kept in %s" % directory, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
