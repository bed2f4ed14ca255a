/* natives_aggregate.c — one number from many: sum, mean, median, min, max
 * and sd over a list of numbers or one column of a table, and round().
 * NaN values are left out, as undefined (a measure's NaN for an isolate
 * does not make the mean of a column NaN). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

/* The numbers of the call's list (or of its column, when a column name
 * follows the table), NaN left out; *n is how many.  Errors are located at
 * the argument that causes them. */
static double *numbers(cn_eval *E, cn_call *call, int64_t *n) {
  cn_arg_count(E, call);
  const cn_value *v = &call->pos[0];
  const cn_loc *loc = &call->pos_loc[0];
  if (v->t != CN_V_LIST)
    cn_eval_error(E, loc, "%s() needs a list or table, got %s", call->fn,
                  cn_type_name(v->t));
  const cn_list *l = v->u.list;
  const char *col = call->npos > 1
                        ? cn_arg_string(E, &call->pos[1], &call->pos_loc[1])
                        : NULL;
  double *x = cn_arena_alloc(E->arena, sizeof *x * (size_t)(l->n + 1));
  int64_t k = 0;
  for (int64_t i = 0; i < l->n; i++) {
    const cn_value *item = &l->items[i];
    if (col) {
      const cn_value *f = item->t == CN_V_RECORD
                              ? cn_record_get(item->u.rec, col) : NULL;
      if (!f)
        cn_no_column(E, &call->pos_loc[1], item, col,
                     cn_arena_printf(E->arena, "in row %lld", (long long)i + 1));
      item = f;
    } else if (item->t == CN_V_RECORD) {
      cn_eval_fail(E, loc,
                   cn_arena_printf(E->arena, "name the column: %s(TABLE, "
                                             "\"COLUMN\")",
                                   call->fn),
                   "%s() of a table needs a column", call->fn);
    }
    double d = cn_arg_number(E, item, col ? &call->pos_loc[1] : loc);
    if (!isnan(d))
      x[k++] = d;
  }
  *n = k;
  return x;
}

static cn_value f_sum(cn_eval *E, cn_call *call) {
  int64_t n;
  double *x = numbers(E, call, &n), s = 0;
  for (int64_t i = 0; i < n; i++)
    s += x[i];
  return cn_num(s);
}

static double mean_of(const double *x, int64_t n) {
  double s = 0;
  for (int64_t i = 0; i < n; i++)
    s += x[i];
  return n ? s / (double)n : NAN;
}

static cn_value f_mean(cn_eval *E, cn_call *call) {
  int64_t n;
  double *x = numbers(E, call, &n);
  return cn_num(mean_of(x, n));
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static cn_value f_median(cn_eval *E, cn_call *call) {
  int64_t n;
  double *x = numbers(E, call, &n);
  if (n == 0)
    return cn_num(NAN);
  qsort(x, (size_t)n, sizeof *x, cmp_double);
  return cn_num(n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2);
}

static cn_value extreme(cn_eval *E, cn_call *call, int largest) {
  int64_t n;
  double *x = numbers(E, call, &n), m = NAN;
  for (int64_t i = 0; i < n; i++)
    if (i == 0 || (largest ? x[i] > m : x[i] < m))
      m = x[i];
  return cn_num(m);
}

static cn_value f_min(cn_eval *E, cn_call *call) { return extreme(E, call, 0); }
static cn_value f_max(cn_eval *E, cn_call *call) { return extreme(E, call, 1); }

/* The sample standard deviation (n - 1 in the denominator, as R's sd and
 * Python's statistics.stdev), two passes over the values. */
static cn_value f_sd(cn_eval *E, cn_call *call) {
  int64_t n;
  double *x = numbers(E, call, &n);
  if (n < 2)
    return cn_num(NAN);
  double m = mean_of(x, n), ss = 0;
  for (int64_t i = 0; i < n; i++)
    ss += (x[i] - m) * (x[i] - m);
  return cn_num(sqrt(ss / (double)(n - 1)));
}

/* round(x, digits): half away from zero at the digits-th decimal (negative
 * digits round to tens, hundreds …). */
static cn_value f_round(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  double x = cn_arg_number(E, &call->pos[0], &call->pos_loc[0]);
  const cn_loc *dloc = call->npos > 1 ? &call->pos_loc[1] : NULL;
  const cn_value *dv = call->npos > 1 ? &call->pos[1]
                                      : cn_arg_named(call, "digits", &dloc);
  double digits = dv ? cn_arg_number(E, dv, dloc) : 0;
  if (!(digits >= -15 && digits <= 15 && digits == floor(digits)))
    cn_eval_fail(E, dloc, "round(x, 2) keeps two decimals",
                 "digits is a whole number from -15 to 15, not %g", digits);
  if (!isfinite(x))
    return cn_num(x);
  double p = pow(10, fabs(digits));
  double r = digits >= 0 ? round(x * p) / p : round(x / p) * p;
  return cn_num(isfinite(r) ? r : x); /* x·10^digits overflowed: x is whole */
}

#define LIST CN_POS("list", CN_A_LIST)
#define COLUMN CN_OPT("column", CN_A_COLUMN)

const cn_native cn_natives_aggregate[] = {
    {"sum", CN_ARGS(LIST, COLUMN), 0, "the sum of numbers, or of a table's column (NaN left out; 0 for none)", f_sum},
    {"mean", CN_ARGS(LIST, COLUMN), 0, "the mean of numbers, or of a table's column (NaN left out; NaN for none)", f_mean},
    {"median", CN_ARGS(LIST, COLUMN), 0, "the middle value (the mean of the two middle ones for an even count; NaN left out; NaN for none)", f_median},
    {"min", CN_ARGS(LIST, COLUMN), 0, "the smallest number, or of a table's column (NaN left out; NaN for none)", f_min},
    {"max", CN_ARGS(LIST, COLUMN), 0, "the largest number, or of a table's column (NaN left out; NaN for none)", f_max},
    {"sd", CN_ARGS(LIST, COLUMN), 0, "the sample standard deviation (n - 1, as R's sd; NaN left out; NaN below two values)", f_sd},
    {"round",
     CN_ARGS(CN_POS("x", CN_A_NUMBER),
             {"digits", CN_A_NUMBER, "0", NULL, CN_P_POS | CN_P_NAMED}),
     0, "x rounded to digits decimals, halves away from zero (negative digits: to tens, hundreds …)", f_round},
};
const size_t cn_natives_aggregate_n =
    sizeof cn_natives_aggregate / sizeof *cn_natives_aggregate;
