/* builtins.h — the built-in functions, registered table by table. */
#ifndef CN_BUILTINS_H
#define CN_BUILTINS_H

#include "eval.h"
#include "measures.h"
#include "permutation.h"

/* Each natives_*.c file defines one table. */
extern const cn_native cn_natives_table[];
extern const size_t cn_natives_table_n;
extern const cn_native cn_natives_aggregate[];
extern const size_t cn_natives_aggregate_n;
extern const cn_native cn_natives_case[];
extern const size_t cn_natives_case_n;
extern const cn_native cn_natives_measures[];
extern const size_t cn_natives_measures_n;
extern const cn_native cn_natives_network[];
extern const size_t cn_natives_network_n;
extern const cn_native cn_natives_brokerage[];
extern const size_t cn_natives_brokerage_n;
extern const cn_native cn_natives_change[];
extern const size_t cn_natives_change_n;
extern const cn_native cn_natives_render[];
extern const size_t cn_natives_render_n;
extern const cn_native cn_natives_export[];
extern const size_t cn_natives_export_n;
extern const cn_native cn_natives_position[];
extern const size_t cn_natives_position_n;

/// The top broker of a snapshot (the brokers() ranking's first row): a
/// vertex, or -1 when no actor spans a structural hole.  (natives_brokerage.c)
int32_t cn_top_broker(cn_eval *E, const struct cn_snapshot *s);

/// The named argument mode="all"|"out"|"in" (default all), for the
/// functions that can follow or ignore direction.  (natives_measures.c)
cn_mode cn_arg_mode(cn_eval *E, cn_call *call);

/// The vertex of an actor argument in a snapshot, -1 when it is not there;
/// a group is read where the selection collapses it.  An unknown name, a
/// group the selection does not collapse and an actor it folds into a
/// group are errors at loc.  Every built-in reads its actors through this.
/// (natives_measures.c)
int32_t cn_arg_vertex(cn_eval *E, const struct cn_snapshot *s,
                      const cn_value *v, const cn_loc *loc);

/// Raise the error of a measure's status ("interrupted", out of memory);
/// nothing for CN_MEASURE_OK.  (natives_measures.c)
void cn_measure_status(cn_eval *E, cn_call *call, int rc);

/// The options of a permutation test: reps= (default 1000; "exact" sets
/// *exact) and seed= (default 0), checked.  (natives_position.c)
void cn_qap_options(cn_eval *E, cn_call *call, int64_t *reps, uint64_t *seed,
                    int *exact);

/// The QAP test (permutation.h) of the ties of layers la and lb of a
/// snapshot, on all its actors; exact also when n! <= reps (exact with
/// more than CN_QAP_EXACT_MAX actors is an error).
/// (natives_position.c)
int cn_qap_layers(cn_eval *E, cn_call *call, const struct cn_snapshot *s,
                  int32_t la, int32_t lb, int64_t reps, uint64_t seed,
                  int exact, cn_qap_result *out);

/// A measure's per-actor values as its call asks: with an actor given, that
/// actor's value (NaN when it is not in the snapshot); else the table of
/// every actor with a column named after the function.  (natives_measures.c)
cn_value cn_measure_result(cn_eval *E, cn_call *call, const struct cn_snapshot *s,
                           const double *vals);

/// A table has no column `col` (row is one of its records, or not a
/// record): the error, at loc, names the closest column and lists them all.
/// (natives_table.c)
_Noreturn void cn_no_column(cn_eval *E, const cn_loc *loc, const cn_value *row,
                            const char *col, const char *what);

/// Register every built-in with the evaluator.
void cn_stdlib_open(cn_eval *E);

#endif
