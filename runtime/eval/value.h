/* value.h — the values queries compute: scalars, names of the case,
 * lists, records (a list of records with the same keys is a table) and
 * snapshots; printing them as text tables, CSV, TSV or JSON. */
#ifndef CN_VALUE_H
#define CN_VALUE_H

#include <stdint.h>
#include <stdio.h>

#include "case.h"

struct cn_snapshot;
struct cn_func;

typedef enum cn_vtype {
  CN_V_NIL,
  CN_V_BOOL,
  CN_V_NUM,
  CN_V_STR,
  /* names of the case: u.name, its index in the namespace is name->slot */
  CN_V_ACTOR,
  CN_V_LAYER,
  CN_V_KIND,
  CN_V_STAGE,
  CN_V_GROUP,
  CN_V_SYMBOL, /* a name that is none of the above (县内, 无 …) */
  CN_V_SPAN,
  CN_V_LIST,
  CN_V_RECORD,
  CN_V_NET,
  CN_V_FUNC
} cn_vtype;

typedef struct cn_list cn_list;
typedef struct cn_record cn_record;

typedef struct cn_value {
  cn_vtype t;
  union {
    int b;
    double num;
    const char *str; /* NUL-terminated UTF-8, arena-owned or interned */
    cn_name *name;
    cn_span span;
    cn_list *list;
    cn_record *rec;
    struct cn_snapshot *net;
    const struct cn_func *fn;
  } u;
} cn_value;

struct cn_list {
  int64_t n;
  cn_value *items;
};

struct cn_record {
  int n;
  cn_name **keys;
  cn_value *vals;
};

typedef enum cn_format {
  CN_FMT_TABLE,
  CN_FMT_CSV,
  CN_FMT_TSV,
  CN_FMT_JSON
} cn_format;

static inline cn_value cn_nil(void) { cn_value v = {CN_V_NIL, {0}}; return v; }
static inline cn_value cn_num(double x) { cn_value v = {CN_V_NUM, {0}}; v.u.num = x; return v; }
static inline cn_value cn_bool(int b) { cn_value v = {CN_V_BOOL, {0}}; v.u.b = !!b; return v; }
static inline cn_value cn_str(const char *s) { cn_value v = {CN_V_STR, {0}}; v.u.str = s; return v; }
static inline cn_value cn_named(cn_vtype t, cn_name *n) { cn_value v = {t, {0}}; v.u.name = n; return v; }

/// A layer as a value (nothing for the implicit layer -1 of a case
/// without layers).
cn_value cn_layer_value(const cn_case *c, int32_t layer);
/// A list of n items (zeroed = nil) in arena a.
cn_value cn_list_new(cn_arena *a, int64_t n);
/// A record with n keys (set keys[i] and vals[i]).
cn_value cn_record_new(cn_arena *a, int n);
/// Column names of a table, interned: every row shares the array.
cn_name **cn_keys(cn_names *names, cn_arena *a, const char *const *cols,
                  int n);
/// A row (record) over shared column names; values start as nothing.
cn_value cn_row(cn_arena *a, cn_name **keys, int n);
/// Field `key` of a record, or NULL.
cn_value *cn_record_get(const cn_record *r, const char *key);

/// What a type is called in messages ("a number", "an actor" …).
const char *cn_type_name(cn_vtype t);
/// Structural equality (names compare by identity whatever their kind).
int cn_value_equal(const cn_value *a, const cn_value *b);
/// Ordering for sort(): numbers, then text by bytes; NaN last.
int cn_value_compare(const cn_value *a, const cn_value *b);
/// Is this a non-empty list of records sharing the same keys?
int cn_value_is_table(const cn_value *v);
/// Deep copy into another arena (snapshots are shared, not copied).
cn_value cn_value_copy(cn_arena *a, const cn_value *v);
/// Human text of a value into buf ("NaN", 0.2500 with `decimals` ≥ 0,
/// else the shortest exact form), cut at a character boundary when it does
/// not fit (for messages; cn_value_text_arena gives all of it).
void cn_value_text(const cn_value *v, char *buf, size_t n, int decimals);
/// The whole text of a value, however long, in arena memory.
char *cn_value_text_arena(cn_arena *a, const cn_value *v, int decimals);
/// Print a value as a top-level result in the given format.
void cn_value_print(FILE *out, const cn_value *v, cn_format fmt);

#endif
