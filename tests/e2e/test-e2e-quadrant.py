#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: a quadrant line dragged with the pointer, then Ctrl+Z on the
Quadrant page puts it back. The chart takes no focus, so after the drag the
keyboard focus is outside the page; Ctrl+Z must still reach it (and must not
from another page)."""
import json
import os
import subprocess

from strata_e2e import (Role, Strata, do_action, extents, find, key, log, name, run,
                        toplevel, wait_for, window_origin, xdotool)

LINE = (192, 28, 40)  # the threshold lines' red (#c01c28)


def draft_x_threshold(s):
    rows = s.query("SELECT rules_json FROM rulesets WHERE state = 'draft'")
    rules = json.loads(rows[0][0]) if rows else None
    if rules is None:  # no draft: the published rules are the draft
        rows = s.query("SELECT rules_json FROM rulesets WHERE state = 'published' "
                       "ORDER BY version DESC LIMIT 1")
        rules = json.loads(rows[0][0])
    return rules['quadrant']['x']['threshold']


def red_columns(s, x, y, width):
    """Screen columns on row y, from x over width, that have the lines' red."""
    shot = os.path.join(s.dir, 'row.txt')
    with open(shot, 'w') as f:
        subprocess.run(['import', '-window', 'root', '-crop', '%dx1+%d+%d' % (width, x, y), '-depth', '8',
                        'txt:-'], check=True, timeout=60, stdout=f)
    found = []
    with open(shot) as f:
        for line in f:
            if line.startswith('#'):
                continue
            pos, rgb = line.split(':', 1)
            values = rgb.split('(', 1)[1].split(')', 1)[0].split(',')
            r, g, b = (int(float(v)) for v in values[:3])
            if abs(r - LINE[0]) < 8 and abs(g - LINE[1]) < 8 and abs(b - LINE[2]) < 8:
                found.append(x + int(pos.split(',')[0]))
    return found


def test_drag_then_ctrl_z():
    with Strata() as s:
        w = s.window()
        do_action(find(w, Role.PAGE_TAB, 'Quadrant'))
        page = find(w, Role.FILLER, 'StrataQuadrantPage')
        chart = find(page, Role.IMAGE, pred=lambda o: (extents(o) or (0, 0, 0, 0))[2] > 200,
                     timeout=120)
        before = draft_x_threshold(s)
        cx, cy, cw, ch = extents(chart)
        wx, wy = window_origin(name(toplevel(chart)))
        # A row a third down the chart crosses the vertical line only.
        row = wy + cy + ch // 3
        log('chart at %d,%d %dx%d in the window at %d,%d' % (cx, cy, cw, ch, wx, wy))
        columns = wait_for(lambda: red_columns(s, wx + cx, row, cw), 'the vertical line')
        line_x = columns[0] + (columns[-1] - columns[0]) // 2
        log('vertical line at x %d, threshold %g' % (line_x, before))

        xdotool('mousemove', '--sync', str(line_x), str(row))
        xdotool('mousedown', '1')
        for dx in range(10, 110, 10):
            xdotool('mousemove', '--sync', str(line_x + dx), str(row))
        xdotool('mouseup', '1')
        moved = wait_for(lambda: (lambda t: t if t != before else None)(draft_x_threshold(s)),
                         'the dragged threshold in the draft')
        log('dragged to %g' % moved)
        assert moved > before

        # Not from another page: Ctrl+Z there has nothing of the quadrant's to undo.
        do_action(find(w, Role.PAGE_TAB, 'Customers'))
        find(w, Role.FILLER, 'StrataCustomersPage')
        key('ctrl+z')
        do_action(find(w, Role.PAGE_TAB, 'Quadrant'))
        find(w, Role.FILLER, 'StrataQuadrantPage')
        assert draft_x_threshold(s) == moved, draft_x_threshold(s)

        # On the Quadrant page, with the pointer's drag the last thing done.
        xdotool('mousemove', '--sync', str(line_x + 100), str(row))
        key('ctrl+z')
        wait_for(lambda: draft_x_threshold(s) == before, 'Ctrl+Z to put the threshold back')
        log('Ctrl+Z: back to %g' % before)


if __name__ == '__main__':
    run([test_drag_then_ctrl_z])
