/* session.h — a case and the evaluator over it, changed one input at a time,
 * each input all or nothing: the REPL's model, for any front end (a
 * terminal, a notebook, an editor).
 *
 * An input is one or more complete statements.  It is loaded as a source of
 * its own named "<repl>" whose line numbers the front end continues (so
 * errors read <repl>:LINE:COL).  Before each input the case and the
 * evaluator's bindings are marked; any error rolls both back, so a failed
 * input leaves no trace but what it printed before the error.
 *
 * The session always equals a script: the declarations given so far, then
 * every let and def in order (what cn_session_save writes).  So a let
 * follows the case as it grows: an input of declarations alone only marks
 * the lets stale, and the next input that runs a statement (a let, def or
 * query) — or cn_session_eval — first computes them again over the case
 * as it now is, by a fresh evaluator, as loading that script would; the
 * evaluator before and the memory of its values are then freed.  A
 * declaration is never refused for a let: a let it makes fail reports its
 * error when the lets are next computed, and is then unbound, as the
 * saved script would report it and go on without it. */
#ifndef CN_SESSION_H
#define CN_SESSION_H

#include <stdio.h>

#include "case.h"
#include "eval.h"

typedef struct cn_session_config {
  cn_diag *diag;              /* where errors and hints are reported */
  FILE *quiet;                /* where quiet re-runs report (/dev/null) */
  void (*open)(cn_eval *E);   /* registers the built-ins of each evaluator */
  cn_format format;           /* how results print */
  int echo;                   /* --echo while the files run */
  int echo_inputs;            /* --echo for the inputs */
} cn_session_config;

typedef struct cn_session {
  cn_case c;
  cn_eval *E;                 /* replaced when lets are computed again;
                                 its names and defs are current, its let
                                 values only if !stale (cn_session_eval) */
  cn_session_config cfg;
  char **files;               /* what a reload reads: opened and loaded */
  size_t nfiles, capfiles;
  unsigned char *bad;         /* per statement of c.stmts: failed last run */
  size_t badcap;
  int dirty;                  /* changed since opened, reloaded or saved */
  int stale;                  /* declarations came after the lets were
                                 computed */
  size_t recomputes;          /* times the lets were computed again */
  size_t let_failures;        /* lets that failed when computed again (the
                                 script would report them too) */
} cn_session;

/// Open a session on files (loaded in order, then their statements run;
/// with run_queries, their expressions too, printing).  Sets the errors of
/// loading and of running; statements run only if the files loaded.  The
/// session is usable either way (on what could be loaded).
cn_session *cn_session_open(const cn_session_config *cfg,
                            const char *const *files, size_t n,
                            int run_queries, int *load_errors, int *run_errors);
void cn_session_free(cn_session *s);

/// A source over text[0..len) named <repl>, its lines shown from
/// line_base + 1.  Reports text that is not UTF-8 (or holds NUL) at its
/// place and returns NULL.
cn_source *cn_session_source(const char *text, size_t len, int line_base,
                             cn_diag *diag);

/// Does the text end inside a statement (an open bracket, a trailing
/// operator), so that a front end should read another line before it runs
/// it?  Text with bad bytes is not unfinished: running it reports them.
int cn_session_unfinished(cn_session *s, const char *text, size_t len);
/// Run one complete input, all or nothing: declarations, lets and defs take
/// effect and expressions print, or after any error nothing of it stays.
/// Returns 0 if the input took effect.
int cn_session_run(cn_session *s, const char *text, size_t len, int line_base);
/// The same for a script file (the REPL's :load); a file that took effect
/// is read again by a reload.
int cn_session_load(cn_session *s, const char *path);
/// The evaluator with every let computed over the case as it is now
/// (computing them again if declarations came since; a let that fails then
/// reports its error).  When Ctrl-C stops that, the lets stay stale.
cn_eval *cn_session_eval(cn_session *s);
/// How many lets and defs fail over the case as it is now (computing the
/// lets again if needed): the run errors its saved script reports.
size_t cn_session_failing(cn_session *s);
/// Read the files again into a fresh session that replaces *sp (its
/// configuration and files kept).  Returns the errors of loading; when
/// there are some, *sp is left as it was.  Sets the errors of running.
int cn_session_reload(cn_session **sp, int *run_errors);

/// Has anything :save would write changed since the session was opened,
/// reloaded or saved?
int cn_session_dirty(const cn_session *s);
/// Is `path` (by its real path) one of the files the session read?
int cn_session_read_file(const cn_session *s, const char *path);
/// The let and def statements of the session (what :save writes after the
/// declarations).
size_t cn_session_bindings(const cn_session *s);
/// Write the session as a script to `path` (atomically, runtime/out/); 0 on
/// success, else CN_OUT_FAILED or CN_OUT_REFUSED (--no-write) with the
/// reason in why.
int cn_session_save(cn_session *s, const char *path, char *why,
                    size_t nwhy);

/// Output format of the results, from now on and after a reload.
void cn_session_set_format(cn_session *s, cn_format format);

#endif
