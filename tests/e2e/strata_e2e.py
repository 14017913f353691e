# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive the real Strata window through the accessibility tree (AT-SPI).

Each test runs under its own session bus (run-e2e.sh: dbus-run-session), so
the accessibility bus and registry are private to it. Every wait polls a
condition with a deadline; nothing sleeps for a fixed time.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

TIMEOUT = float(os.environ.get('STRATA_E2E_TIMEOUT', '60'))
Role = Atspi.Role

# Roles of the controls a user acts on: each must have a name.
CONTROL_ROLES = {
    Role.PUSH_BUTTON, Role.TOGGLE_BUTTON, Role.CHECK_BOX, Role.RADIO_BUTTON,
    Role.ENTRY, Role.TEXT, Role.PASSWORD_TEXT, Role.SPIN_BUTTON, Role.COMBO_BOX,
    Role.SLIDER, Role.MENU_ITEM, Role.CHECK_MENU_ITEM,
    Role.RADIO_MENU_ITEM, Role.LINK,
}


def log(*args):
    print(*args, flush=True)


class Timeout(AssertionError):
    pass


def wait_for(cond, what, timeout=None):
    """Polls cond() until it returns something true; returns it."""
    deadline = time.monotonic() + (timeout or TIMEOUT)
    delay = 0.02
    while True:
        try:
            value = cond()
        except (GLibError, AttributeError, IndexError):
            value = None  # an object went away while we looked: look again
        if value:
            return value
        if time.monotonic() > deadline:
            raise Timeout('timed out waiting for ' + what)
        # Let the bus deliver; back off a little so the app gets the CPU.
        time.sleep(delay)
        delay = min(delay * 1.5, 0.25)


GLibError = gi.repository.GLib.Error


def name(obj):
    try:
        return obj.get_name() or ''
    except GLibError:
        return ''


def role(obj):
    try:
        return obj.get_role()
    except GLibError:
        return None


def children(obj):
    try:
        n = obj.get_child_count()
    except GLibError:
        return []
    out = []
    for i in range(n):
        try:
            c = obj.get_child_at_index(i)
        except GLibError:
            c = None
        if c is not None:
            out.append(c)
    return out


def states(obj):
    try:
        return obj.get_state_set()
    except GLibError:
        return None


def extents(obj):
    """(x, y, width, height) in the window; GTK 4.8 knows no screen coordinates."""
    try:
        e = obj.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    except (GLibError, AttributeError):
        return None
    return (e.x, e.y, e.width, e.height)


def showing(obj):
    """On screen: GTK 4.8 sets SHOWING on windows only, and gives the
    widgets it does not draw (other stack pages, hidden rows) no size."""
    s = states(obj)
    if s is None or not s.contains(Atspi.StateType.VISIBLE):
        return False
    e = extents(obj)
    return e is None or e[2] > 0 or e[3] > 0


def walk(obj, only_showing=True, depth=0):
    """Yields obj and its descendants (the visible ones when only_showing)."""
    if depth > 80:
        return
    yield obj
    for c in children(obj):
        if only_showing and not showing(c):
            continue
        yield from walk(c, only_showing, depth + 1)


def is_named(obj, wanted):
    """GTK 4.8 names a button with a label "_Label Label" (the mnemonic, then
    the label's text): compare without the underscore, either form."""
    n = name(obj).replace('_', '')
    return n == wanted or n == wanted + ' ' + wanted


def has_name(obj):
    """False when the accessible name is empty or only the widget's type
    (GTK 4.8 falls back to the GType name, "GtkToggleButton")."""
    n = name(obj).strip()
    return n != '' and not re.fullmatch(r'(Gtk|Adw|Strata)[A-Z][A-Za-z]*', n)


def find_all(root, role_=None, name_=None, pred=None, only_showing=True):
    out = []
    for o in walk(root, only_showing):
        if role_ is not None and role(o) != role_:
            continue
        if name_ is not None and not is_named(o, name_):
            continue
        if pred is not None and not pred(o):
            continue
        out.append(o)
    return out


def find(root, role_=None, name_=None, pred=None, timeout=None, only_showing=True):
    what = '%s “%s”' % (role_.value_nick if role_ is not None else 'object', name_)
    return wait_for(lambda: (find_all(root, role_, name_, pred, only_showing) or [None])[0],
                    what, timeout)


def actions(obj):
    try:
        a = obj.get_action_iface()
    except (GLibError, AttributeError):
        return None
    return a


def do_action(obj, action=None):
    """Activates obj through its Action interface (the first action or the one named)."""
    a = actions(obj)
    if a is None:
        raise AssertionError('%s “%s” has no actions' % (role(obj), name(obj)))
    n = a.get_n_actions()
    index = 0
    if action is not None:
        names = [a.get_action_name(i) for i in range(n)]
        index = names.index(action)
    if not a.do_action(index):
        raise AssertionError('action %d on “%s” failed' % (index, name(obj)))


def text_of(obj):
    try:
        t = obj.get_text_iface()
    except (GLibError, AttributeError):
        t = None
    if t is None:
        return name(obj)
    return t.get_text(0, t.get_character_count())


def set_text(obj, text):
    """Replaces an entry's text through EditableText."""
    e = obj.get_editable_text_iface()
    if e is None:
        raise AssertionError('“%s” is not editable text' % name(obj))
    e.set_text_contents(text)


def xdotool(*args):
    subprocess.run(['xdotool'] + list(args), check=True, timeout=30)


def key(*keys):
    """Presses keys (xdotool names: ctrl+z, Escape, Return) in the focused window."""
    xdotool('key', '--clearmodifiers', *keys)


def type_text(text):
    xdotool('type', '--delay', '20', text)


def toplevel(obj):
    while obj is not None and role(obj) not in (Role.FRAME, Role.DIALOG, Role.WINDOW):
        obj = obj.get_parent()
    return obj


def window_origin(title):
    """Where X put the window titled so (GTK 4.8 gives window coordinates only)."""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^%s$' % re.escape(title),
                          'getwindowgeometry'], check=True, timeout=30, capture_output=True,
                         text=True).stdout
    m = re.search(r'Position: (-?\d+),(-?\d+)', out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def click(obj):
    """Clicks the middle of obj with the pointer."""
    x, y, w, h = extents(obj)
    if w <= 0 or h <= 0:
        raise AssertionError('“%s” has no extents' % name(obj))
    wx, wy = window_origin(name(toplevel(obj)))
    xdotool('mousemove', '--sync', str(wx + x + w // 2), str(wy + y + h // 2))
    xdotool('click', '1')


def app_name_owned():
    """Whether a Strata owns the application's name on the session bus
    (asked by dbus-send, away from the AT-SPI connection of this process)."""
    app_id = os.environ.get('STRATA_APP_ID', 'io.github.strata.Strata')
    out = subprocess.run(['dbus-send', '--session', '--print-reply', '--dest=org.freedesktop.DBus',
                          '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner',
                          'string:' + app_id], capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        raise AssertionError('dbus-send: ' + out.stderr.strip())
    return out.stdout.split()[-1] == 'true'


class Strata:
    """A fresh copy of the demo workspace and the window open on it."""

    def __init__(self, workspace=True, args=()):
        self.app_path = os.environ['STRATA_APP']
        self.cli_path = os.environ['STRATA_CLI']
        self.dir = tempfile.mkdtemp(prefix='strata-e2e-')
        self.ws = os.path.join(self.dir, 'demo.strata')
        self.proc = None
        self.app = None
        if workspace:
            subprocess.run([self.cli_path, 'demo', '--quiet', self.ws], check=True,
                           timeout=300)
        env = dict(os.environ)
        # The real accessibility bridge, not the test one the GTK tests use.
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)
        env['GTK_USE_PORTAL'] = '0'
        env.setdefault('GDK_BACKEND', 'x11')
        env.setdefault('GSK_RENDERER', 'cairo')
        # xvfb-run may hand over before the server takes connections.
        wait_for(lambda: subprocess.run(['xdotool', 'getdisplaygeometry'], capture_output=True,
                                        timeout=30).returncode == 0, 'the X display')
        # A Strata that has just exited may still own the application's
        # name on the bus for a moment; a new one would then hand its file
        # to it and exit 0 at once (seen under load, between two stories).
        wait_for(lambda: not app_name_owned(), 'the previous Strata to leave the bus')
        argv = [self.app_path] + ([self.ws] if workspace else []) + list(args)
        for attempt in range(3):
            log('starting', ' '.join(argv))
            self.proc = subprocess.Popen(argv, env=env)
            try:
                self.app = wait_for(self._find_app, 'the strata application on the bus')
                break
            except AssertionError:
                # Parallel xvfb-run servers can lose a display to each other:
                # only a start that failed at once is tried again.
                if self.proc.poll() is None or attempt == 2:
                    raise

    def _find_app(self):
        if self.proc.poll() is not None:
            raise AssertionError('strata exited with %d' % self.proc.returncode)
        desktop = Atspi.get_desktop(0)
        for a in children(desktop):
            try:
                pid = a.get_process_id()
            except GLibError:
                continue
            if pid == self.proc.pid and a.get_child_count() > 0:
                return a
        return None

    def window(self, title=None):
        """The (first, or titled) showing top-level window."""
        def get():
            for w in children(self.app):
                if title is None or name(w) == title:
                    if showing(w) or title is not None:
                        return w
            return None
        return wait_for(get, 'window ' + (title or ''))

    def windows(self):
        return children(self.app)

    def query(self, sql, *params):
        # Read-write (only SELECTs are run): a read-only connection may not
        # see the pages the window has in the WAL yet.
        con = sqlite3.connect(self.ws, timeout=10)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def close(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None:
            # Gone from the bus too, before the next story starts one.
            wait_for(lambda: not app_name_owned(), 'Strata to leave the bus')
        rc = self.proc.returncode if self.proc else 0
        shutil.rmtree(self.dir, ignore_errors=True)
        return rc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is not None:
            # What the screen showed when the test failed.
            shot = os.path.join(os.environ.get('STRATA_E2E_SHOTS', tempfile.gettempdir()),
                                'e2e-failed-%d.png' % os.getpid())
            subprocess.run(['import', '-window', 'root', shot], timeout=60)
            log('screenshot: ' + shot)
        self.close()
        return False


def dump(obj, depth=0, out=sys.stdout, only_showing=True):
    """Prints the tree under obj (to see what a failing test saw)."""
    if depth > 60:
        return
    print('%s%s “%s”' % ('  ' * depth, role(obj).value_nick if role(obj) else '?', name(obj)),
          file=out)
    for c in children(obj):
        if only_showing and not showing(c):
            continue
        dump(c, depth + 1, out, only_showing)


def run(tests):
    """Runs test functions (each gets nothing; they make their Strata), TAP-like."""
    Atspi.init()
    failed = 0
    only = sys.argv[1:]
    for t in tests:
        if only and t.__name__ not in only:
            continue
        log('# ' + t.__name__)
        start = time.monotonic()
        try:
            t()
            log('ok %s (%.1f s)' % (t.__name__, time.monotonic() - start))
        except Exception:
            import traceback
            traceback.print_exc()
            log('not ok ' + t.__name__)
            failed += 1
    sys.exit(1 if failed else 0)
