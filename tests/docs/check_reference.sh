#!/usr/bin/env bash
# The function reference cannot drift: docs/reference.md must equal what
# `cnet --reference` prints from the code's own tables, and every function
# must have its one-line documentation.
top=$(cd "$(dirname "$0")/../.." && pwd)
cnet=${CNET:-$top/cnet}
status=0
if $cnet --reference | diff -u "$top/docs/reference.md" - ; then
  echo "docs/reference.md matches the code"
else
  echo "docs/reference.md is out of date: run 'make docs'"; status=1
fi
# every public def of the prelude (names not starting with _) is documented
public=$(grep -cE '^def [^_]' "$top/stdlib/prelude.cnet")
documented=$($cnet --reference | sed -n '/^## The prelude/,$p' | grep -c '^- `')
if [ "$public" = "$documented" ]; then
  echo "all $public prelude functions are documented"
else
  echo "prelude: $public public defs but $documented documented"; status=1
fi
# every built-in has a non-empty description
if $cnet --reference | grep -E '^- `[^`]*` — *$'; then
  echo "built-ins without a description (above)"; status=1
else
  echo "every built-in has a description"
fi
exit $status
