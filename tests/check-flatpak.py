#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the flatpak manifest: valid JSON with the fields flatpak-builder
needs, GNOME runtime, no network or home access, every archive pinned by
sha256, and strata itself built last with meson and without tests."""
import json
import sys

path = sys.argv[1]
errors = []
try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, ValueError) as e:
    print(f"{path}: {e}")
    sys.exit(1)

for key in ("runtime", "runtime-version", "sdk", "command", "finish-args", "modules"):
    if key not in manifest:
        errors.append(f"missing “{key}”")
app_id = manifest.get("id", manifest.get("app-id"))
if app_id != "io.github.strata.Strata":
    errors.append(f"id is {app_id!r}, expected 'io.github.strata.Strata'")
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    errors.append("runtime and sdk must be org.gnome.Platform and org.gnome.Sdk")
if manifest.get("command") != "strata":
    errors.append("command must be strata")
args = manifest.get("finish-args", [])
for needed in ("--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"):
    if needed not in args:
        errors.append(f"finish-args lacks {needed}")
for refused in ("--filesystem=home", "--filesystem=host", "--share=network"):
    if refused in args:
        errors.append(f"finish-args must not have {refused}")

modules = manifest.get("modules", [])
for module in modules:
    if not isinstance(module, dict):
        errors.append(f"module {module!r} is not inline")
        continue
    if module.get("name") == "poppler":
        errors.append("poppler is only needed by the tests: do not ship it")
    for source in module.get("sources", []):
        if source.get("type") in ("archive", "file") and "url" in source:
            sha = source.get("sha256", "")
            if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
                errors.append(f"{module.get('name')}: {source['url']} has no real sha256")
        if source.get("type") == "git" and not source.get("commit"):
            errors.append(f"{module.get('name')}: git source without a commit")
if not modules:
    errors.append("no modules")
else:
    last = modules[-1]
    if last.get("name") != "strata" or last.get("buildsystem") != "meson":
        errors.append("the last module must be strata built with meson")
    if "-Dtests=false" not in last.get("config-opts", []):
        errors.append("strata must be built with -Dtests=false")

for e in errors:
    print(f"{path}: {e}")
print(f"{path}: {len(modules)} modules, {len(errors)} problems")
sys.exit(1 if errors else 0)
