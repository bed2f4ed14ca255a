/* fuzz_repl.c — libFuzzer harness: a REPL session fed fuzzed inputs (split
 * at 0xFF bytes, which UTF-8 never holds; an unfinished input takes the
 * next one, as the REPL reads another line), on a small case.  Each input
 * is all or nothing; at the end the session is saved, and the saved script
 * must load again without error, as many of its lets failing as fail in
 * the session (the session always equals its :save). */
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "harness.h"
#include "session.h"

static const char start_case[] =
    "layer 交易\nlayer 政策\nkind 企业\nstage 起步 1970..1994\n"
    "stage 整合 1995..2013 { collapse = 联盟 }\n"
    "actor 何竹贤, 甲, 乙 : 企业\nactor B县政府\n"
    "何竹贤 -- 甲 : 交易 1980..\n甲 -> 乙 : 政策 ..1999\n"
    "group 联盟 = {B县政府, 甲}\n";

/* Each evaluator of the session (lets are computed again by fresh ones)
 * gets the built-ins and a step limit. */
static void open_evaluator(cn_eval *E) {
  cn_stdlib_open(E);
  E->max_steps = 20000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *quiet = fz_quiet();
  fz_write_file("case.cnet", (const uint8_t *)start_case, sizeof start_case - 1);
  cn_diag diag;
  cn_diag_init(&diag, quiet);
  cn_session_config cfg = {.diag = &diag, .quiet = quiet, .open = open_evaluator};
  const char *files[] = {"case.cnet"};
  int load_errors = 0, run_errors = 0;
  cn_session *s = cn_session_open(&cfg, files, 1, 0, &load_errors, &run_errors);
  if (!s || load_errors)
    abort();
  char *text = malloc(size + 1);
  if (!text)
    abort();
  if (size)
    memcpy(text, data, size);
  size_t start = 0, line = 0;
  for (size_t i = 0; i <= size; i++) {
    if (i < size && data[i] != 0xFF)
      continue;
    size_t len = i - start;
    if (i < size && cn_session_unfinished(s, text + start, len)) {
      text[i] = '\n'; /* read on: the separator becomes a line break */
      continue;
    }
    if (len)
      cn_session_run(s, text + start, len, (int)line);
    for (size_t k = start; k < i; k++)
      line += text[k] == '\n';
    line++;
    start = i + 1;
  }
  free(text);
  char why[256];
  size_t failing = cn_session_failing(s);
  if (cn_session_save(s, "saved.cnet", why, sizeof why) == 0) {
    const char *again[] = {"saved.cnet"};
    int le = 0, re = 0;
    cn_session *s2 = cn_session_open(&cfg, again, 1, 0, &le, &re);
    if (le || (size_t)re != failing) {
      fprintf(stderr, "the saved session does not load again (%d load, %d run "
                      "errors; the session had %zu failing lets)\n", le, re,
              failing);
      abort();
    }
    cn_session_free(s2);
  }
  cn_session_free(s);
  return 0;
}
