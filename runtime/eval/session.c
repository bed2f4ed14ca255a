/* session.c — one input at a time, all or nothing (see session.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "load.h"
#include "measures.h"
#include "save.h"
#include "snapshot.h"

/* ---- sources ---- */

cn_source *cn_session_source(const char *text, size_t len, int line_base,
                             cn_diag *diag) {
  return cn_src_from_input("<repl>", text, len, line_base, diag);
}

static int ignore_stmt(cn_parser *P, cn_ast *s) {
  (void)P;
  (void)s;
  return 0;
}

/* The grammar decides: a quiet parse must fail only at the end of the
 * text. */
int cn_session_unfinished(cn_session *s, const char *text, size_t len) {
  cn_diag quiet;
  cn_diag_init(&quiet, s->cfg.quiet);
  cn_source *src = cn_session_source(text, len, 0, &quiet);
  if (!src)
    return 0; /* bad bytes: reported when the input runs */
  cn_arena scratch;
  cn_arena_init(&scratch);
  cn_parser P;
  memset(&P, 0, sizeof P);
  P.src = src;
  P.names = &s->c.names;
  P.diag = &quiet;
  P.scratch = &scratch;
  P.on_stmt = ignore_stmt;
  P.quiet = 1;
  cn_parse_source(&P);
  cn_arena_free(&scratch);
  cn_src_free(src);
  return P.incomplete && P.syntax_errors == 1;
}

/* ---- evaluators and files ---- */

/* A new evaluator over the session's case, with the built-ins.  What it
 * keeps (let values, defs, the prelude) goes to an arena of its own, so
 * that computing the lets again frees the values they replace. */
static cn_eval *eval_new(cn_session *s) {
  cn_eval *E = cn_xcalloc(1, sizeof *E);
  cn_eval_init(E, &s->c, s->cfg.diag);
  E->keep = cn_xcalloc(1, sizeof *E->keep);
  cn_arena_init(E->keep);
  E->format = s->cfg.format;
  E->echo = s->cfg.echo;
  E->repl = 1; /* hints may point to :help */
  if (s->cfg.open)
    s->cfg.open(E);
  return E;
}

static void eval_free(cn_eval *E) {
  if (E) {
    cn_arena *values = E->keep;
    cn_eval_free(E);
    cn_arena_free(values);
    free(values);
    free(E);
  }
}

/* Record whether statement i of the case failed when it last ran. */
static void set_bad(cn_session *s, size_t i, int bad) {
  s->bad = cn_xgrow(s->bad, &s->badcap, i + 1, 1);
  s->bad[i] = (unsigned char)(bad != 0);
}

/* The let and def statements among the first n of the case. */
static size_t bindings(const cn_case *c, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += c->stmts.items[i]->kind != CN_AST_EXPR;
  return k;
}

static void add_file(cn_session *s, const char *path) {
  for (size_t i = 0; i < s->nfiles; i++)
    if (strcmp(s->files[i], path) == 0)
      return;
  s->files = cn_xgrow(s->files, &s->capfiles, s->nfiles + 1, sizeof *s->files);
  s->files[s->nfiles++] = cn_xstrdup(path);
}

/* A new input: the error cap counts per input, and an interrupt asked for
 * before it does not stop it. */
static void input_begin(cn_session *s) {
  s->cfg.diag->errors = 0;
  s->cfg.diag->suppressed = 0;
  cn_measure_interrupt = 0;
}

/* ---- opening ---- */

cn_session *cn_session_open(const cn_session_config *cfg,
                            const char *const *files, size_t n,
                            int run_queries, int *load_errors,
                            int *run_errors) {
  cn_session *s = cn_xcalloc(1, sizeof *s);
  s->cfg = *cfg;
  cn_case_init(&s->c);
  for (size_t i = 0; i < n; i++)
    add_file(s, files[i]);
  cn_diag *diag = cfg->diag;
  int before = diag->errors;
  for (size_t i = 0; i < s->nfiles && !cn_diag_full(diag); i++)
    cn_load_file(&s->c, s->files[i], diag);
  if (!cn_diag_full(diag))
    cn_load_finish(&s->c, diag);
  s->E = eval_new(s);
  *load_errors = diag->errors - before;
  *run_errors = 0;
  if (*load_errors)
    return s;
  for (size_t i = 0; i < s->c.stmts.n; i++) {
    const cn_ast *st = s->c.stmts.items[i];
    int rc = 0;
    if (run_queries || st->kind != CN_AST_EXPR) {
      cn_measure_interrupt = 0;
      rc = cn_eval_stmt(s->E, st, 1);
    }
    set_bad(s, i, rc);
    *run_errors += rc;
  }
  return s;
}

void cn_session_free(cn_session *s) {
  if (!s)
    return;
  eval_free(s->E);
  cn_case_free(&s->c);
  free(s->bad);
  for (size_t i = 0; i < s->nfiles; i++)
    free(s->files[i]);
  free(s->files);
  free(s);
}

int cn_session_reload(cn_session **sp, int *run_errors) {
  cn_session *old = *sp;
  input_begin(old);
  int errors = 0;
  cn_session *s = cn_session_open(&old->cfg, (const char *const *)old->files,
                                  old->nfiles, 0, &errors, run_errors);
  if (errors) {
    cn_session_free(s);
    return errors;
  }
  cn_session_free(old);
  *sp = s;
  return 0;
}

/* ---- one input, all or nothing ---- */

typedef struct mark {
  cn_case_mark c;
  size_t globals;
  cn_value *values; /* the bindings' values: a failed let may redefine one */
  unsigned char *bad; /* the statements' failure flags */
  int (*on_unknown)(cn_eval *, const cn_name *);
  int errors;
  int stale;
} mark;

/* The evaluator's part of a mark: its bindings, their values, whether the
 * lets were current. */
static void mark_eval(const cn_session *s, mark *m) {
  m->globals = cn_eval_mark(s->E);
  m->values = cn_xrealloc(m->values, sizeof *m->values * (m->globals + 1));
  if (m->globals)
    memcpy(m->values, s->E->gvalues.items, sizeof *m->values * m->globals);
  m->on_unknown = s->E->on_unknown;
  m->stale = s->stale;
}

static mark mark_now(const cn_session *s) {
  mark m;
  m.c = cn_case_mark_now(&s->c);
  m.values = NULL;
  mark_eval(s, &m);
  m.bad = cn_xmalloc(m.c.stmts + 1);
  if (m.c.stmts)
    memcpy(m.bad, s->bad, m.c.stmts);
  m.errors = s->cfg.diag->errors;
  return m;
}

/* The let and def statements before statement `upto`, run again in order
 * by a fresh evaluator over the case as it now is — what loading the
 * script of the session would do.  A let that ran before and fails now
 * reports its error, and its name is then not bound by it, as in the
 * script; one that failed before fails quietly again.  Returns NULL, the
 * session untouched, when Ctrl-C stopped it: a let stopped half-way has
 * not failed. */
static cn_eval *rebind(cn_session *s, size_t upto) {
  cn_eval *E = eval_new(s);
  cn_diag quiet;
  cn_diag_init(&quiet, s->cfg.quiet);
  unsigned char *bad = cn_xmalloc(upto + 1);
  size_t newly = 0;
  for (size_t i = 0; i < upto && !cn_measure_interrupt; i++) {
    const cn_ast *st = s->c.stmts.items[i];
    bad[i] = s->bad[i];
    if (st->kind != CN_AST_LET && st->kind != CN_AST_DEF)
      continue;
    /* defs warn (hiding a built-in) only the first time */
    E->diag = st->kind == CN_AST_DEF || s->bad[i] ? &quiet : s->cfg.diag;
    int rc = cn_eval_stmt(E, st, 0);
    E->diag = s->cfg.diag;
    if (rc && !s->bad[i] && !cn_measure_interrupt) {
      cn_diag_hint(s->cfg.diag, "a let is computed over the whole case, as "
                                "in a script: what was declared since it "
                                "was last computed changes it");
      newly++;
    }
    bad[i] = (unsigned char)(rc != 0);
  }
  if (cn_measure_interrupt) {
    eval_free(E);
    E = NULL;
  } else {
    if (upto)
      memcpy(s->bad, bad, upto);
    s->let_failures += newly;
    s->recomputes++;
  }
  free(bad);
  return E;
}

/* Put the evaluator back as it was at the mark (a fresh one from rebind,
 * if any, is dropped for `old`). */
static void eval_restore(cn_session *s, const mark *m, cn_eval *old) {
  if (old) { /* the evaluator before the input, untouched */
    eval_free(s->E);
    s->E = old;
    return;
  }
  cn_eval_rollback(s->E, m->globals);
  if (m->globals)
    memcpy(s->E->gvalues.items, m->values, sizeof *m->values * m->globals);
  /* the prelude, if bound during the input, is bound again when needed */
  s->E->on_unknown = m->on_unknown;
}

/* Run the statements the case received since the mark (let, def and
 * expressions, printing); then keep everything or roll it all back.
 *
 * An input of declarations alone only marks the lets stale.  The lets are
 * computed again (rebind) when an input next runs a statement, before its
 * own, so that what it sees is what the script of the session would give.
 * When that input declared nothing itself, the lets computed again hold
 * whatever the input does; else they go with its declarations.  What the
 * input's own statements keep (let values, defs, the prelude) goes to an
 * arena of the input that joins the evaluator's only if it takes effect.
 * Returns 0 if the input took effect. */
static int finish_input(cn_session *s, mark *m) {
  cn_diag *diag = s->cfg.diag;
  int failed = diag->errors > m->errors;
  int decl = !failed && cn_case_declared_since(&s->c, &m->c);
  int runs = !failed && s->c.stmts.n > m->c.stmts;
  cn_eval *old = NULL;
  if (runs && (decl || s->stale) && bindings(&s->c, m->c.stmts)) {
    cn_eval *E = rebind(s, m->c.stmts);
    if (!E) {
      failed = 1;
    } else if (decl) {
      old = s->E;
      s->E = E;
    } else {
      eval_free(s->E);
      s->E = E;
      s->stale = 0;
      mark_eval(s, m);
      if (m->c.stmts)
        memcpy(m->bad, s->bad, m->c.stmts);
    }
    m->errors = diag->errors; /* a let's error does not refuse the input */
  }
  cn_arena *own = s->E->keep, input;
  cn_arena_init(&input);
  s->E->keep = &input;
  s->E->echo = s->cfg.echo_inputs;
  for (size_t i = m->c.stmts; !failed && i < s->c.stmts.n; i++) {
    int rc = cn_eval_stmt(s->E, s->c.stmts.items[i], 1);
    set_bad(s, i, rc);
    failed = rc != 0 || diag->errors > m->errors;
  }
  s->E->keep = own;
  if (failed) {
    eval_restore(s, m, old);
    cn_arena_free(&input);
    cn_case_rollback(&s->c, &m->c);
    if (m->c.stmts)
      memcpy(s->bad, m->bad, m->c.stmts);
    s->stale = m->stale;
  } else {
    cn_arena_adopt(own, &input);
    eval_free(old);
    if (runs)
      s->stale = 0;
    else if (decl)
      s->stale = 1;
    if (decl || bindings(&s->c, s->c.stmts.n) > bindings(&s->c, m->c.stmts))
      s->dirty = 1;
  }
  cn_snapshot_cache_drop(s->E, 0); /* snapshots of the case as it was */
  free(m->values);
  free(m->bad);
  return failed;
}

/* Did the input leave anything the session needs after it ran: a
 * declaration, a let or def, a source besides its own?  An input of
 * queries alone leaves nothing (what the evaluator keeps, the prelude
 * included, is in its own arena). */
static int input_kept(const cn_session *s, const mark *m) {
  if (cn_case_declared_since(&s->c, &m->c) || s->c.srcs.n > m->c.srcs + 1)
    return 1;
  for (size_t i = m->c.stmts; i < s->c.stmts.n; i++)
    if (s->c.stmts.items[i]->kind != CN_AST_EXPR)
      return 1;
  return 0;
}

/* An input is parsed into an arena of its own: once its queries have run
 * (or it failed and was rolled back), nothing needs it, and the session
 * frees its statements, source and syntax trees; what a successful input
 * keeps joins the case's arena.  (20,000 queries typed in a session took
 * 113 MB; now what one query took.) */
int cn_session_run(cn_session *s, const char *text, size_t len,
                   int line_base) {
  input_begin(s);
  mark m = mark_now(s);
  cn_arena kept = s->c.arena; /* the case's, set aside */
  cn_arena_init(&s->c.arena);
  cn_source *src = cn_session_source(text, len, line_base, s->cfg.diag);
  if (src)
    cn_load_source(&s->c, src, s->cfg.diag);
  int rc = finish_input(s, &m);
  if (rc == 0 && input_kept(s, &m)) {
    cn_arena_adopt(&kept, &s->c.arena);
  } else { /* queries only, or a failed input rolled back: drop them */
    s->c.stmts.n = m.c.stmts;
    while (s->c.srcs.n > m.c.srcs)
      cn_src_free(s->c.srcs.items[--s->c.srcs.n]);
    cn_arena_free(&s->c.arena);
  }
  s->c.arena = kept;
  return rc;
}

int cn_session_load(cn_session *s, const char *path) {
  input_begin(s);
  mark m = mark_now(s);
  size_t stages = s->c.stages.n;
  cn_load_file(&s->c, path, s->cfg.diag);
  if (s->cfg.diag->errors == m.errors && s->c.stages.n > stages)
    cn_load_finish(&s->c, s->cfg.diag);
  int rc = finish_input(s, &m);
  if (rc == 0)
    add_file(s, path);
  return rc;
}

cn_eval *cn_session_eval(cn_session *s) {
  if (s->stale && bindings(&s->c, s->c.stmts.n)) {
    input_begin(s);
    cn_eval *E = rebind(s, s->c.stmts.n);
    if (!E)
      return s->E;
    eval_free(s->E);
    s->E = E;
  }
  s->stale = 0;
  return s->E;
}

size_t cn_session_failing(cn_session *s) {
  cn_session_eval(s);
  size_t n = 0;
  for (size_t i = 0; i < s->c.stmts.n; i++)
    n += s->c.stmts.items[i]->kind != CN_AST_EXPR && s->bad[i];
  return n;
}

/* ---- what :save needs ---- */

int cn_session_dirty(const cn_session *s) { return s->dirty; }

size_t cn_session_bindings(const cn_session *s) {
  return bindings(&s->c, s->c.stmts.n);
}

int cn_session_read_file(const cn_session *s, const char *path) {
  char *real = realpath(path, NULL);
  int same = 0;
  for (size_t i = 0; real && !same && i < s->nfiles; i++) {
    char *loaded = realpath(s->files[i], NULL);
    same = loaded && strcmp(loaded, real) == 0;
    free(loaded);
  }
  free(real);
  return same;
}

int cn_session_save(cn_session *s, const char *path, char *why,
                    size_t nwhy) {
  input_begin(s);
  int rc = cn_save_file(&s->c, path, why, nwhy);
  if (rc == 0)
    s->dirty = 0;
  return rc;
}

void cn_session_set_format(cn_session *s, cn_format format) {
  s->cfg.format = format;
  s->E->format = format;
}
