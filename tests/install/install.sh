#!/usr/bin/env bash
# install.sh: `make install DESTDIR=… PREFIX=…` into a temporary tree, run
# the installed binary from there, then `make uninstall` leaves nothing.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
if ! make -s -C "$top" install DESTDIR="$d" PREFIX=/usr/local >"$d.log" 2>&1; then
  echo "make install failed:"; cat "$d.log"; rm -f "$d.log"; exit 1
fi
rm -f "$d.log"
p=$d/usr/local
for f in bin/cnet share/man/man1/cnet.1 share/cnet/prelude.cnet \
         share/cnet/examples/b_county.cnet share/cnet/docs/README.md \
         share/cnet/docs/language.md share/cnet/docs/reference.md \
         share/cnet/editors/README.md share/cnet/editors/vim/syntax/cnet.vim \
         share/cnet/editors/vim/ftdetect/cnet.vim \
         share/cnet/editors/textmate/cnet.tmLanguage.json; do
  if [ -f "$p/$f" ]; then echo "installed \$PREFIX/$f"; else echo "MISSING \$PREFIX/$f"; fi
done
[ -x "$p/bin/cnet" ] && echo "\$PREFIX/bin/cnet is executable"
# nothing outside PREFIX
(cd "$d" && find . -mindepth 1 -maxdepth 2 | sort)
# the installed binary, run from elsewhere, on the installed example
cd /
"$p/bin/cnet" --version | sed -E 's/[0-9]+(\.[0-9]+)+/N.N/g'
"$p/bin/cnet" --check "$p/share/cnet/examples/b_county.cnet" &&
  echo "the installed cnet checks the installed example"
"$p/bin/cnet" -e 'count(actors())' -e 'first(keyactors()).stage' \
  "$p/share/cnet/examples/b_county.cnet"
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$p/share/man/man1/cnet.1" \
  2>&1 >/dev/null && echo "the installed man page renders without warnings"
make -s -C "$top" uninstall DESTDIR="$d" PREFIX=/usr/local >/dev/null 2>&1
echo "after make uninstall: $(find "$d" -type f | wc -l) files"
