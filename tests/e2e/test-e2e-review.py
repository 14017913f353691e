#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, through the accessibility tree: present the quarterly review
from the Review page, move through the slides, and leave with Escape; export
the report through the main menu and the file chooser."""
import os
import re
import subprocess

from strata_e2e import (Role, Strata, children, do_action, find, find_all, key, log, name,
                        role, run, set_text, text_of, wait_for, xdotool)


def test_present_and_escape():
    with Strata() as s:
        w = s.window()
        do_action(find(w, Role.PAGE_TAB, 'Review'))
        page = find(w, Role.FILLER, 'StrataReviewPage')
        # A menu button acts through its inner toggle.
        present = find(page, Role.PUSH_BUTTON, 'Present')
        do_action(find(present, Role.PUSH_BUTTON, pred=lambda o: o != present))
        start = find(s.app, Role.PUSH_BUTTON, 'Start Presentation')
        before = len(children(s.app))
        do_action(start)
        # The presentation is a new full-screen window with the title slide.
        show = wait_for(lambda: next((c for c in children(s.app)
                                      if c is not None and name(c) != name(w)
                                      and find_all(c, Role.LABEL, pred=lambda o:
                                                   name(o).startswith('Tier review'))), None),
                        'the presentation with its title slide')
        title = [name(o) for o in find_all(show, Role.LABEL)
                 if name(o).startswith('Tier review')]
        log('presenting: %s (%d windows before)' % (title, before))
        assert title == ['Tier review 2026-Q3'], title
        # The slide counter ("1 / 7") says where the presentation is.
        def counter():
            for o in find_all(show, Role.LABEL):
                m = re.fullmatch(r'(\d+) / (\d+)', name(o))
                if m:
                    return (int(m.group(1)), int(m.group(2)))
            return None
        first = wait_for(counter, 'the slide counter')
        assert first[0] == 1 and first[1] > 2, first
        # Keys go to the window under the pointer (no window manager).
        xdotool('mousemove', '--sync', '200', '200')
        key('End')
        wait_for(lambda: counter() == (first[1], first[1]), 'the last slide (End)')
        key('Home')
        wait_for(lambda: counter() == (1, first[1]), 'the first slide (Home)')
        key('Escape')
        wait_for(lambda: all(name(c) != name(show) or c == w for c in children(s.app))
                 and len(children(s.app)) < before + 1, 'the presentation to close')
        assert role(s.window()) is not None


def pdf_pages(path):
    """The page count pdfinfo reads, or None while the file is not a whole PDF."""
    if not os.path.exists(path):
        return None
    out = subprocess.run(['pdfinfo', path], capture_output=True, text=True, timeout=60)
    m = re.search(r'^Pages:\s+(\d+)', out.stdout, re.M)
    return int(m.group(1)) if out.returncode == 0 and m else None


def test_export_report():
    with Strata() as s:
        w = s.window()
        menu = find(w, Role.PUSH_BUTTON, 'Main Menu')
        do_action(find(menu, Role.PUSH_BUTTON, pred=lambda o: o != menu))
        do_action(find(s.app, Role.MENU_ITEM, 'Export Report…'))
        dialog = wait_for(lambda: next((c for c in children(s.app)
                                        if name(c) == 'Export Report'), None),
                          'the Export Report dialog')
        entry = find(dialog, Role.TEXT, 'Name:')
        log('suggested name: ' + text_of(entry))
        assert text_of(entry) == 'Customer tiers 2026-Q3.pdf', text_of(entry)
        path = os.path.join(s.dir, 'report.pdf')
        set_text(entry, path)
        do_action(find(dialog, Role.PUSH_BUTTON, 'Export'))
        pages = wait_for(lambda: pdf_pages(path), 'the report at ' + path)
        log('report: %d pages' % pages)
        assert pages >= 2, pages


if __name__ == '__main__':
    run([test_present_and_escape, test_export_report])
