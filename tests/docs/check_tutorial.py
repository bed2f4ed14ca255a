#!/usr/bin/env python3
"""Run every command of the tutorial and compare with the output shown.

In docs/tutorial.md, a ```console block holds commands (lines starting with
"$ ") each followed by the output it prints.  The commands run from the
top of the repository with `cnet` meaning the binary under test (CNET).
Prints one line per mismatch and ends with "N passed, N failed".
"""
import os
import re
import subprocess
import sys

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cnet = os.path.abspath(os.environ.get("CNET", os.path.join(top, "cnet")))
text = open(os.path.join(top, "docs", "tutorial.md"), encoding="utf-8").read()
passed = failed = 0
for block in re.findall(r"```console\n(.*?)```", text, re.S):
    cmd, expected = None, []
    items = []
    for line in block.splitlines():
        if line.startswith("$ "):
            if cmd is not None:
                items.append((cmd, expected))
            cmd, expected = line[2:], []
        else:
            expected.append(line)
    if cmd is not None:
        items.append((cmd, expected))
    for cmd, expected in items:
        shell = "cnet() { %s \"$@\"; }; %s" % (cnet, cmd)
        r = subprocess.run(["bash", "-c", shell], cwd=top, capture_output=True,
                           text=True)
        got = (r.stdout + r.stderr).rstrip("\n").splitlines()
        want = "\n".join(expected).rstrip("\n").splitlines()
        got = [l.rstrip() for l in got]
        want = [l.rstrip() for l in want]
        if got == want:
            passed += 1
        else:
            failed += 1
            print("FAIL: $ %s" % cmd)
            for l in want:
                print("  want| " + l)
            for l in got:
                print("  got | " + l)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
