#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bench-smoke tests: runs a benchmark on tiny inputs and checks that it
exits 0 and prints the lines it should (so that a benchmark that no longer
builds, crashes or stops measuring something fails `meson test`).

    check-bench.py [--expect REGEX]... -- BENCHMARK [ARG]...
"""
import re
import subprocess
import sys


def main():
    args = sys.argv[1:]
    if '--' not in args:
        sys.exit('usage: check-bench.py [--expect REGEX]... -- BENCHMARK [ARG]...')
    split = args.index('--')
    options, command = args[:split], args[split + 1:]
    expected = [options[i + 1] for i, a in enumerate(options) if a == '--expect']
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, errors='replace')
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        sys.exit(f'{command[0]} exited with {run.returncode}')
    missing = [e for e in expected if not re.search(e, run.stdout, re.MULTILINE)]
    if missing:
        sys.exit('missing from the output: ' + ', '.join(repr(m) for m in missing))
    print(f'ok: {len(expected)} expected lines')


main()
