/* test_session.c — runtime/eval/session.c through its API: whether an
 * input is left open, inputs run all or nothing, a let follows the case as
 * it grows (computed again only when next used, in memory freed then), a
 * let a declaration makes fail is reported and unbound as in the script,
 * :load and :reload, the dirty flag, a save that reads back, and that
 * queries keep no memory.  What the session
 * prints goes to a scratch file and its errors to /dev/null; the checks
 * report on standard error.  Last line: "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "progress.h"
#include "session.h"
#include "check.h"


/* The number bound to `name` (the last binding of it), or -1, asking the
 * session for the lets' values as they are now. */
static double bound(cn_session *s, const char *name) {
  const cn_eval *E = cn_session_eval(s);
  for (size_t i = E->gnames.n; i-- > 0;)
    if (strcmp(E->gnames.items[i]->str, name) == 0)
      return E->gvalues.items[i].t == CN_V_NUM ? E->gvalues.items[i].u.num
                                                : -1;
  return -1;
}

static int run(cn_session *s, const char *text) {
  static int line;
  int rc = cn_session_run(s, text, strlen(text), line);
  line += 1;
  return rc;
}

static int unfinished(cn_session *s, const char *text) {
  return cn_session_unfinished(s, text, strlen(text));
}

/* A person who presses Ctrl-C as soon as a long read shows how far it
 * is. */
static void press_ctrl_c(const char *what, cn_progress_unit unit,
                         int64_t done, int64_t total) {
  (void)what;
  (void)total;
  if (unit == CN_PROGRESS_BYTES && done > 0)
    cn_measure_interrupt = 1;
}

/* Another program that cuts the file being read short to 2 MB as soon as
 * the reading shows how far it is. */
static const char *cut_path;
static void cut_short(const char *what, cn_progress_unit unit, int64_t done,
                      int64_t total) {
  (void)what;
  (void)total;
  if (unit == CN_PROGRESS_BYTES && done > 0 && cut_path)
    truncate(cut_path, (off_t)2 << 20);
}

/* `ties` ties among 1,000 actors (megabytes): a script that declares
 * them, the ties alone (LONG_TIES), or a spreadsheet (LONG_CSV). */
enum { LONG_SCRIPT, LONG_TIES, LONG_CSV };
static void write_long(const char *path, int ties, int kind) {
  int csv = kind == LONG_CSV;
  FILE *f = fopen(path, "w");
  if (!f) {
    printf("cannot write %s\n", path);
    exit(2);
  }
  if (kind == LONG_SCRIPT) {
    fputs("layer 长\n", f);
    for (int i = 0; i < 1000; i++)
      fprintf(f, "actor 长%d\n", i);
  } else if (csv) {
    fputs("from,to\n", f);
  }
  for (int i = 0; i < ties; i++)
    fprintf(f, csv ? "长%d,长%d\n" : "长%d -- 长%d : 长\n", i % 1000,
            (i % 1000 + 1 + i / 1000 % 998) % 1000);
  if (fclose(f) != 0)
    exit(2);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
    printf("cannot write %s\n", path);
    exit(2);
  }
}

int main(void) {
  const char *tmp = getenv("TMPDIR");
  char dir[200];
  snprintf(dir, sizeof dir, "%s/cnet-session-XXXXXX", tmp && *tmp ? tmp : ".");
  if (!mkdtemp(dir)) {
    printf("cannot make a scratch directory\n");
    return 2;
  }
  char script[256], saved[256], loaded[256];
  snprintf(script, sizeof script, "%s/case.cnet", dir);
  snprintf(saved, sizeof saved, "%s/saved.cnet", dir);
  snprintf(loaded, sizeof loaded, "%s/more.cnet", dir);
  write_file(script, "layer 交易\nkind 农户\nactor 张三, 李四 : 农户\n"
                     "张三 -- 李四 : 交易 2000..\n");
  write_file(loaded, "actor 王五 : 农户\n王五 -- 张三 : 交易 2001..\n");

  /* results go to stdout: keep them out of the test's own output */
  FILE *results = tmpfile();
  FILE *quiet = fopen("/dev/null", "w");
  if (!results || !quiet || dup2(fileno(results), STDOUT_FILENO) < 0) {
    fprintf(stderr, "cannot redirect the output\n");
    return 2;
  }
  cn_diag diag;
  cn_diag_init(&diag, quiet);
  cn_session_config cfg = {.diag = &diag, .quiet = quiet,
                           .open = cn_stdlib_open};
  const char *files[] = {script};
  int lerr = -1, rerr = -1;
  cn_session *s = cn_session_open(&cfg, files, 1, 1, &lerr, &rerr);
  CHECK_THAT(lerr == 0 && rerr == 0 && s->c.actors.n == 2, "the file opens");
  CHECK_THAT(!cn_session_dirty(s), "a session just opened is clean");

  /* an input left open asks for more; a complete one, or bad bytes, not */
  CHECK_THAT(unfinished(s, "degree(张三"), "an open bracket");
  CHECK_THAT(unfinished(s, "let x = 1 +"), "a trailing operator");
  CHECK_THAT(!unfinished(s, "degree(张三)"), "a complete call");
  CHECK_THAT(!unfinished(s, "degree(\xff"), "bad bytes run");
  CHECK_THAT(!unfinished(s, "degree)("), "an error before the end");

  /* a good declaration lands */
  CHECK_THAT(run(s, "actor 赵六 : 农户; 赵六 -- 李四 : 交易 2002..") == 0,
        "a declaration takes effect");
  CHECK_THAT(s->c.actors.n == 3 && s->c.ties.n == 2, "the case grew");
  CHECK_THAT(cn_session_dirty(s), "a declaration makes the session dirty");

  /* a let follows the case as it grows */
  CHECK_THAT(run(s, "let k = count(actors())") == 0, "a let takes effect");
  CHECK_THAT(bound(s, "k") == 3, "the let sees three actors");
  size_t recomputes = s->recomputes;
  CHECK_THAT(run(s, "actor 孙七 : 农户") == 0, "another actor");
  CHECK_THAT(s->stale && s->recomputes == recomputes,
        "a declaration alone does not compute the let again");
  CHECK_THAT(bound(s, "k") == 4 && s->recomputes == recomputes + 1,
        "the let is computed again over four actors when asked for");

  /* a failing input rolls back, even what came before its error */
  size_t stmts = s->c.stmts.n, nglobals = s->E->gnames.n;
  CHECK_THAT(run(s, "actor 周八 : 农户; let j = 1; degree(无此人)") != 0,
        "an input with an unknown actor fails");
  CHECK_THAT(s->c.actors.n == 4, "its actor is gone");
  CHECK_THAT(s->c.stmts.n == stmts && s->E->gnames.n == nglobals,
        "its let is gone");
  CHECK_THAT(bound(s, "k") == 4, "the earlier let keeps its value");
  CHECK_THAT(run(s, "let k = 99; nosuchfunction()") != 0, "a failing rebinding");
  CHECK_THAT(bound(s, "k") == 4, "a let redefined by a failed input is restored");
  CHECK_THAT(run(s, "actor 张三 : 农户") != 0, "a duplicate actor is refused");
  CHECK_THAT(s->c.actors.n == 4 && bound(s, "k") == 4, "and nothing changed");

  /* :load is all or nothing too */
  size_t actors = s->c.actors.n;
  CHECK_THAT(cn_session_load(s, loaded) == 0, "a file loads into the session");
  CHECK_THAT(s->c.actors.n == actors + 1 && bound(s, "k") == (double)actors + 1,
        "its actor is there, and the let counts it");
  CHECK_THAT(cn_session_load(s, loaded) != 0 && s->c.actors.n == actors + 1,
        "loading it again fails and changes nothing");
  actors = s->c.actors.n;

  /* a declaration is never refused for a let: the let it makes fail
   * reports its error when the lets are next computed and is unbound, as
   * in the saved script */
  CHECK_THAT(run(s, "let one = degree(孙七)") == 0, "a let over an actor");
  CHECK_THAT(run(s, "layer 新层; 孙七 -- 张三 : 新层 2003..") == 0,
        "a new layer and tie");
  CHECK_THAT(bound(s, "one") == 1, "the let is computed again");
  CHECK_THAT(run(s, "let r = 1 / (6 - count(actors()))") == 0, "a let over a count");
  CHECK_THAT(bound(s, "r") == 1, "r is 1 over five actors");
  size_t let_failures = s->let_failures;
  CHECK_THAT(run(s, "actor 吴九") == 0 && s->c.actors.n == actors + 1,
        "an actor that makes it divide by 0 is declared");
  CHECK_THAT(s->let_failures == let_failures, "the let is not computed yet");
  size_t kinds = s->c.kinds.n;
  CHECK_THAT(run(s, "kind 新类; r") != 0 && s->c.kinds.n == kinds,
        "an input that uses r after it failed fails, its kind gone");
  CHECK_THAT(s->stale && s->let_failures == let_failures + 1,
        "the let's error was reported, the lets stale as before the input");
  CHECK_THAT(run(s, "1 + 1") == 0 && !s->stale &&
            s->let_failures == let_failures + 2,
        "the next query computes the lets again: the let's error, once more");
  CHECK_THAT(bound(s, "r") == -1 && bound(s, "k") == (double)actors + 1 &&
            bound(s, "one") == 1,
        "r is unbound, the other lets follow the case");
  CHECK_THAT(run(s, "count(actors())") == 0 && s->let_failures == let_failures + 2,
        "a let that failed is not reported again while the case is the same");
  CHECK_THAT(cn_session_failing(s) == 1, "one let fails in the session");
  actors = s->c.actors.n;

  /* :save writes what the session is; it is then clean */
  CHECK_THAT(cn_session_bindings(s) == 3, "three lets to save");
  char why[512];
  CHECK_THAT(cn_session_save(s, saved, why, sizeof why) == 0, "the session saves");
  CHECK_THAT(!cn_session_dirty(s), "a saved session is clean");
  CHECK_THAT(run(s, "count(actors())") == 0 && !cn_session_dirty(s),
        "a query does not make it dirty");
  CHECK_THAT(cn_session_read_file(s, script) && cn_session_read_file(s, loaded) &&
            !cn_session_read_file(s, saved),
        "the session knows the files it read");

  /* a reload reads the opened and the loaded file again */
  CHECK_THAT(cn_session_reload(&s, &rerr) == 0 && rerr == 0, "the reload");
  CHECK_THAT(s->c.actors.n == 3 && s->E->gnames.n == 0 && !cn_session_dirty(s),
        "a reload reads the files again, and drops what was typed");

  /* the saved script opens on the same case */
  const char *again[] = {saved};
  cn_session *t = cn_session_open(&cfg, again, 1, 1, &lerr, &rerr);
  CHECK_THAT(lerr == 0 && rerr == 1 && bound(t, "r") == -1,
        "the saved script loads, its let r failing as in the session");
  CHECK_THAT(t->c.actors.n == actors && bound(t, "k") == (double)actors &&
            bound(t, "one") == 1,
        "the saved script gives the same case and lets");
  cn_session_free(t);

  /* queries leave nothing behind: after 1,000 of them (good and failed)
   * the case holds the same statements, sources and arena bytes, while a
   * let is kept */
  run(s, "1 + 1");
  size_t nstmts = s->c.stmts.n, nsrcs = s->c.srcs.n, used = s->c.arena.used;
  for (int i = 0; i < 1000; i++) {
    run(s, "1 + 1");
    run(s, "count(actors()); degree(张三)");
    run(s, "no_such_thing(1)");
  }
  CHECK_THAT(s->c.stmts.n == nstmts && s->c.srcs.n == nsrcs &&
            s->c.arena.used == used,
        "queries keep no statement, source or arena memory");
  CHECK_THAT(run(s, "let kept = 41 + 1") == 0 && bound(s, "kept") == 42 &&
            s->c.stmts.n == nstmts + 1,
        "a let after them is kept");
  CHECK_THAT(run(s, "kept") == 0 && bound(s, "kept") == 42,
        "and its value is there for the next query");

  /* declarations alone compute no let and keep no let memory; the next
   * input that runs something computes the lets once, over the grown case
   * (kept even when that input fails); computed again and again, the lets
   * hold the memory of one computation */
  CHECK_THAT(run(s, "let n = count(actors()); let t = actors()") == 0,
        "lets over the actors");
  recomputes = s->recomputes;
  size_t values = s->E->keep->used, n0 = s->c.actors.n;
  int declared = 0;
  char text[64];
  for (int i = 0; i < 200; i++) {
    snprintf(text, sizeof text, "actor 批%d", i);
    declared += run(s, text) == 0;
  }
  CHECK_THAT(declared == 200 && s->c.actors.n == n0 + 200, "200 declarations");
  CHECK_THAT(s->recomputes == recomputes && s->E->keep->used == values,
        "compute no let and keep no let memory");
  CHECK_THAT(run(s, "no_such_thing(n)") != 0 && !s->stale &&
            s->recomputes == recomputes + 1,
        "a failing query computes the lets once, and they stay computed");
  CHECK_THAT(bound(s, "n") == (double)n0 + 200 && s->recomputes == recomputes + 1,
        "the let counts the 200 actors");
  size_t once = s->E->keep->used;
  for (int i = 0; i < 50; i++) {
    snprintf(text, sizeof text, "actor 再%d", i);
    run(s, text);
    run(s, "n");
  }
  CHECK_THAT(bound(s, "n") == (double)n0 + 250 && s->recomputes == recomputes + 51,
        "a let used after each declaration is computed again each time");
  CHECK_THAT(s->E->keep->used < 2 * once,
        "the values the lets computed again replace are freed");
  /* Ctrl-C while a long script or spreadsheet is read: the input stops
   * with an error, and the session is as it was */
  char longer[256], sheet[256], importing[256];
  snprintf(longer, sizeof longer, "%s/long.cnet", dir);
  snprintf(sheet, sizeof sheet, "%s/long.csv", dir);
  snprintf(importing, sizeof importing, "%s/import.cnet", dir);
  write_long(longer, 120000, LONG_SCRIPT);
  write_long(sheet, 200000, LONG_CSV);
  write_file(importing, "import ties \"long.csv\" : 长\n");
  size_t nactors = s->c.actors.n, ties = s->c.ties.n;
  cn_progress_hook = press_ctrl_c;
  int errors = diag.errors;
  CHECK_THAT(cn_session_load(s, longer) != 0 && diag.errors == errors + 1,
             "Ctrl-C stops :load of a long script with one error");
  CHECK_THAT(s->c.actors.n == nactors && s->c.ties.n == ties &&
                 !cn_session_read_file(s, longer),
             "and the session is as it was");
  CHECK_THAT(cn_session_load(s, longer) != 0, "again");
  cn_progress_hook = NULL;
  CHECK_THAT(cn_session_load(s, longer) == 0 &&
                 s->c.ties.n == ties + 120000,
             "read to the end when nobody presses Ctrl-C");
  cn_progress_hook = press_ctrl_c;
  CHECK_THAT(cn_session_load(s, importing) != 0 &&
                 s->c.ties.n == ties + 120000,
             "Ctrl-C stops an import of a long spreadsheet: nothing of it stays");
  cn_progress_hook = NULL;
  CHECK_THAT(run(s, "count(ties())") == 0, "the session goes on");

  /* a large script (mapped) cut short by another program while it is
   * read: an error, and the session as it was */
  write_long(longer, 420000, LONG_TIES);
  cut_path = longer;
  cn_progress_hook = cut_short;
  errors = diag.errors;
  ties = s->c.ties.n;
  CHECK_THAT(cn_session_load(s, longer) != 0 && diag.errors == errors + 1 &&
                 s->c.ties.n == ties,
             "a script cut short while :load reads it: one error, no trace");
  cn_progress_hook = NULL;
  CHECK_THAT(run(s, "count(ties())") == 0, "the session goes on after it");
  cn_session_free(s);
  remove(longer);
  remove(sheet);
  remove(importing);

  fclose(quiet);
  fclose(results);
  remove(script);
  remove(saved);
  remove(loaded);
  rmdir(dir);
  fprintf(stderr, "%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
