#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, through the accessibility tree: a CSV opened with Strata
(`strata table.csv`, as a file manager does) goes through the import
assistant into the open workspace (tests/fixtures/e2e/customers-new.csv)."""
import os
import subprocess

from strata_e2e import (CONTROL_ROLES, Role, Strata, children, do_action, find, find_all, log,
                        name, role, run, wait_for)

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'e2e',
                       'customers-new.csv')


def test_import_csv_through_the_assistant():
    with Strata() as s:
        w = s.window()
        find(w, Role.PAGE_TAB, 'Customers')
        before = s.query("SELECT count(*) FROM customers")[0][0]
        # A second `strata FILE.csv` hands the file to the running window.
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)
        subprocess.run([s.app_path, os.path.abspath(FIXTURE)], env=env, timeout=120, check=True)
        dialog = wait_for(lambda: next((c for c in children(s.app) if name(c) == 'Import Data'),
                                       None), 'the import assistant')
        find(dialog, Role.LABEL, 'customers-new.csv')
        # Next until the assistant offers Import (file, columns, ...).
        for step in range(6):
            buttons = [name(b).replace('_', '').split(' ')[0]
                       for b in find_all(dialog, pred=lambda o: role(o) in CONTROL_ROLES
                                         and role(o) == Role.PUSH_BUTTON)]
            log('step %d: %s' % (step, buttons))
            if find_all(dialog, Role.PUSH_BUTTON, 'Import'):
                break
            do_action(find(dialog, Role.PUSH_BUTTON, 'Next'))
            wait_for(lambda: find_all(dialog, Role.PUSH_BUTTON, 'Import')
                     or find_all(dialog, Role.PUSH_BUTTON, 'Next'), 'the next step')
        do_action(find(dialog, Role.PUSH_BUTTON, 'Import'))
        rows = wait_for(lambda: s.query(
            "SELECT c.ext_id, c.name, pc.values_json FROM customers c "
            "JOIN period_customers pc ON pc.customer_id = c.id "
            "JOIN periods p ON p.id = pc.period_id "
            "WHERE c.ext_id LIKE 'E2E-%' AND p.name = '2026-Q3' ORDER BY c.ext_id"),
            'the imported customers in the workspace')
        wait_for(lambda: len(s.query("SELECT 1 FROM customers WHERE ext_id LIKE 'E2E-%'")) == 3,
                 'all three customers')
        rows = s.query("SELECT c.ext_id, c.name FROM customers c WHERE c.ext_id LIKE 'E2E-%' "
                       "ORDER BY c.ext_id")
        log('imported: %r' % rows)
        assert [r[0] for r in rows] == ['E2E-001', 'E2E-002', 'E2E-003'], rows
        assert rows[1][1] == '青松精密仪器有限公司', rows
        assert s.query("SELECT count(*) FROM customers")[0][0] == before + 3
        amount = s.query("SELECT mv.value FROM metric_values mv JOIN customers c "
                         "ON c.id = mv.customer_id JOIN metrics m ON m.id = mv.metric_id "
                         "JOIN periods p ON p.id = mv.period_id WHERE c.ext_id = 'E2E-003' "
                         "AND m.key = 'order_amount' AND p.name = '2026-Q3'")
        assert amount == [(12800000.0,)], amount


if __name__ == '__main__':
    run([test_import_csv_through_the_assistant])
