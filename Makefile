# cnet — build, test and demo.  `make demo` and `make check` install what is
# missing (Debian packages, through `make deps`) before they build.

CC      ?= cc
CFLAGS  ?= -O2 -g
# the project's own sources: every warning is an error.  The generated
# scanner and parser (flex, bison) get the plain set, without -Werror.
WARN_GEN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow
WARN     := $(WARN_GEN) -Wconversion -Wmissing-declarations -Werror
# the source folders, lowest layer first (tests/check_layers.py enforces it)
LAYERS  := base lang runtime/out runtime/net runtime/model runtime/eval runtime/gv runtime/figure stdlib cli
CPPFLAGS += -D_POSIX_C_SOURCE=200809L $(LAYERS:%=-I%) -Ibuild/stdlib
# lazy: pkg-config runs after `make deps` has installed Graphviz
GV_CFLAGS = $(shell pkg-config --cflags libgvc fontconfig zlib 2>/dev/null)
GV_LIBS   = $(shell pkg-config --libs libgvc fontconfig zlib 2>/dev/null)
LIBS     = -lutf8proc -ledit -lm -pthread

SRC := $(foreach d,$(LAYERS),$(wildcard $(d)/*.c))
GEN := build/lang/parser.c build/lang/lexer.c

OBJ      := $(SRC:%.c=build/obj/%.o) $(GEN:build/%.c=build/obj/%.o)
ASAN_OBJ := $(SRC:%.c=build/asan/%.o) $(GEN:build/%.c=build/asan/%.o)
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=undefined

# Debian packages: the build, the tests and the figures need these.
DEPS := gcc make flex bison pkg-config libgraphviz-dev graphviz libfontconfig-dev zlib1g-dev \
        libutf8proc-dev libedit-dev fonts-noto-cjk python3 poppler-utils \
        valgrind tmux python3-networkx python3-igraph man-db
# Test-only, installed without their recommends (R's would bring ~500 MB):
# R reads cnet's JSON and CSV back (tests/export/check_numbers.py).
# chromium shows render(to="case.html")'s page to tests/html/ (driven over
# the DevTools protocol by python3-websocket).
DEPS_NORECS := r-base-core r-cran-jsonlite chromium python3-websocket

.PHONY: all deps demo check check-deps check-asan check-valgrind asan unit docs figures fuzz clean conformance

# `cnet --version` names the Graphviz it is built against
GV_VERSION = $(shell pkg-config --modversion libgvc 2>/dev/null)
build/obj/cli/main.o build/asan/cli/main.o: \
  CPPFLAGS += -DCNET_GRAPHVIZ_VERSION='"$(or $(GV_VERSION),unknown)"'

all: cnet

deps:
	@missing=""; for p in $(DEPS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	norecs=""; for p in $(DEPS_NORECS); do \
	  dpkg -s $$p >/dev/null 2>&1 || norecs="$$norecs $$p"; done; \
	if [ -n "$$missing$$norecs" ]; then \
	  echo "installing:$$missing$$norecs"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  { [ -z "$$missing" ] || DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; } && \
	  { [ -z "$$norecs" ] || DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$norecs; }; \
	fi

cnet: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) $(GV_LIBS) $(LIBS)

cnet-asan: $(ASAN_OBJ)
	$(CC) $(ASAN_FLAGS) -o $@ $(ASAN_OBJ) $(GV_LIBS) $(LIBS)

asan: cnet-asan

build/lang/parser.c build/lang/parser.h: lang/parser.y
	@mkdir -p build/lang
	bison -Wall -Werror --defines=build/lang/parser.h -o build/lang/parser.c $<

build/lang/lexer.c build/lang/lexer.h: lang/lexer.l build/lang/parser.h
	@mkdir -p build/lang
	flex --header-file=build/lang/lexer.h -o build/lang/lexer.c $<

# the prelude, embedded as a C string (jq's od trick: portable, no xxd)
build/stdlib/prelude.inc: stdlib/prelude.cnet
	@mkdir -p build/stdlib
	od -v -A n -t o1 $< | sed 's/ *\([0-7][0-7]*\)/\\\1/g; s/^/"/; s/$$/"/' > $@
build/obj/stdlib/prelude.o build/asan/stdlib/prelude.o: build/stdlib/prelude.inc

# the script and style of render(to="case.html")'s page, embedded as
# byte lists (they are longer than the string literals C11 promises)
build/stdlib/page_%.inc: runtime/figure/page/page.%
	@mkdir -p build/stdlib
	od -v -A n -t u1 $< | sed 's/\([0-9][0-9]*\)/\1,/g' > $@
build/obj/runtime/figure/figure_html.o build/asan/runtime/figure/figure_html.o: \
  build/stdlib/page_js.inc build/stdlib/page_css.inc

# every object waits for the generated headers
build/obj/%.o: %.c | build/lang/parser.h build/lang/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) $(CPPFLAGS) -Ibuild/lang $(GV_CFLAGS) -MMD -MP -c $< -o $@

build/obj/lang/%.o: build/lang/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN_GEN) -Wno-unused-function $(CPPFLAGS) -Ibuild/lang -MMD -MP -c $< -o $@

build/asan/%.o: %.c | build/lang/parser.h build/lang/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -Ibuild/lang $(GV_CFLAGS) -MMD -MP -c $< -o $@

build/asan/lang/%.o: build/lang/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_FLAGS) $(WARN_GEN) -Wno-unused-function $(CPPFLAGS) -Ibuild/lang -MMD -MP -c $< -o $@

# ---- tests ----

UNIT_SRC := $(wildcard runtime/net/*.c base/*.c)
build/test_measures: tests/unit/test_measures.c $(UNIT_SRC)
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -o $@ $^ -lm -pthread

# QAP and CUG against brute force (permutation.c, cug.c)
build/test_permutation: tests/unit/test_permutation.c $(UNIT_SRC) tests/unit/check.h
# spectral.c, cohesion.c, wholenet.c against brute force
build/test_network: tests/unit/test_network.c tests/unit/check.h $(UNIT_SRC)
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -o $@ $(filter-out %.h,$^) -lm -pthread

build/test_lang: tests/unit/test_lang.c lang/arena.c lang/intern.c lang/utf8.c tests/unit/check.h
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -o $@ $(filter-out %.h,$^) -lutf8proc

# the keyword table and the scanner as tools run it (cn_lex_tokens)
build/test_lex: tests/unit/test_lex.c $(filter build/asan/lang/% build/asan/base/%,$(ASAN_OBJ)) tests/unit/check.h
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -Ibuild/lang -o $@ $(filter-out %.h,$^) -lutf8proc -lm -pthread

# the fast lines against the full parser (lang/fastline.c)
build/test_fastline: tests/unit/test_fastline.c $(filter build/asan/lang/% build/asan/base/%,$(ASAN_OBJ)) tests/unit/check.h
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -Ibuild/lang -o $@ $(filter-out %.h,$^) -lutf8proc -lm -pthread

# large scripts mapped, not read (lang/source.c)
build/test_source: tests/unit/test_source.c $(filter build/asan/lang/% build/asan/base/%,$(ASAN_OBJ)) tests/unit/check.h
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -Ibuild/lang -o $@ $(filter-out %.h,$^) -lutf8proc -lm -pthread

# the one number formatter (lang/number.c)
build/test_number: tests/unit/test_number.c lang/number.c
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -o $@ $^ -lm

build/fixtures/.done: tests/unit/oracle_fixtures.py $(wildcard tests/oracles/vectors/*)
	python3 tests/unit/oracle_fixtures.py tests/oracles/vectors build/fixtures
	@touch $@

# the fuzz harnesses, driven over saved inputs (tests/fuzz/regressions/)
LIB_SRC = $(filter-out cli/%,$(SRC))
LIB_ASAN_OBJ = $(LIB_SRC:%.c=build/asan/%.o) $(GEN:build/%.c=build/asan/%.o)
# one harness per tests/fuzz/fuzz_KIND.c
FUZZ_KINDS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
build/regress_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c tests/fuzz/harness.c $(LIB_ASAN_OBJ)
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -Ibuild/lang -Itests/fuzz -o $@ $^ $(GV_LIBS) $(LIBS)

# the REPL's session (runtime/eval/session.c) and what a statement shares,
# driven through their APIs
build/test_session build/test_statement build/test_views: build/test_%: tests/unit/test_%.c $(LIB_ASAN_OBJ)
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -Ibuild/lang -o $@ $^ $(GV_LIBS) $(LIBS)

# the one way out to files (runtime/out/)
build/test_out: tests/unit/test_out.c $(wildcard runtime/out/*.c) lang/arena.c lang/source.c base/progress.c lang/thread.c lang/diag.c lang/shown.c lang/utf8.c
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -o $@ $^ -lutf8proc -pthread

# the REPL's history file (cli/history.c)
build/test_history: tests/unit/test_history.c cli/history.c $(wildcard runtime/out/*.c) lang/arena.c lang/source.c base/progress.c lang/thread.c lang/diag.c lang/shown.c lang/utf8.c
	@mkdir -p build
	$(CC) $(ASAN_FLAGS) $(WARN) $(CPPFLAGS) -o $@ $^ -lutf8proc -ledit -pthread

unit: build/test_measures build/test_permutation build/test_network build/test_lang build/test_lex build/test_fastline build/test_source build/test_number build/test_out build/test_history build/fixtures/.done $(FUZZ_KINDS:%=build/regress_%) build/test_session build/test_statement build/test_views

# ---- fuzzing (clang's libFuzzer): make fuzz [FUZZ_SECONDS=600] ----
# every harness in turn for its share of the time (tests/fuzz/run.sh)
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ = $(LIB_SRC:%.c=build/fuzz/%.o) $(GEN:build/%.c=build/fuzz/%.o)
build/fuzz/%.o: %.c | build/lang/parser.h build/lang/lexer.h build/stdlib/prelude.inc
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $(CPPFLAGS) -Ibuild/lang $(GV_CFLAGS) -c $< -o $@
build/fuzz/lang/%.o: build/lang/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $(CPPFLAGS) -Ibuild/lang -c $< -o $@
# kept between runs (they are intermediate files of the pattern rules)
.SECONDARY: $(FUZZ_OBJ)
build/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/harness.c $(FUZZ_OBJ)
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) -Ibuild/lang -Itests/fuzz -o $@ $^ $(GV_LIBS) $(LIBS)

fuzz:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS) clang libclang-rt-14-dev"
	@$(MAKE) --no-print-directory $(FUZZ_KINDS:%=build/fuzz_%)
	tests/fuzz/run.sh

check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory check-deps cnet cnet-asan unit
	@python3 tests/oracles/make_vectors.py --check-reference
	@tests/run.sh ./cnet ./cnet-asan

# the layers include only downwards (lang/ <- runtime/out <- runtime/model,
# eval, gv <- runtime/figure <- stdlib/ <- cli/, runtime/net beside them,
# base/ below them all),
# and only runtime/gv/render.c includes Graphviz
check-deps:
	@python3 tests/check_layers.py

# the peers' own test values through the language alone (make check runs it
# too): tests/conformance/README.md
conformance: cnet
	python3 tests/conformance/run.py ./cnet

check-asan:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory cnet-asan unit
	@tests/run.sh ./cnet-asan

check-valgrind:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory cnet unit
	@VALGRIND=1 tests/run.sh ./cnet

# the B county case: its key actors stage by stage, their succession, and
# the three-stage figure (written to build/demo/)
demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory cnet
	@mkdir -p build/demo
	./cnet -e 'keyactors()' -e 'succession()' \
	  -e 'render(stages=all, to="build/demo/b_county_stages.pdf")' \
	  -e 'render(stages=all, to="build/demo/b_county_stages.png")' \
	  examples/b_county.cnet
	@echo "figure: build/demo/b_county_stages.pdf (and .png)"

# the function reference, generated from the code (a test checks it)
docs: cnet
	./cnet --reference > docs/reference.md

# the PNGs of docs/figures.md, drawn from the B county example
figures:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory cnet
	./cnet docs/figures.cnet
	./cnet docs/tutorial_figure.cnet

# ---- install: make install [PREFIX=/usr/local] [DESTDIR=staging] ----
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man/man1
DATADIR := $(PREFIX)/share/cnet

.PHONY: install uninstall
install: cnet
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) \
	  $(DESTDIR)$(DATADIR)/examples $(DESTDIR)$(DATADIR)/docs \
	  $(DESTDIR)$(DATADIR)/editors/vim/syntax $(DESTDIR)$(DATADIR)/editors/vim/ftdetect \
	  $(DESTDIR)$(DATADIR)/editors/textmate
	install -m 755 cnet $(DESTDIR)$(BINDIR)/cnet
	install -m 644 cnet.1 $(DESTDIR)$(MANDIR)/cnet.1
	install -m 644 stdlib/prelude.cnet $(DESTDIR)$(DATADIR)/prelude.cnet
	for f in examples/*; do [ ! -f "$$f" ] || \
	  install -m 644 "$$f" $(DESTDIR)$(DATADIR)/examples/ || exit 1; done
	install -m 644 README.md docs/*.md $(DESTDIR)$(DATADIR)/docs/
	install -m 644 editors/README.md $(DESTDIR)$(DATADIR)/editors/
	install -m 644 editors/vim/syntax/cnet.vim $(DESTDIR)$(DATADIR)/editors/vim/syntax/
	install -m 644 editors/vim/ftdetect/cnet.vim $(DESTDIR)$(DATADIR)/editors/vim/ftdetect/
	install -m 644 editors/textmate/*.json $(DESTDIR)$(DATADIR)/editors/textmate/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cnet $(DESTDIR)$(MANDIR)/cnet.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build cnet cnet-asan

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d)
