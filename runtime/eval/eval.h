/* eval.h — the tree-walking evaluator: scopes, calls (built-in and `def`),
 * runtime errors located at the expression, statement execution. */
#ifndef CN_EVAL_H
#define CN_EVAL_H

#include <setjmp.h>

#include "case.h"
#include "native.h"
#include "value.h"

/* A call's evaluated arguments, as natives see them. */
typedef struct cn_call {
  const cn_ast *node;  /* the CALL node: for error locations */
  const char *fn;      /* the function's name */
  const struct cn_native *native; /* its record, NULL for a def */
  int npos;
  cn_value *pos;
  const cn_loc *pos_loc;
  int nnamed;
  cn_name **names;
  cn_value *named;
  const cn_loc *named_loc;
  unsigned char *used; /* per named arg: consumed by the native */
  int piped;           /* 1: pos[0] is the value piped in (`x | f(a)`) */
  int rows_only;       /* 1: the call is counted (count(ties(…))); a native
                          that can count its rows without building them
                          returns their number and sets 2 */
} cn_call;

typedef struct cn_eval cn_eval;
typedef cn_value (*cn_native_fn)(cn_eval *E, cn_call *call);

/* A built-in function: natives register a table of these (stdlib/);
 * native.h says what is generated from them. */
typedef struct cn_native {
  const char *name;
  const cn_param *params; /* ended by a record without a name; NULL: none */
  int sel;                /* takes a selection (stage=, layer=, …) */
  const char *doc;        /* one line */
  cn_native_fn fn;
} cn_native;

/* A function written in cnet (`def`). */
typedef struct cn_func {
  cn_name *name;
  const cn_ast *def; /* the DEF statement */
} cn_func;

typedef struct cn_frame cn_frame;

struct cn_eval {
  cn_case *c;
  cn_diag *diag;
  cn_arena *arena;      /* where values of the current statement live */
  cn_arena *keep;       /* session memory: let values, defs */
  cn_format format;
  int echo;             /* --echo: show each printed expression (echo.h) */
  int repl;             /* the REPL, where ':help' exists (hints say so) */
  int depth;            /* calls of `def` functions in progress */
  int traced;           /* "called from" notes shown for the current error */
  long steps;           /* def calls made by the current statement */
  cn_loc outside_warned; /* the last span=/at= of this statement warned of
                            as lying outside the case (snapshot.c): a loop
                            warns once */
  long max_steps;       /* 0: no limit (a person can press Ctrl-C); fuzzing
                           and untrusted runs set one */
  cn_frame *frame;      /* innermost local scope */
  jmp_buf *on_error;    /* where a runtime error jumps */
  const cn_native *natives;
  size_t nnatives;
  /* called once for a function name found nowhere: may define it (the
   * prelude is bound this way, only when a script uses it); returns 1 if
   * it defined something */
  int (*on_unknown)(cn_eval *E, const cn_name *name);
  /* "f(params): what it does" for a library def (the prelude's docs), or
   * NULL: the hint of a call that leaves out a parameter */
  const char *(*doc_of)(const char *fn);
  /* the snapshots the current statement built, shared by its calls that
   * select the same network (snapshot.c); forgotten when it ends */
  struct cn_snapshot *snaps[8];
  long nsnaps;          /* built so far: the last 8 are in snaps, a ring */
  struct cn_snapshot_cache *cache; /* snapshots kept across statements
                                      (snapshot_cache.c); NULL: none yet */
  long statements;      /* top-level statements begun (the cache tells
                           those of the running one by it) */
  /* globals: let values and defs, by name */
  CN_VEC(cn_name *) gnames;
  CN_VEC(cn_value) gvalues;
};

enum { CN_MAX_CALL_DEPTH = 256 };

/// The limit of def calls per statement every new evaluator starts with
/// (--max-steps; 0: none).
extern long cn_eval_step_limit;
/// Say that memory ran out at loc (else at the statement running) and
/// exit(70): out of memory is never an error a script could go on after.
_Noreturn void cn_eval_out_of_memory(cn_eval *E, const cn_loc *loc,
                                     const char *what);

void cn_eval_init(cn_eval *E, cn_case *c, cn_diag *diag);
/// Number of global bindings (let/def), to undo a failed REPL input.
size_t cn_eval_mark(const cn_eval *E);
void cn_eval_rollback(cn_eval *E, size_t mark);
void cn_eval_free(cn_eval *E);
/// Add a table of built-ins (kept by pointer).
void cn_eval_register(cn_eval *E, const cn_native *natives, size_t n);
/// The built-in called `name`, or NULL.
const cn_native *cn_eval_native(const cn_eval *E, const char *name);
/// Run one kept statement (let, def or expression).  An expression's value
/// is printed when `print` is set.  Returns 0, or 1 after a runtime error
/// (already reported).
int cn_eval_stmt(cn_eval *E, const cn_ast *stmt, int print);
/// Evaluate an expression (inside a statement: errors jump).
cn_value cn_eval_expr(cn_eval *E, const cn_ast *e);
/// Report a runtime error at loc and abandon the statement.
_Noreturn void cn_eval_error(cn_eval *E, const cn_loc *loc, const char *fmt,
                             ...) __attribute__((format(printf, 3, 4)));
/// A hint after the error about to be raised (call before cn_eval_error's
/// jump: use cn_eval_fail for error + hint).
_Noreturn void cn_eval_fail(cn_eval *E, const cn_loc *loc, const char *hint,
                            const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/// Call a function value or a built-in by name with positional values.
cn_value cn_eval_call_value(cn_eval *E, const cn_loc *loc, const cn_value *fn,
                            int npos, cn_value *pos);

/* ---- argument helpers for natives (they raise errors themselves) ---- */

/// The named argument `key`, marked used; NULL if absent.
const cn_value *cn_arg_named(cn_call *call, const char *key,
                             const cn_loc **loc);
/// Error unless every named argument was used: one that another built-in
/// takes says so, any other gets a suggestion from the function's record.
void cn_arg_done(cn_eval *E, cn_call *call);
/// Positional argument i must exist and be coercible to namespace ns.
int32_t cn_arg_entity(cn_eval *E, cn_call *call, int i, enum cn_ns ns);
/// Coerce a value to an entity of namespace ns (a name of that kind).
int32_t cn_value_entity(cn_eval *E, const cn_value *v, const cn_loc *loc,
                        enum cn_ns ns);
double cn_arg_number(cn_eval *E, const cn_value *v, const cn_loc *loc);
int cn_arg_bool(cn_eval *E, const cn_value *v, const cn_loc *loc);
const char *cn_arg_string(cn_eval *E, const cn_value *v, const cn_loc *loc);
/// stage=all where the case has no stage named all: the error says
/// stage= takes one stage, and how to ask of every stage (stages=all where
/// the built-in takes it, else a list over stages()).
void cn_arg_stage_all(cn_eval *E, const cn_call *call);
/// For a call given too many arguments: when a value was piped into it,
/// the hint that the value counts as the first (`x | f(a)` is `f(x, a)`);
/// else NULL.
const char *cn_piped_hint(cn_eval *E, const cn_call *call);
/// Error unless the call has as many positional arguments as the built-in's
/// record allows.
void cn_arg_count(cn_eval *E, cn_call *call);

#endif
