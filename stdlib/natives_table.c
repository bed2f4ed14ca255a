/* natives_table.c — working with tables and lists: top, sort, count,
 * first, where, column (sums and other aggregates: natives_aggregate.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "snapshot.h"
#include "suggest.h"
#include "utf8.h"

static const cn_list *list_arg(cn_eval *E, cn_call *call, int i) {
  if (i >= call->npos)
    cn_eval_error(E, &call->node->loc, "%s() needs a list or table", call->fn);
  const cn_value *v = &call->pos[i];
  if (v->t != CN_V_LIST)
    cn_eval_error(E, &call->pos_loc[i], "%s() needs a list or table, got %s",
                  call->fn, cn_type_name(v->t));
  return v->u.list;
}

static cn_value f_top(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  int64_t n = 10;
  const cn_loc *nloc = call->npos > 1 ? &call->pos_loc[1] : NULL;
  const cn_value *nv = call->npos > 1 ? &call->pos[1]
                                      : cn_arg_named(call, "n", &nloc);
  if (nv) {
    double k = cn_arg_number(E, nv, nloc);
    if (k < 0 || k != floor(k))
      cn_eval_error(E, nloc, "top() takes a whole number ≥ 0, not %g", k);
    n = (int64_t)fmin(k, (double)l->n);
  }
  if (n > l->n)
    n = l->n;
  cn_value v = cn_list_new(E->arena, n);
  memcpy(v.u.list->items, l->items, sizeof(cn_value) * (size_t)n);
  return v;
}

/* sort(): a stable merge sort on one column (or on the values). */
typedef struct sort_key {
  const cn_value *key;
  int64_t index;
  int desc; /* the same in every key: qsort passes no context */
} sort_key;

static int cmp_keys(const void *a, const void *b) {
  const sort_key *x = a, *y = b;
  int c = cn_value_compare(x->key, y->key);
  if (x->desc) {
    int xn = x->key->t == CN_V_NUM && isnan(x->key->u.num);
    int yn = y->key->t == CN_V_NUM && isnan(y->key->u.num);
    if (!xn && !yn)
      c = -c; /* NaN stays last either way */
  }
  if (c == 0)
    c = (x->index > y->index) - (x->index < y->index);
  return c;
}

_Noreturn void cn_no_column(cn_eval *E, const cn_loc *loc, const cn_value *row,
                            const char *col, const char *what) {
  if (!row || row->t != CN_V_RECORD)
    cn_eval_error(E, loc, "no column '%s' %s: the table's rows are no records",
                  col, what);
  const cn_record *r = row->u.rec;
  cn_suggest s;
  cn_suggest_init(&s, col);
  const char *list = "";
  for (int k = 0; k < r->n; k++) {
    cn_suggest_offer(&s, r->keys[k]->str);
    list = cn_arena_printf(E->arena, "%s%s%s", list, k ? ", " : "",
                           r->keys[k]->str);
  }
  cn_eval_fail(E, loc,
               cn_arena_printf(E->arena, "%s%s%sthe columns are: %s",
                               s.best ? "did you mean '" : "",
                               s.best ? s.best : "", s.best ? "'? " : "", list),
               "no column '%s' %s", col, what);
}

static cn_value f_sort(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  const cn_loc *by_loc = NULL, *desc_loc = NULL;
  const cn_value *by = cn_arg_named(call, "by", &by_loc);
  const cn_value *desc = cn_arg_named(call, "desc", &desc_loc);
  const char *col = by ? cn_arg_string(E, by, by_loc) : NULL;
  sort_key *keys = cn_arena_alloc(E->arena, sizeof *keys * (size_t)(l->n + 1));
  int desc_order = desc ? cn_arg_bool(E, desc, desc_loc) : 0;
  for (int64_t i = 0; i < l->n; i++) {
    keys[i].index = i;
    keys[i].desc = desc_order;
    keys[i].key = &l->items[i];
    if (col) {
      if (l->items[i].t != CN_V_RECORD)
        cn_eval_error(E, by_loc, "sort(by=…) needs a table of records");
      const cn_value *f = cn_record_get(l->items[i].u.rec, col);
      if (!f)
        cn_no_column(E, by_loc, &l->items[i], col, "to sort by");
      keys[i].key = f;
    }
  }
  qsort(keys, (size_t)l->n, sizeof *keys, cmp_keys);
  cn_value v = cn_list_new(E->arena, l->n);
  for (int64_t i = 0; i < l->n; i++)
    v.u.list->items[i] = l->items[keys[i].index];
  return v;
}

static cn_value f_count(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_value *v = &call->pos[0];
  if (v->t == CN_V_NET)
    return cn_num(v->u.net->n);
  if (v->t == CN_V_STR)
    return cn_num((double)cn_utf8_count(v->u.str, strlen(v->u.str)));
  return cn_num((double)list_arg(E, call, 0)->n);
}

static cn_value f_first(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  return l->n ? l->items[0] : cn_nil();
}

static cn_value f_where(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  cn_value out = cn_list_new(E->arena, l->n);
  int64_t n = 0;
  for (int k = 0; k < call->nnamed; k++)
    call->used[k] = 1;
  for (int64_t i = 0; i < l->n; i++) {
    const cn_value *row = &l->items[i];
    if (row->t != CN_V_RECORD)
      cn_eval_error(E, &call->pos_loc[0], "where() needs a table of records");
    int keep = 1;
    for (int k = 0; k < call->nnamed && keep; k++) {
      const cn_value *f = cn_record_get(row->u.rec, call->names[k]->str);
      if (!f)
        cn_no_column(E, &call->named_loc[k], row, call->names[k]->str,
                     "in this table");
      const cn_value *want = &call->named[k];
      if (want->t == CN_V_LIST && f->t != CN_V_LIST) {
        int any = 0;
        for (int64_t j = 0; j < want->u.list->n && !any; j++)
          any = cn_value_equal(f, &want->u.list->items[j]);
        keep = any;
      } else {
        keep = cn_value_equal(f, want);
      }
    }
    if (keep)
      out.u.list->items[n++] = *row;
  }
  out.u.list->n = n;
  return out;
}

static cn_value f_column(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  const char *col = cn_arg_string(E, &call->pos[1], &call->pos_loc[1]);
  cn_value out = cn_list_new(E->arena, l->n);
  for (int64_t i = 0; i < l->n; i++) {
    const cn_value *f = l->items[i].t == CN_V_RECORD
                            ? cn_record_get(l->items[i].u.rec, col) : NULL;
    if (!f)
      cn_no_column(E, &call->pos_loc[1], &l->items[i], col,
                   cn_arena_printf(E->arena, "in row %lld", (long long)i + 1));
    out.u.list->items[i] = *f;
  }
  return out;
}

static cn_value f_text(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  return cn_str(cn_value_text_arena(E->arena, &call->pos[0], -1));
}

static cn_value f_flatten(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  int64_t n = 0;
  for (int64_t i = 0; i < l->n; i++)
    n += l->items[i].t == CN_V_LIST ? l->items[i].u.list->n : 1;
  cn_value out = cn_list_new(E->arena, n);
  n = 0;
  for (int64_t i = 0; i < l->n; i++) {
    if (l->items[i].t != CN_V_LIST) {
      out.u.list->items[n++] = l->items[i];
      continue;
    }
    for (int64_t j = 0; j < l->items[i].u.list->n; j++)
      out.u.list->items[n++] = l->items[i].u.list->items[j];
  }
  return out;
}

static cn_value f_unique(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  cn_value out = cn_list_new(E->arena, l->n);
  int64_t n = 0;
  for (int64_t i = 0; i < l->n; i++) {
    int seen = 0;
    for (int64_t j = 0; j < n && !seen; j++)
      seen = cn_value_equal(&out.u.list->items[j], &l->items[i]);
    if (!seen)
      out.u.list->items[n++] = l->items[i];
  }
  out.u.list->n = n;
  return out;
}

/* pairs([a, b, c]) = [{from: a, to: b}, {from: b, to: c}] */
static cn_value f_pairs(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  const cn_list *l = list_arg(E, call, 0);
  int64_t n = l->n > 1 ? l->n - 1 : 0;
  cn_value out = cn_list_new(E->arena, n);
  cn_name *from = cn_intern_cstr(&E->c->names, "from");
  cn_name *to = cn_intern_cstr(&E->c->names, "to");
  for (int64_t i = 0; i < n; i++) {
    cn_value r = cn_record_new(E->arena, 2);
    r.u.rec->keys[0] = from;
    r.u.rec->keys[1] = to;
    r.u.rec->vals[0] = l->items[i];
    r.u.rec->vals[1] = l->items[i + 1];
    out.u.list->items[i] = r;
  }
  return out;
}

const cn_native cn_natives_table[] = {
    {"pairs", CN_ARGS(CN_POS("list", CN_A_LIST)), 0, "consecutive pairs of a list as records {from, to}", f_pairs},
    {"text", CN_ARGS(CN_POS("value", CN_A_ANY)), 0, "a value as text (numbers in full precision)", f_text},
    {"flatten", CN_ARGS(CN_POS("list", CN_A_LIST)), 0, "a list of lists as one list", f_flatten},
    {"unique", CN_ARGS(CN_POS("list", CN_A_LIST)), 0, "the list without repeated items, first occurrences kept", f_unique},
    {"top",
     CN_ARGS(CN_POS("table", CN_A_LIST),
             {"n", CN_A_NUMBER, "10", NULL, CN_P_POS | CN_P_NAMED}),
     0, "the first n rows of a table (or items of a list)", f_top},
    {"sort",
     CN_ARGS(CN_POS("table", CN_A_LIST), CN_KEY("by", CN_A_COLUMN, NULL, "COLUMN"),
             CN_KEY("desc", CN_A_BOOL, "false", NULL)),
     0, "rows ordered by a column (stable; NaN last)", f_sort},
    {"count", CN_ARGS(CN_POS("list", CN_A_LIST)), 0, "the number of rows or items (of a network: its actors)", f_count},
    {"first", CN_ARGS(CN_POS("list", CN_A_LIST)), 0, "the first row or item", f_first},
    {"where",
     CN_ARGS(CN_POS("table", CN_A_LIST), {"COLUMN", CN_A_ANY, NULL, NULL, CN_P_ANYNAME}),
     0, "the rows whose columns equal the values given (a list means any of them)", f_where},
    {"column", CN_ARGS(CN_POS("table", CN_A_LIST), CN_POS("name", CN_A_COLUMN)), 0, "one column of a table as a list", f_column},
};
const size_t cn_natives_table_n = sizeof cn_natives_table / sizeof *cn_natives_table;
