#!/usr/bin/python3
"""The real `vela` as a screen reader sees it, through AT-SPI.

Run by run_atspi_test.sh inside `dbus-run-session -- xvfb-run -a`: a private
session bus and X display. This script starts the AT-SPI bus there, writes a
model and a conversation (vela-atspi-fixture), and for each UI language opens
the app on them, waits (polling the accessibility registry, with a time
limit) until its window and message list are in the tree, walks the whole
tree and checks:

  * every interactive object that is showing has a name;
  * the message list is a list named "Messages" whose items are named
    "You, ..." / "Vela, ..." (MessageListModel::spokenText);
  * the composer, Send, the thinking toggle, the search field and the
    settings button are found by their names, in the UI's language: the
    Spanish names are read from resources/translations/vela_es.ts, so the
    test checks that the translation reaches the accessible name, not a copy
    of the strings.

Exits 0 when all holds, 1 with a report of the offending objects (role and the
names of their ancestors) otherwise, 77 (ctest's skip) when something it needs
is missing.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

SKIP = 77

# Poll interval while waiting for the tree: short enough to add little to the
# run, long enough not to flood the registry with calls.
POLL_S = 0.2


def skip(why):
    print("SKIP: " + why)
    sys.exit(SKIP)


try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, Gio, GLib
except (ImportError, ValueError) as e:
    skip("python3-gi / AT-SPI introspection data missing (%s): scripts/install-deps.sh --test" % e)


def wait_until(what, timeout_s, probe):
    """Calls probe() until it returns something true; returns it. Fails the
    test with `what` after timeout_s."""
    deadline = time.monotonic() + timeout_s
    last_error = None
    while True:
        try:
            value = probe()
            if value:
                return value
        except GLib.Error as e:  # an object went away mid-call: try again
            last_error = e
        if time.monotonic() > deadline:
            print("FAIL: timed out after %d s waiting for %s%s"
                  % (timeout_s, what, " (last error: %s)" % last_error if last_error else ""))
            sys.exit(1)
        time.sleep(POLL_S)


def start_a11y_bus(launcher, timeout_s):
    """Starts the AT-SPI bus launcher on this session bus and waits until it
    answers org.a11y.Bus.GetAddress (the call pyatspi and Qt both make)."""
    proc = subprocess.Popen([launcher, "--launch-immediately"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def address():
        owned = session.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                  "NameHasOwner", GLib.Variant("(s)", ("org.a11y.Bus",)),
                                  GLib.VariantType("(b)"), Gio.DBusCallFlags.NONE, 2000, None).unpack()[0]
        if not owned:
            return None
        return session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", None,
                                 GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 2000, None).unpack()[0]

    wait_until("the AT-SPI bus (org.a11y.Bus)", timeout_s, address)
    return proc


def load_translations(ts_file):
    """(context, source) -> Spanish translation, from the .ts file."""
    out = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is not None and tr.text and tr.get("type") not in ("unfinished", "obsolete", "vanished"):
                out[(name, message.findtext("source"))] = tr.text
    return out


# The controls the test must find by name: (what, QML context, English name,
# AT-SPI roles it may have).
REQUIRED = [
    ("composer (message field)", "Composer", "Message", ("entry", "text", "paragraph")),
    ("Send button", "Composer", "Send", ("push button", "button")),
    ("thinking toggle", "Composer", "Thinking", ("check box", "toggle button", "push button", "button")),
    ("search field", "Sidebar", "Search all conversations", ("entry", "text")),
    ("settings button", "Sidebar", "Settings", ("push button", "button")),
]
MESSAGE_LIST = ("ChatView", "Messages")
# The reasoning pane's header says whether the pane is open (its arrow is not read).
REASONING_STATES = [("ReasoningPane", "expanded"), ("ReasoningPane", "collapsed")]
SPEAKERS = [("vela::app::MessageListModel", "You"), ("vela::app::MessageListModel", "Vela")]

INTERACTIVE = {
    "push button", "button", "toggle button", "check box", "radio button", "combo box", "spin button",
    "slider", "menu item", "check menu item", "radio menu item", "page tab", "list item", "link",
}
TEXT_ROLES = {"entry", "text", "password text", "paragraph", "editbar"}


class Node:
    __slots__ = ("acc", "role", "name", "description", "showing", "editable", "path", "children")


def snapshot(acc, path=(), budget=None):
    """The subtree under `acc` as plain Nodes (one pass of D-Bus calls, so the
    checks see one consistent tree). `budget` bounds the walk."""
    if budget is None:
        budget = [50000]
    budget[0] -= 1
    n = Node()
    n.acc = acc
    n.role = acc.getRoleName()
    n.name = acc.name or ""
    n.description = acc.description or ""
    states = acc.getState()
    import pyatspi
    n.showing = states.contains(pyatspi.STATE_SHOWING)
    n.editable = states.contains(pyatspi.STATE_EDITABLE)
    n.path = path
    n.children = []
    here = path + ("%s %r" % (n.role, n.name),)
    for i in range(acc.childCount):
        if budget[0] <= 0:
            break
        child = acc.getChildAtIndex(i)
        if child is not None:
            n.children.append(snapshot(child, here, budget))
    return n


def walk(node):
    yield node
    for c in node.children:
        yield from walk(c)


def describe(node):
    return "%s %r\n      in: %s" % (node.role, node.name, " > ".join(node.path) or "(root)")


def find_app(pid):
    import pyatspi
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            app_pid = app.get_process_id() if app is not None else None
        except GLib.Error:  # an app that went away (the previous run's vela) may still be listed
            continue
        if app_pid == pid:
            # libatspi caches names, roles and children and updates them from
            # the app's events, which this script (no main loop) never reads:
            # every call must ask the app, or the tree is the one first seen.
            app.set_cache_mask(Atspi.Cache.NONE)
            app.clear_cache()
            return app
    return None


def unnamed(tree):
    """The showing interactive objects without a name, as failures."""
    failures = []
    for n in walk(tree):
        interactive = n.role in INTERACTIVE or (n.role in TEXT_ROLES and n.editable)
        if interactive and n.showing and not n.name.strip():
            failures.append("unnamed interactive object: " + describe(n))
    return failures


def check(tree, names):
    """The failures (strings) of one tree, `names` the expected names in the
    UI's language."""
    failures = unnamed(tree)
    nodes = list(walk(tree))

    for what, _, _, roles in REQUIRED:
        if not any(n.role in roles and n.name == names[what] and n.showing for n in nodes):
            failures.append("%s not found by its name %r (roles %s)" % (what, names[what], "/".join(roles)))

    headers = [n for n in nodes if n.role in ("push button", "toggle button") and n.showing
               and n.description in names["reasoning_states"]]
    if not headers:
        failures.append("no reasoning header saying %s (the seeded reply has reasoning)"
                        % " / ".join(repr(s) for s in names["reasoning_states"]))

    lists = [n for n in nodes if n.role == "list" and n.name == names["messages"]]
    if not lists:
        failures.append("no list named %r (the chat's messages)" % names["messages"])
    else:
        items = [c for c in lists[0].children if c.role == "list item"]
        prefixes = tuple(p + ", " for p in names["speakers"])
        if len(items) < 2:
            failures.append("the message list has %d list items, want the seeded 2" % len(items))
        for item in items:
            if not item.name.startswith(prefixes):
                failures.append("message not named %s...: %s" % (" / ".join(prefixes), describe(item)))
    return failures


def ready(tree, names):
    """The window and the seeded messages are in the tree, and nothing is
    loading (the status bar's progress bar is gone once the model is in: the
    controls that depend on it have their final state)."""
    nodes = list(walk(tree))
    if not any(n.role == "frame" for n in nodes):
        return False
    if any(n.role == "progress bar" and n.showing for n in nodes):
        return False
    for n in nodes:
        if n.role == "list" and n.name == names["messages"]:
            return sum(1 for c in n.children if c.role == "list item") >= 2
    return False


def settle(proc, names, checker, what, timeout_s):
    """Snapshots the app's tree until checker(tree) finds nothing wrong or the
    time is up (the model loads in the background and the views change with
    it); returns the last failures and tree."""
    deadline = time.monotonic() + timeout_s
    tree, failures = None, ["no tree of %s" % what]
    while True:
        try:
            app = find_app(proc.pid)
            if app is not None:
                tree = snapshot(app)
                failures = checker(tree)
        except GLib.Error as e:  # the tree changed under the walk: take it again
            failures = ["%s: %s" % (what, e)]
        if not failures or time.monotonic() > deadline:
            return failures, tree
        time.sleep(POLL_S)


def run_app(args, lang, names, model, data, log):
    env = dict(os.environ)
    env.update({"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_ACCESSIBILITY": "1", "QT_QPA_PLATFORM": "xcb"})
    env.pop("VELA_TEST_DRIVER", None)  # the app as a user runs it: no test hooks
    started = time.monotonic()
    proc = subprocess.Popen([args.vela, "--model", model, "--data-dir", data, "--lang", lang,
                             "--backend", "cpu"], env=env, stdout=log, stderr=subprocess.STDOUT)
    trees = {}
    try:
        def tree_when_ready():
            if proc.poll() is not None:
                log.seek(0)
                print("FAIL: vela exited with %d before its window appeared:\n%s"
                      % (proc.returncode, log.read()[-4000:]))
                sys.exit(1)
            app = find_app(proc.pid)
            if app is None:
                return None
            tree = snapshot(app)
            return tree if ready(tree, names) else None

        wait_until("vela's window and its message list in the AT-SPI tree (--lang %s)" % lang,
                   args.timeout, tree_when_ready)
        failures, tree = settle(proc, names, lambda t: check(t, names), "the main window", args.settle)
        trees["main"] = tree
        print("--lang %s: main window, %d objects, %.1f s"
              % (lang, sum(1 for _ in walk(tree)) if tree else 0, time.monotonic() - started))
        return failures, trees
    finally:
        # Terminate, then wait (and kill if it hangs) so nothing outlives the test.
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def dump(tree, out):
    for n in walk(tree):
        out.write("%s%s %r%s%s%s\n" % ("  " * len(n.path), n.role, n.name,
                                       " (%s)" % n.description if n.description else "",
                                       " [showing]" if n.showing else "", " [editable]" if n.editable else ""))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--vela", required=True)
    p.add_argument("--fixture", required=True, help="vela-atspi-fixture")
    p.add_argument("--ts", required=True, help="resources/translations/vela_es.ts")
    p.add_argument("--launcher", default="/usr/libexec/at-spi-bus-launcher")
    p.add_argument("--timeout", type=int, default=90, help="seconds to wait for each state")
    p.add_argument("--settle", type=int, default=20,
                   help="seconds to keep checking a ready window that fails (it may still be changing)")
    p.add_argument("--dump", help="write each language's tree to DUMP-LANG.txt")
    args = p.parse_args()

    if args.dump:
        os.makedirs(os.path.dirname(os.path.abspath(args.dump)), exist_ok=True)
    bus = start_a11y_bus(args.launcher, args.timeout)
    try:
        import pyatspi  # noqa: F401 (after the bus is up: it connects on import)
    except ImportError as e:
        skip("pyatspi: %s" % e)

    translations = load_translations(args.ts)
    work = tempfile.TemporaryDirectory(prefix="vela-atspi-")
    try:
        fixture = subprocess.run([args.fixture, work.name], check=True, capture_output=True, text=True)
        model = fixture.stdout.strip()
        data = os.path.join(work.name, "data")

        def names_for(lang):
            def tr(context, source):
                if lang == "en":
                    return source
                if (context, source) not in translations:
                    print("FAIL: %r (%s) has no Spanish translation in %s" % (source, context, args.ts))
                    sys.exit(1)
                return translations[(context, source)]
            names = {what: tr(ctx, src) for what, ctx, src, _ in REQUIRED}
            names["messages"] = tr(*MESSAGE_LIST)
            names["speakers"] = [tr(*s) for s in SPEAKERS]
            names["reasoning_states"] = [tr(*s) for s in REASONING_STATES]
            return names

        failed = False
        for lang in ("en", "es"):
            with open(os.path.join(work.name, "vela-%s.log" % lang), "w+") as log:
                failures, trees = run_app(args, lang, names_for(lang), model, data, log)
                if failures:
                    log.seek(0)
                    print("vela's output (--lang %s):\n%s" % (lang, log.read()[-4000:]))
            if args.dump:
                with open("%s-%s.txt" % (args.dump, lang), "w") as f:
                    for what, tree in trees.items():
                        f.write("== %s\n" % what)
                        if tree is not None:
                            dump(tree, f)
            if failures:
                failed = True
                print("FAIL (--lang %s): %d problem(s):" % (lang, len(failures)))
                for f in failures:
                    print("  - " + f)
        if not failed:
            print("PASS: every showing control named, messages and named controls found, in English and Spanish")
        return 1 if failed else 0
    finally:
        work.cleanup()
        bus.terminate()
        bus.wait()


if __name__ == "__main__":
    sys.exit(main())
