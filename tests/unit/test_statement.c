/* test_statement.c — what one statement shares and keeps (runtime/eval):
 * calls that select the same network share one snapshot, calls with another
 * selection get their own; the next statements find the same snapshots in
 * the cache while the case is unchanged (snapshot_cache.c: bounded, freed
 * when the case changes, views added to a cached snapshot as queries need
 * them), the REPL's queries and lets follow the case as it grows; and
 * binding the prelude in the middle of a statement does not reset its step
 * and depth limits.  Results print to /dev/null.  Last line: "N passed, N
 * failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "lang.h"
#include "load.h"
#include "session.h"
#include "snapshot.h"
#include "case_fixture.h"
#include "check.h"


static const char case_text[] =
    "layer 交易\nlayer 政策\nstage 起步 1970..1994\n"
    "stage 整合 1995..2013 { collapse = 联盟 }\n"
    "actor 甲 { place = 县内 }\nactor 乙 { place = 县外 }\nactor 丙 { place = 县内 }\n"
    "actor 丁\n甲 -- 乙 : 交易 1980..\n乙 -- 丙 : 政策 1996..\n"
    "丙 -- 丁 : 交易 1990..\ngroup 联盟 = {甲, 丙}\n";

/* Statements of text run in order; the number that failed. */
typedef struct runner {
  cn_eval *E;
  int failed;
} runner;

static int run_one(cn_parser *P, cn_ast *s) {
  runner *r = P->ud;
  r->failed += cn_eval_stmt(r->E, s, 1) != 0;
  return 1;
}

static int run(cn_eval *E, const char *text) {
  runner r = {E, 0};
  cn_source *src = cn_src_from_text("<test>", text, strlen(text), E->diag);
  if (!src)
    return -1;
  cn_case_add_source(E->c, src);
  cn_parse_text(src, &E->c->names, E->diag, &E->c->arena, run_one, &r);
  return r.failed;
}

/* The snapshot of a selection given as call arguments, as a built-in would
 * ask for it (in the current statement's arena). */
static cn_snapshot *snap(cn_eval *E, const char *key, cn_value v) {
  cn_call call;
  memset(&call, 0, sizeof call);
  cn_name *name = key ? cn_intern_cstr(&E->c->names, key) : NULL;
  cn_loc loc;
  memset(&loc, 0, sizeof loc);
  unsigned char used = 0;
  call.fn = "test";
  if (key) {
    call.names = &name;
    call.named = &v;
    call.named_loc = &loc;
    call.used = &used;
    call.nnamed = 1;
  }
  return cn_snapshot_of_call(E, &call);
}

/* Snapshots the cache has built since it began. */
static long built(const cn_eval *E) { return cn_snapshot_cache_now(E).built; }

/* The snapshot cache across statements, on a fresh evaluator over c. */
static void check_cache(cn_case *c, cn_diag *diag) {
  cn_eval E;
  cn_eval_init(&E, c, diag);
  cn_stdlib_open(&E);
  CHECK_THAT(run(&E, "density()") == 0 && built(&E) == 1 &&
                 cn_snapshot_cache_now(&E).held == 1,
             "a statement leaves its snapshot in the cache");
  size_t pattern = cn_snapshot_cache_now(&E).bytes;
  CHECK_THAT(run(&E, "degree(甲)") == 0 && built(&E) == 1,
             "density() then degree(…): one snapshot for both statements");
  CHECK_THAT(run(&E, "constraint(甲)") == 0 && built(&E) == 1 &&
                 cn_snapshot_cache_now(&E).bytes > pattern,
             "a query that needs more views builds them into the cached one");
  CHECK_THAT(run(&E, "density(layer=交易)") == 0 && built(&E) == 2 &&
                 cn_snapshot_cache_now(&E).held == 2,
             "another selection has a snapshot of its own");

  /* a declaration changes the case: what was cached goes */
  CHECK_THAT(cn_load_text(c, "<more>", "actor 戊\n甲 -- 戊 : 交易 1990..\n",
                          strlen("actor 戊\n甲 -- 戊 : 交易 1990..\n"),
                          diag) == 0,
             "a declaration loads");
  CHECK_THAT(run(&E, "degree(甲)") == 0 && built(&E) == 3 &&
                 cn_snapshot_cache_now(&E).held == 1,
             "after a declaration the next statement builds afresh");
  cn_load_text(c, "<more>", "actor 己\n", strlen("actor 己\n"), diag);
  cn_snapshot_cache_drop(&E, 0);
  CHECK_THAT(cn_snapshot_cache_now(&E).held == 0,
             "the snapshots of a changed case are freed when asked");

  /* bounded: at most CN_SNAPSHOT_CACHE places; one statement with more
   * selections builds the others in its own arena */
  CHECK_THAT(run(&E, "[density(without=x) for x in column(actors(), \"actor\")] + "
                     "[density(without=x, layer=交易) for x in column(actors(), \"actor\")]") == 0 &&
                 cn_snapshot_cache_now(&E).held == CN_SNAPSHOT_CACHE,
             "twelve selections in one statement: eight cached");
  /* and over the budget, what the running statement does not use goes
   * before another is built */
  size_t budget = cn_snapshot_cache_bytes;
  cn_snapshot_cache_bytes = 0;
  CHECK_THAT(run(&E, "density(layer=政策)") == 0 &&
                 cn_snapshot_cache_now(&E).held == 1,
             "over the budget: the snapshots of earlier statements are freed");
  CHECK_THAT(run(&E, "density() + density(layer=交易) + density(layer=政策)") == 0 &&
                 cn_snapshot_cache_now(&E).held == 3,
             "but never those the running statement uses");
  cn_snapshot_cache_bytes = budget;
  cn_eval_free(&E);
}

/* What an input of the session printed: its last line. */
static const char *printed(cn_session *s, const char *text) {
  static char line[256];
  static int lines;
  line[0] = '\0';
  FILE *t = tmpfile();
  int saved = dup(STDOUT_FILENO);
  fflush(stdout);
  if (!t || saved < 0 || dup2(fileno(t), STDOUT_FILENO) < 0)
    return "(cannot redirect)";
  cn_session_run(s, text, strlen(text), lines++);
  fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  rewind(t);
  char buf[256];
  while (fgets(buf, sizeof buf, t))
    snprintf(line, sizeof line, "%s", buf);
  fclose(t);
  line[strcspn(line, "\n")] = '\0';
  return line;
}

/* The REPL's queries and lets follow the case as it grows. */
static void check_session(FILE *quiet) {
  cn_diag diag;
  cn_diag_init(&diag, quiet);
  cn_session_config cfg = {.diag = &diag, .quiet = quiet,
                           .open = cn_stdlib_open};
  int lerr = 0, rerr = 0;
  cn_session *s = cn_session_open(&cfg, NULL, 0, 0, &lerr, &rerr);
  printed(s, "layer L\nactor a, b, c\na -- b : L");
  printed(s, "let d = density()");
  CHECK_THAT(strcmp(printed(s, "density()"), "0.3333333333333333") == 0 &&
                 strcmp(printed(s, "d"), "0.3333333333333333") == 0,
             "a query and a let over three actors and one tie");
  printed(s, "b -- c : L");
  CHECK_THAT(cn_snapshot_cache_now(s->E).held == 0,
             "a declaration in the REPL frees the cached snapshots");
  CHECK_THAT(strcmp(printed(s, "density()"), "0.6666666666666666") == 0,
             "the next query sees the new tie");
  CHECK_THAT(strcmp(printed(s, "d"), "0.6666666666666666") == 0,
             "and so does the let");
  printed(s, "actor e");
  CHECK_THAT(strcmp(printed(s, "density()"), "0.3333333333333333") == 0 &&
                 strcmp(printed(s, "d"), "0.3333333333333333") == 0,
             "an actor more: both follow again");
  CHECK_THAT(printed(s, "actor f\nnosuch()")[0] == '\0' &&
                 strcmp(printed(s, "density()"), "0.3333333333333333") == 0,
             "an input rolled back: the case as it was");
  cn_session_free(s);
}

int main(void) {
  cn_diag diag;
  cn_case c;
  cn_eval E;
  FILE *quiet = case_fixture_open(&c, &E, &diag, case_text, sizeof case_text - 1);
  if (!quiet)
    return 2;

  /* one statement: the same selection is one snapshot */
  cn_value layer1 = cn_named(CN_V_LAYER, c.layers.items[0].name);
  cn_value layer2 = cn_named(CN_V_LAYER, c.layers.items[1].name);
  cn_value stage2 = cn_named(CN_V_STAGE, c.stages.items[1].name);
  cn_snapshot *a = snap(&E, "layer", layer1);
  CHECK_THAT(snap(&E, "layer", layer1) == a, "the same layer= shares a snapshot");
  CHECK_THAT(snap(&E, "layer", layer2) != a, "another layer= has its own");
  cn_snapshot *st = snap(&E, "stage", stage2);
  CHECK_THAT(st->n == 3, "stage 整合 collapses 联盟 (its own default)");
  CHECK_THAT(snap(&E, "stage", stage2) == st, "the same stage= shares a snapshot");
  cn_value near = cn_str("县内"), far = cn_str("县外");
  cn_snapshot *in = snap(&E, "place", near);
  CHECK_THAT(snap(&E, "place", far) != in && snap(&E, "place", near) == in,
        "an attribute filter shares only with the same value");
  cn_snapshot *all = snap(&E, NULL, cn_nil());
  CHECK_THAT(snap(&E, NULL, cn_nil()) == all && all != a, "no selection: the whole case");

  /* a statement's snapshots end with it */
  CHECK_THAT(run(&E, "degree(甲)") == 0, "a statement runs");
  CHECK_THAT(E.nsnaps == 0, "and forgets its snapshots when it ends");
  CHECK_THAT(run(&E, "[degree(x) + degree(x, layer=交易) for x in column(actors(), \"actor\")]") == 0,
        "calls over many actors in one statement");

  /* the step limit holds across the prelude's binding: 2 x 30 def calls,
   * the prelude bound between them, exceed a limit of 50 */
  E.max_steps = 50;
  CHECK_THAT(run(&E, "def g(x) = x") == 0, "a def");
  CHECK_THAT(run(&E, "count([g(x) for x in column(actors(), \"actor\") + column(actors(), \"actor\") + "
                "column(actors(), \"actor\") + column(actors(), \"actor\") + column(actors(), \"actor\") + "
                "column(actors(), \"actor\") + column(actors(), \"actor\")]) + count(keyactors()) + "
                "count([g(x) for x in column(actors(), \"actor\") + column(actors(), \"actor\") + "
                "column(actors(), \"actor\") + column(actors(), \"actor\") + column(actors(), \"actor\") + "
                "column(actors(), \"actor\") + column(actors(), \"actor\")])") == 1,
        "binding the prelude does not reset the step count");

  cn_eval_free(&E);
  check_cache(&c, &diag);
  check_session(quiet);
  cn_case_free(&c);
  fprintf(stderr, "%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
