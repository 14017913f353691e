#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, through the accessibility tree: the Scoring page (a band's
points, the impact panel's counts, undo, publish with a note) and an
override with its reason on the Customers page."""
import json
import re
import subprocess

from strata_e2e import (Atspi, Role, Strata, click, do_action, find, find_all, key, log,
                        name, run, set_text, text_of, wait_for)


def whatif_counts(s, rules):
    """(up, down) of strata-cli whatif for these rules against the published ones."""
    path = s.dir + '/whatif.json'
    with open(path, 'w') as f:
        json.dump(rules, f)
    out = subprocess.run([s.cli_path, 'whatif', s.ws, path], check=True, timeout=120,
                         capture_output=True, text=True).stdout
    m = re.search(r'(\d+) customers? changes? tier \((\d+) up, (\d+) down\)', out)
    assert m, out
    return int(m.group(2)), int(m.group(3))


def summary_counts(text):
    """(up, down) from the impact panel's line ("12 customers move up, 3 down")."""
    if text == 'No customer changes tier':
        return (0, 0)
    up = re.search(r'(\d[\d,]*) customers? moves? up', text)
    down = re.search(r'(\d[\d,]*)(?: customers? moves?)? down', text)
    n = lambda m: int(m.group(1).replace(',', '')) if m else 0  # noqa: E731
    return (n(up), n(down))


def impact_summary(panel):
    """The impact panel's summary line (the label that counts customers)."""
    for label in find_all(panel, Role.LABEL):
        t = name(label)
        if t == 'No customer changes tier' or re.search(r'\d+ customers? moves? (up|down)', t):
            return t
    return None


def first_band_points(page):
    """The Points spin button of the first band (from 0) of the first indicator."""
    # The editor builds its cells after the page shows: wait for them.
    spins = wait_for(lambda: find_all(page, Role.SPIN_BUTTON, 'Points'),
                     'a spin button named “Points” on the Scoring page')
    return spins[0]


def test_band_points_undo_publish():
    with Strata() as s:
        w = s.window()
        do_action(find(w, Role.PAGE_TAB, 'Scoring'))
        page = find(w, Role.FILLER, 'StrataScoringPage')
        panel = page  # the impact panel is a plain box: its labels are the page's
        assert wait_for(lambda: impact_summary(panel) == 'No customer changes tier',
                        'the impact panel with no change')

        spin = first_band_points(page)
        value = spin.get_value_iface()
        assert value.get_current_value() == 5.0, value.get_current_value()

        # 5 → 25 points for the first band of the order amount.
        rules = json.loads(subprocess.run([s.cli_path, 'rules', 'export', s.ws], check=True,
                                          capture_output=True, text=True).stdout)
        rules['indicators'][0]['bands'][0]['points'] = 25
        expected = whatif_counts(s, rules)
        log('strata-cli whatif: %d up, %d down' % expected)
        assert expected != (0, 0)
        value.set_current_value(25.0)
        shown = wait_for(lambda: (lambda t: t if t and summary_counts(t) == expected else None)(
            impact_summary(panel)), 'the impact panel to count %d up, %d down' % expected)
        log('impact panel: ' + shown)
        assert find(page, Role.LABEL, pred=lambda o: name(o).startswith('Draft'))

        # Undo (the button, as a screen reader user would) brings back 5 points.
        do_action(find(page, Role.PUSH_BUTTON, 'Undo'))
        # The editor shows the restored rules in new cells: look again.
        wait_for(lambda: first_band_points(page).get_value_iface().get_current_value() == 5.0,
                 'the points back at 5')
        wait_for(lambda: impact_summary(panel) == 'No customer changes tier',
                 'the impact panel back to no change')
        assert s.query("SELECT count(*) FROM rulesets WHERE state = 'published'") == [(1,)]

        # Change again and publish with a note.
        value = first_band_points(page).get_value_iface()
        value.set_current_value(25.0)
        wait_for(lambda: summary_counts(impact_summary(panel) or '') == expected, 'the draft again')
        publish = find(page, Role.PUSH_BUTTON, 'Publish…')
        wait_for(lambda: publish.get_state_set().contains(Atspi.StateType.SENSITIVE),
                 'Publish… enabled')
        do_action(publish)
        dialog = s.window('Publish Rule Set?')
        # A text or an entry, whichever this GTK exposes, once it is there.
        note = wait_for(lambda: find_all(dialog, Role.TEXT, 'Note')
                        or find_all(dialog, Role.ENTRY, 'Note'), 'the Note entry')[0]
        set_text(note, 'Small orders count more')
        do_action(find(dialog, Role.PUSH_BUTTON, 'Publish'))
        rows = wait_for(lambda: s.query("SELECT version, note, rules_json FROM rulesets "
                                        "WHERE state = 'published' ORDER BY version"),
                        'the published version 2')
        wait_for(lambda: len(s.query("SELECT 1 FROM rulesets WHERE version = 2")) == 1,
                 'version 2 in the rulesets table')
        version, note_text, rules_json = s.query(
            "SELECT version, note, rules_json FROM rulesets WHERE version = 2")[0]
        assert note_text == 'Small orders count more', note_text
        assert json.loads(rules_json)['indicators'][0]['bands'][0]['points'] == 25
        assert rows[0][0] == 1
        wait_for(lambda: find_all(page, Role.LABEL, 'Published version 2'),
                 'the page to say “Published version 2”')


def test_override_with_reason():
    with Strata() as s:
        w = s.window()
        do_action(find(w, Role.PAGE_TAB, 'Customers'))
        page = find(w, Role.FILLER, 'StrataCustomersPage')
        # The first customer of the list, picked as a keyboard user would.
        first = find(page, Role.TABLE_ROW, pred=lambda o: any(
            name(c) == 'C000001' for c in find_all(o, Role.LABEL)))
        click(find(first, Role.TABLE_CELL))
        detail = page  # the detail pane is part of the page
        reason = wait_for(lambda: find_all(detail, Role.TEXT, 'Reason (required)')
                          or find_all(detail, Role.ENTRY, 'Reason (required)'),
                          'the Reason entry')[0]
        set_text(reason, 'Strategic account, signed a framework agreement')
        button = find(detail, Role.PUSH_BUTTON, 'Set Override')
        wait_for(lambda: button.get_state_set().contains(Atspi.StateType.SENSITIVE),
                 'Set Override enabled')
        do_action(button)
        rows = wait_for(lambda: s.query(
            "SELECT c.ext_id, o.tier, o.reason FROM overrides o JOIN customers c "
            "ON c.id = o.customer_id WHERE o.removed_at IS NULL AND c.ext_id = 'C000001'"),
            'the override in the overrides table')
        assert rows[0][2] == 'Strategic account, signed a framework agreement', rows
        log('override: %s → %s' % (rows[0][0], rows[0][1]))
        # The detail says so.
        wait_for(lambda: find_all(detail, Role.LABEL, pred=lambda o: 'Strategic account' in name(o)),
                 'the detail to show the reason')


if __name__ == '__main__':
    run([test_band_points_undo_publish, test_override_with_reason])
