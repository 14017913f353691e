#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every control a user acts on has an accessible name: walks the
accessibility tree of the window's header and of each page, as a screen
reader would meet them, and fails on a button, toggle, entry, spin button,
drop-down or menu button that has none (GTK 4.8 then reports the widget's
type, "GtkToggleButton", which is what a screen reader would read)."""
from strata_e2e import (CONTROL_ROLES, Role, Strata, do_action, find, find_all, has_name,
                        log, name, role, run, walk, wait_for)

PAGES = [('Customers', 'StrataCustomersPage'), ('Scoring', 'StrataScoringPage'),
         ('Quadrant', 'StrataQuadrantPage'), ('Tiers', 'StrataTiersPage'),
         ('Entitlements', 'StrataEntitlementsPage'), ('Review', 'StrataReviewPage')]


def unnamed_controls(root, skip=None):
    out = []
    for o in walk(root):
        if skip is not None and o in skip:
            continue
        parent = o.get_parent()
        # The inner button of a drop-down, menu button or colour button is
        # part of it: a screen reader announces the outer one, checked itself.
        if parent is not None and (role(parent) in (Role.COMBO_BOX, Role.PUSH_BUTTON,
                                                    Role.TOGGLE_BUTTON)
                                   or (role(parent) == Role.FILLER and has_name(parent))):
            continue
        if role(o) in CONTROL_ROLES and not has_name(o):
            path = []
            p = o.get_parent()
            while p is not None and len(path) < 4:
                path.append('%s “%s”' % (role(p).value_nick, name(p)))
                p = p.get_parent()
            out.append('%s “%s” in %s' % (role(o).value_nick, name(o), ' < '.join(path)))
    return out


def test_every_control_has_a_name():
    problems = []
    with Strata() as s:
        w = s.window()
        for tab_name, page_name in PAGES:
            do_action(find(w, Role.PAGE_TAB, tab_name))
            page = find(w, Role.FILLER, page_name)
            # The page has loaded when it shows controls.
            wait_for(lambda: find_all(page, pred=lambda o: role(o) in CONTROL_ROLES),
                     'controls on the %s page' % tab_name)
            found = unnamed_controls(page)
            log('%s: %d unnamed' % (tab_name, len(found)))
            problems += ['%s page: %s' % (tab_name, f) for f in found]
        # The header bar: the period selector, the page switcher, the menu.
        header = [o for o in find_all(w, Role.PAGE_TAB_LIST)][:1]
        for o in find_all(w, pred=lambda o: role(o) in (Role.COMBO_BOX, Role.PUSH_BUTTON,
                                                          Role.TOGGLE_BUTTON))[:12]:
            header.append(o)
        for o in header:
            for f in unnamed_controls(o):
                if f not in problems:
                    problems.append('header: ' + f)
    for p in problems:
        log('unnamed: ' + p)
    assert not problems, '%d controls without an accessible name' % len(problems)


if __name__ == '__main__':
    run([test_every_control_has_a_name])
