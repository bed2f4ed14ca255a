/* case_add.h — the one way into the case model.  A script statement
 * (load.c) and a spreadsheet row (import.c) both become layers, actors,
 * ties … through these functions, which alone give names their slots, keep
 * the case's counts and check what the model requires, with one set of
 * messages reported at the location the caller gives (a script's
 * line:column or a CSV file's row:column).  Callers parse and resolve;
 * they do not touch the tables of the case. */
#ifndef CN_CASE_ADD_H
#define CN_CASE_ADD_H

#include "case.h"

/// The word for a thing of namespace ns: "actor", "layer", "kind" …
const char *cn_ns_word(enum cn_ns ns);
/// Report `unknown WHAT 'name'` at loc, with a hint: a later declaration,
/// a near name of namespace ns, the same name in another namespace, or the
/// names there are.
void cn_case_unknown(const cn_case *c, cn_diag *diag, const cn_loc *loc,
                     enum cn_ns ns, const char *name);
/// May `name` be declared as a new thing of namespace ns?  Reports at `at`
/// a duplicate (noting the first declaration) or an actor and a group of
/// the same name.  Every cn_case_add_* below checks this itself; call it
/// first only to report before other checks of the same statement or row.
int cn_case_name_free(const cn_case *c, cn_diag *diag, enum cn_ns ns,
                      const cn_name *name, const cn_loc *at);

/// Where a thing is written, worked out only when there is something to
/// report (a spreadsheet cell's position costs a count of code points):
/// locate(ctx, part) is where that part of it is, CN_AT_ENDS for a tie's
/// ends (or the thing as a whole), CN_AT_SPAN for its span.
typedef struct cn_where {
  cn_loc (*locate)(const void *ctx, int part);
  const void *ctx;
} cn_where;
enum { CN_AT_ENDS, CN_AT_SPAN };
/// A place known already: every part is at *loc (which must outlive the
/// cn_where).
cn_where cn_where_loc(const cn_loc *loc);

/// Is year y within the years a case can name?  `column`, when not NULL,
/// is named in the message (a spreadsheet's span column).
int cn_case_year_ok(cn_diag *diag, const cn_where *at, double y,
                    const char *column);
/// The span from..to (either end may be infinite): both years in range
/// and in order.  Returns 0 and reports otherwise.
int cn_case_span(cn_diag *diag, const cn_where *at, double from, double to,
                 const char *column, cn_span *out);
/// Is w a weight a tie can have (finite, > 0)?  Reports at `at` if not.
int cn_case_weight_ok(cn_diag *diag, const cn_loc *at, double w);

/* Each cn_case_add_* copies the thing into the case and returns where it
 * now is (valid until the next addition of the same kind), or NULL after
 * reporting why it cannot be added.  `name_at` is where its name is
 * written. */

/// A layer; one declared after ties without a layer is reported (at l->loc)
/// but added all the same.
cn_layer *cn_case_add_layer(cn_case *c, cn_diag *diag, const cn_layer *l,
                            const cn_loc *name_at);
cn_kind *cn_case_add_kind(cn_case *c, cn_diag *diag, const cn_kind *k,
                          const cn_loc *name_at);
cn_stage *cn_case_add_stage(cn_case *c, cn_diag *diag, const cn_stage *s,
                            const cn_loc *name_at);
/// An actor; its name is written at a->loc.
cn_actor *cn_case_add_actor(cn_case *c, cn_diag *diag, const cn_actor *a);
cn_group *cn_case_add_group(cn_case *c, cn_diag *diag, const cn_group *g,
                            const cn_loc *name_at);
/// A tie between two resolved actors: not from an actor to itself, and
/// living somewhere within the lives of its ends (an empty span names the
/// first end, from then to, whose life it misses).
cn_tie *cn_case_add_tie(cn_case *c, cn_diag *diag, const cn_tie *t,
                        const cn_where *where);
cn_event *cn_case_add_event(cn_case *c, const cn_event *e);
/// A let, def or expression statement, kept for the evaluator.
void cn_case_add_stmt(cn_case *c, cn_ast *s);

#endif
