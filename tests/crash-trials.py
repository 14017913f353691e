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


WINDOW_KINDS = ["band", "rule", "publish", "override", "entitlement", "period", "rename"]
WINDOW_AUDIT = {"band": ["rules.save-draft"], "rule": ["rules.save-draft"],
                "publish": ["rules.publish"], "override": ["override.set", "override.remove"],
                "entitlement": None, "period": ["period.close", "period.reopen"],
                "rename": ["period.rename"]}


class WindowTrials(Trials):
    """Edits through the window (strata, STRATA_TEST_EDIT_SCRIPT: see
    src/gui/strata-edit-script.c), killed with SIGKILL at random moments.
    Each trial starts the window on the workspace, which logs what it shows
    on opening and then each edit it tries and each it acknowledged (toast,
    undo entry, shown once the draft is saved), and kills it a random time after it opened."""

    def __init__(self, cli, app, directory, rng):
        super().__init__(cli, directory, rng)
        self.app = app
        self.log = os.path.join(directory, "edits.log")
        self.edit_time = {}
        self.ent_cell = None       # the entitlement cell the edits write
        self.stats = {k: dict(trials=0, killed=0, tries=0, acked=0, applied_after_kill=0,
                              lost=0, half=0, damaged=0, opens=0, open_wrong=0)
                      for k in WINDOW_KINDS}
        self.wenv = dict(self.env, GSETTINGS_BACKEND="memory", GTK_USE_PORTAL="0",
                         GDK_BACKEND="x11", GSK_RENDERER="cairo", NO_AT_BRIDGE="1")
        # No session bus: each window is its own instance, never handed to
        # another Strata that runs meanwhile.
        self.wenv.pop("DBUS_SESSION_BUS_ADDRESS", None)

    def entitlement_actions(self):
        return [r[0] for r in self.query("SELECT DISTINCT action FROM audit_log"
                                         " WHERE action LIKE 'entitlement%'"
                                         " AND action <> 'entitlements.seed'")]

    def audit_total(self, kind):
        actions = WINDOW_AUDIT[kind]
        if actions is None:
            actions = self.entitlement_actions()
        return sum(self.audit_count(a) for a in actions)

    def snapshot(self):
        """What the window should show on opening, read from the file."""
        draft = self.one("SELECT rules_json FROM rulesets WHERE state = 'draft'")
        if draft is None:
            draft = self.one("SELECT rules_json FROM rulesets WHERE state = 'published'"
                             " ORDER BY version DESC LIMIT 1")
        rules = json.loads(draft)
        snap = dict(band=rules["indicators"][0]["bands"][0]["points"],
                    rule=rules["adjustments"][0]["points"],
                    published=self.one("SELECT max(version) FROM rulesets"
                                       " WHERE state = 'published'"),
                    names={}, states={}, overrides={},
                    cell=self.cell_value() if self.ent_cell else None)
        for pid, name, _ in self.periods():
            snap["names"][pid] = name
            snap["states"][pid] = self.closed_state(pid)
            # Active overrides among the period's first 10 customers (the
            # rows the edits use).
            snap["overrides"][pid] = self.one(
                "SELECT count(*) FROM overrides WHERE period_id = ? AND removed_at IS NULL"
                " AND customer_id IN (SELECT customer_id FROM period_customers"
                " WHERE period_id = ? ORDER BY customer_id LIMIT 10)", pid, pid)
        return snap

    def read_log(self):
        lines = []
        try:
            with open(self.log) as f:
                for line in f:
                    if line.endswith("\n"):
                        lines.append(json.loads(line))
        except FileNotFoundError:
            pass
        return lines

    def launch(self, kind, seed, count=0):
        if os.path.exists(self.log):
            os.unlink(self.log)
        env = dict(self.wenv, STRATA_TEST_EDIT_SCRIPT="kind=%s,seed=%d,count=%d,log=%s" % (
            kind, seed, count, self.log))
        return subprocess.Popen([self.app, self.ws], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)

    def wait_open(self, p, event="open", timeout=120):
        """Waits until the window logged event (it opened the file, or
        tried its first edit)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if p.poll() is not None:
                raise RuntimeError("strata exited with %d before it logged %s: %s" % (
                    p.returncode, event, p.stderr.read().decode(errors="replace")[-2000:]))
            if any(l["ev"] == event for l in self.read_log()):
                return
            time.sleep(0.01)
        p.kill()
        raise RuntimeError("strata did not log %s within %d s" % (event, timeout))

    def calibrate(self, kind):
        """Runs 5 edits unkilled: the time of one sets the kill delays."""
        p = self.launch(kind, 999000 + len(self.edit_time), count=5)
        err = p.communicate(timeout=300)[1]
        if p.returncode != 0:
            raise RuntimeError("strata (%s, 5 edits) exited with %d: %s" % (
                kind, p.returncode, err.decode(errors="replace")[-2000:]))
        acks = [l for l in self.read_log() if l["ev"] == "ack"]
        if len(acks) != 5:
            raise RuntimeError("%s: %d of 5 edits acknowledged" % (kind, len(acks)))
        first_try = next(l for l in self.read_log() if l["ev"] == "try")
        self.edit_time[kind] = (acks[-1]["t"] - first_try["t"]) / 5e6

    def check_open(self, kind, opened, before):
        """The window showed the file as it was, with an empty history."""
        wrong = []
        for key in ("band", "rule", "published"):
            if opened[key] != before[key]:
                wrong.append("%s %r, file %r" % (key, opened[key], before[key]))
        if opened["undo"] or opened["entitlements_undo"]:
            wrong.append("undo history not empty")
        if before["states"].get(opened["latest_id"]) != ("closed" if opened["latest_closed"] else "open"):
            wrong.append("latest period state %r, file %r" % (
                opened["latest_closed"], before["states"].get(opened["latest_id"])))
        if before["names"].get(opened["first_id"]) != opened["first"]:
            wrong.append("first period name %r, file %r" % (
                opened["first"], before["names"].get(opened["first_id"])))
        if before["overrides"].get(opened["period"]) != opened["overrides"]:
            wrong.append("overrides %d, file %r" % (opened["overrides"],
                                                    before["overrides"].get(opened["period"])))
        if "entitlement" in opened and before["cell"] is not None:
            if (before["cell"] or "") != opened["entitlement"]:
                wrong.append("entitlement %r, file %r" % (opened["entitlement"], before["cell"]))
        return wrong

    def cell_value(self):
        eid, tier = self.ent_cell
        return self.one("SELECT value FROM entitlement_values WHERE entitlement_id = ?"
                        " AND tier = ?", eid, tier)

    def applied(self, kind, e):
        """Whether edit e is in the file (True/False), or a string naming
        what is half applied."""
        if kind in ("band", "rule"):
            path = "$.indicators[0].bands[0].points" if kind == "band" else "$.adjustments[0].points"
            return self.one("SELECT json_extract(rules_json, ?) FROM rulesets"
                            " WHERE state = 'draft'", path) == e["value"]
        if kind == "publish":
            return self.one("SELECT count(*) FROM rulesets WHERE state = 'published'"
                            " AND note = ?", e["text"]) == 1
        if kind == "override":
            if e["action"] == "set":
                return self.one("SELECT count(*) FROM overrides WHERE customer_id = ?"
                                " AND period_id = ? AND reason = ?",
                                e["id"], e["period"], e["text"]) == 1
            return self.one("SELECT removed_at IS NOT NULL FROM overrides WHERE id = ?",
                            e["override"]) == 1
        if kind == "entitlement":
            self.ent_cell = (e["id"], e["tier"])
            return self.cell_value() == e["text"]
        if kind == "period":
            state = self.closed_state(e["id"])
            if state.startswith("half"):
                return state
            return state == ("closed" if e["action"] == "close" else "open")
        if kind == "rename":
            return self.one("SELECT name FROM periods WHERE id = ?", e["id"]) == e["text"]
        raise ValueError(kind)

    def superseded(self, kind, e, later):
        """An acknowledged edit that a later one (acknowledged or applied)
        overwrote: its absence is no loss."""
        if kind in ("band", "rule", "rename", "entitlement"):
            return len(later) > 0
        if kind == "period":
            return any(l["id"] == e["id"] for l in later)
        if kind == "override" and e["action"] == "set":
            return any(l["action"] == "remove" and l["id"] == e["id"] for l in later)
        return False

    def trial(self, kind, seed):
        s = self.stats[kind]
        before = self.snapshot()
        audit_before = self.audit_total(kind)
        p = self.launch(kind, seed)
        # The kill comes while edits run: from the start of the first to
        # about three edits later.
        self.wait_open(p, "try")
        time.sleep(self.rng.uniform(0, 3 * self.edit_time[kind]))
        killed = p.poll() is None
        if killed:
            p.send_signal(signal.SIGKILL)
        p.wait()
        if not killed:
            raise RuntimeError("strata exited by itself (%d): %s" % (
                p.returncode, p.stderr.read().decode(errors="replace")[-2000:]))
        s["trials"] += 1
        s["killed"] += 1
        damage = self.file_ok()
        if damage:
            s["damaged"] += 1
            print("DAMAGED after window %s: %s" % (kind, damage), file=sys.stderr)
            return
        lines = self.read_log()
        opened = next(l for l in lines if l["ev"] == "open")
        wrong = self.check_open(kind, opened, before)
        s["opens"] += 1
        if wrong:
            s["open_wrong"] += 1
            print("WINDOW OPENED WRONG (%s): %s" % (kind, "; ".join(wrong)), file=sys.stderr)
        tries = [l for l in lines if l["ev"] == "try"]
        acks = [l for l in lines if l["ev"] == "ack"]
        s["tries"] += len(tries)
        s["acked"] += len(acks)
        # The edit in flight when the kill came: tried, not acknowledged.
        in_flight = tries[len(acks)] if len(tries) > len(acks) else None
        flight_applied = False
        if in_flight is not None:
            state = self.applied(kind, in_flight)
            if isinstance(state, str):
                s["half"] += 1
                print("HALF APPLIED window %s: %s" % (kind, state), file=sys.stderr)
            flight_applied = state is True
            s["applied_after_kill"] += 1 if flight_applied else 0
        later_applied = [in_flight] if flight_applied else []
        for i, e in enumerate(acks):
            state = self.applied(kind, e)
            if state is not True and not self.superseded(kind, e, acks[i + 1:] + later_applied):
                s["lost"] += 1
                print("LOST acknowledged window %s: %r (%r)" % (kind, e, state), file=sys.stderr)
        # One audit row per edit that is there: none twice, none without.
        audited = self.audit_total(kind) - audit_before
        if audited != len(acks) + (1 if flight_applied else 0):
            s["half"] += 1
            print("HALF APPLIED window %s: %d audit rows for %d acknowledged edits%s" % (
                kind, audited, len(acks), " and the one in flight" if flight_applied else ""),
                file=sys.stderr)

    def setup_window(self):
        self.run("demo", "--quiet", "--customers", "200", "--periods", "3", self.ws)
        for kind in WINDOW_KINDS:
            self.calibrate(kind)


def window_main(opts, seed):
    directory = tempfile.mkdtemp(prefix="strata-crash-window-")
    t = WindowTrials(os.path.abspath(opts.cli), os.path.abspath(opts.window), directory,
                     random.Random(seed))
    print("window crash trials: seed %d, %d per kind, workspace %s" % (seed, opts.trials, t.ws))
    t.setup_window()
    order = [k for k in WINDOW_KINDS for _ in range(opts.trials)]
    t.rng.shuffle(order)
    start = time.monotonic()
    for n, kind in enumerate(order):
        if opts.time_limit and time.monotonic() - start > opts.time_limit:
            print("time limit: %d of %d trials run" % (n, len(order)))
            break
        t.trial(kind, opts.seed_base + n + 1)
    head = ("kind", "trials", "killed", "tried", "acked", "applied after kill", "acked lost",
            "half applied", "damaged", "opens checked", "opened wrong")
    fmt = "%-12s %6s %6s %6s %6s %18s %10s %12s %7s %13s %12s"
    print(fmt % head)
    keys = ("trials", "killed", "tries", "acked", "applied_after_kill", "lost", "half",
            "damaged", "opens", "open_wrong")
    total = {k: 0 for k in keys}
    for kind in WINDOW_KINDS:
        st = t.stats[kind]
        for k in keys:
            total[k] += st[k]
        print(fmt % ((kind,) + tuple(st[k] for k in keys)))
    print(fmt % (("total",) + tuple(total[k] for k in keys)))
    print("%.1f s; time per edit (s): %s" % (
        time.monotonic() - start, ", ".join("%s %.3f" % kv for kv in t.edit_time.items())))
    failed = total["lost"] + total["half"] + total["damaged"] + total["open_wrong"]
    if failed == 0 and not opts.keep:
        shutil.rmtree(directory)
    elif failed:
        print("FAILED: workspace kept in %s" % directory, file=sys.stderr)
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--trials", type=int, default=100, help="trials per kind of edit")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the workspace")
    parser.add_argument("--window", metavar="STRATA",
                        help="edits through the window (the strata program, under X) instead")
    parser.add_argument("--time-limit", type=float, default=0,
                        help="window: stop starting trials after this many seconds")
    parser.add_argument("--seed-base", type=int, default=0,
                        help="window: first edit value block (parallel runs apart)")
    opts = parser.parse_args()

    seed = opts.seed if opts.seed is not None else random.randrange(1 << 30)
    if opts.window:
        if not os.environ.get("DISPLAY"):
            print("no X display: window crash trials skipped (run under xvfb-run)")
            return 77
        return window_main(opts, seed)
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
