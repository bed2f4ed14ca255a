#!/usr/bin/env python3
"""Run every command of the tutorial and compare with the output shown.

In docs/tutorial.md, a ```console block holds commands (lines starting with
"$ ") each followed by the output it prints.  The commands run from the
top of the repository with `cnet` meaning the binary under test (CNET).
Prints one line per mismatch and ends with "N passed, N failed".
With --update, rewrites the outputs shown with what cnet prints now (read
the diff before committing it).
"""
import os
import re
import subprocess
import sys

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cnet = os.path.abspath(os.environ.get("CNET", os.path.join(top, "cnet")))
path = os.path.join(top, "docs", "tutorial.md")
text = open(path, encoding="utf-8").read()
update = "--update" in sys.argv[1:]
new_text = text
passed = failed = 0
for block in re.findall(r"```console\n(.*?)```", text, re.S):
    new_block = []
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
        new_block.append("$ " + cmd)
        new_block.extend(got)
        if got == want:
            passed += 1
        else:
            failed += 1
            print("FAIL: $ %s" % cmd)
            for l in want:
                print("  want| " + l)
            for l in got:
                print("  got | " + l)
    if update:
        new_text = new_text.replace("```console\n" + block + "```",
                                    "```console\n" + "\n".join(new_block) + "\n```", 1)
if update and new_text != text:
    open(path, "w", encoding="utf-8").write(new_text)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
