/* value.c — value constructors, comparison, copying and printing. */
#include "value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "number.h"
#include "shown.h"
#include "snapshot.h"
#include "utf8.h"

cn_value cn_layer_value(const cn_case *c, int32_t layer) {
  return layer >= 0 ? cn_named(CN_V_LAYER, c->layers.items[layer].name)
                    : cn_nil();
}

cn_value cn_list_new(cn_arena *a, int64_t n) {
  cn_value v = {CN_V_LIST, {0}};
  v.u.list = cn_arena_alloc(a, sizeof *v.u.list);
  v.u.list->n = n;
  v.u.list->items = cn_arena_alloc(a, sizeof(cn_value) * (size_t)(n ? n : 1));
  return v;
}

cn_value cn_record_new(cn_arena *a, int n) {
  cn_value v = {CN_V_RECORD, {0}};
  v.u.rec = cn_arena_alloc(a, sizeof *v.u.rec);
  v.u.rec->n = n;
  v.u.rec->keys = cn_arena_alloc(a, sizeof(cn_name *) * (size_t)(n ? n : 1));
  v.u.rec->vals = cn_arena_alloc(a, sizeof(cn_value) * (size_t)(n ? n : 1));
  return v;
}

cn_name **cn_keys(cn_names *names, cn_arena *a, const char *const *cols,
                  int n) {
  cn_name **k = cn_arena_alloc(a, sizeof *k * (size_t)(n + 1));
  for (int i = 0; i < n; i++)
    k[i] = cn_intern_cstr(names, cols[i]);
  return k;
}

cn_value cn_row(cn_arena *a, cn_name **keys, int n) {
  cn_value v = {CN_V_RECORD, {0}};
  v.u.rec = cn_arena_alloc(a, sizeof *v.u.rec);
  v.u.rec->n = n;
  v.u.rec->keys = keys;
  v.u.rec->vals = cn_arena_alloc(a, sizeof(cn_value) * (size_t)(n + 1));
  return v;
}

cn_value *cn_record_get(const cn_record *r, const char *key) {
  for (int i = 0; i < r->n; i++)
    if (strcmp(r->keys[i]->str, key) == 0)
      return &r->vals[i];
  return NULL;
}

const char *cn_type_name(cn_vtype t) {
  static const char *const names[] = {
      "nothing", "true or false", "a number", "a string", "an actor",
      "a layer", "a kind", "a stage", "a group", "a name", "a span",
      "a list", "a record", "a network", "a function"};
  return names[t];
}

static int is_name(cn_vtype t) { return t >= CN_V_ACTOR && t <= CN_V_SYMBOL; }

/* ---- walking nested values ----
 *
 * Lists and records nest as deep as a script builds them (100,000 chained
 * lets make a list 100,000 deep), so every walk over a value keeps its path
 * in heap memory, never on the C stack. */

static int is_nest(const cn_value *v) {
  return v->t == CN_V_LIST || v->t == CN_V_RECORD;
}

static int64_t nest_len(const cn_value *v) {
  return v->t == CN_V_LIST ? v->u.list->n : v->u.rec->n;
}

static const cn_value *nest_item(const cn_value *v, int64_t i) {
  return v->t == CN_V_LIST ? &v->u.list->items[i] : &v->u.rec->vals[i];
}

/* What a walk does at each step (ctx is the walker's own state). */
typedef struct walk_ops {
  void (*leaf)(void *ctx, const cn_value *v);  /* not a list or record */
  void (*open)(void *ctx, const cn_value *v);  /* a list or record begins */
  void (*item)(void *ctx, const cn_value *v, int64_t i); /* before item i */
  void (*close)(void *ctx, const cn_value *v, int64_t shown);
  int64_t list_limit; /* items of a list walked, 0: all (see list_close) */
} walk_ops;

typedef struct walk_frame {
  const cn_value *v;
  int64_t next, shown;
} walk_frame;

static void walk(const cn_value *root, const walk_ops *ops, void *ctx) {
  walk_frame *path = NULL;
  size_t depth = 0, cap = 0;
  const cn_value *v = root;
  while (v) {
    if (is_nest(v)) {
      ops->open(ctx, v);
      int64_t n = nest_len(v), lim = ops->list_limit;
      path = cn_xgrow(path, &cap, depth + 1, sizeof *path);
      path[depth].v = v;
      path[depth].next = 0;
      path[depth].shown = v->t == CN_V_LIST && lim && n > lim + 1 ? lim : n;
      depth++;
    } else {
      ops->leaf(ctx, v);
    }
    v = NULL; /* the next item of the innermost unfinished list or record */
    while (depth && !v) {
      walk_frame *f = &path[depth - 1];
      if (f->next < f->shown) {
        ops->item(ctx, f->v, f->next);
        v = nest_item(f->v, f->next++);
      } else {
        ops->close(ctx, f->v, f->shown);
        depth--;
      }
    }
  }
  free(path);
}

/* Pairs of values still to compare or copy. */
typedef struct pair {
  const cn_value *a;
  cn_value *b; /* cn_value_equal only reads it */
} pair;

typedef struct pairs {
  pair *items;
  size_t n, cap;
} pairs;

static void pairs_push(pairs *p, const cn_value *a, const cn_value *b) {
  p->items = cn_xgrow(p->items, &p->cap, p->n + 1, sizeof *p->items);
  p->items[p->n].a = a;
  p->items[p->n].b = (cn_value *)b;
  p->n++;
}

/* a and b equal as far as can be seen without their items (lists and
 * records: the same length and keys)? */
static int equal_here(const cn_value *a, const cn_value *b) {
  if (is_name(a->t) && is_name(b->t))
    return a->u.name == b->u.name;
  if (a->t == CN_V_STR && is_name(b->t))
    return strcmp(a->u.str, b->u.name->str) == 0;
  if (b->t == CN_V_STR && is_name(a->t))
    return strcmp(b->u.str, a->u.name->str) == 0;
  if (a->t != b->t)
    return 0;
  switch (a->t) {
  case CN_V_NIL: return 1;
  case CN_V_BOOL: return a->u.b == b->u.b;
  case CN_V_NUM: return a->u.num == b->u.num;
  case CN_V_STR: return strcmp(a->u.str, b->u.str) == 0;
  case CN_V_SPAN:
    return a->u.span.from == b->u.span.from && a->u.span.to == b->u.span.to;
  case CN_V_LIST: return a->u.list->n == b->u.list->n;
  case CN_V_RECORD:
    if (a->u.rec->n != b->u.rec->n)
      return 0;
    for (int i = 0; i < a->u.rec->n; i++)
      if (a->u.rec->keys[i] != b->u.rec->keys[i])
        return 0;
    return 1;
  case CN_V_NET: return a->u.net == b->u.net;
  case CN_V_FUNC: return a->u.fn == b->u.fn;
  default: return 0;
  }
}

int cn_value_equal(const cn_value *a, const cn_value *b) {
  pairs todo = {0};
  pairs_push(&todo, a, b);
  int same = 1;
  while (same && todo.n) {
    pair p = todo.items[--todo.n];
    same = equal_here(p.a, p.b);
    if (same && p.a->t == p.b->t && is_nest(p.a))
      for (int64_t i = nest_len(p.a) - 1; i >= 0; i--)
        pairs_push(&todo, nest_item(p.a, i), nest_item(p.b, i));
  }
  free(todo.items);
  return same;
}

static const char *sort_text(const cn_value *v) {
  if (v->t == CN_V_STR)
    return v->u.str;
  if (is_name(v->t))
    return v->u.name->str;
  return NULL;
}

int cn_value_compare(const cn_value *a, const cn_value *b) {
  int an = a->t == CN_V_NUM, bn = b->t == CN_V_NUM;
  if (an && bn) {
    double x = a->u.num, y = b->u.num;
    if (isnan(x) || isnan(y))
      return isnan(x) - isnan(y); /* NaN last */
    return (x > y) - (x < y);
  }
  if (an != bn)
    return an ? -1 : 1;
  const char *s = sort_text(a), *t = sort_text(b);
  if (s && t)
    return strcmp(s, t);
  if (a->t == CN_V_BOOL && b->t == CN_V_BOOL)
    return a->u.b - b->u.b;
  return (int)a->t - (int)b->t;
}

int cn_value_is_table(const cn_value *v) {
  if (v->t != CN_V_LIST || v->u.list->n == 0)
    return 0;
  const cn_value *first = &v->u.list->items[0];
  if (first->t != CN_V_RECORD)
    return 0;
  for (int64_t i = 1; i < v->u.list->n; i++) {
    const cn_value *r = &v->u.list->items[i];
    if (r->t != CN_V_RECORD || r->u.rec->n != first->u.rec->n)
      return 0;
    for (int k = 0; k < r->u.rec->n; k++)
      if (r->u.rec->keys[k] != first->u.rec->keys[k])
        return 0;
  }
  return 1;
}

cn_value cn_value_copy(cn_arena *a, const cn_value *v) {
  cn_value r = cn_nil();
  pairs todo = {0};
  pairs_push(&todo, v, &r);
  while (todo.n) {
    pair p = todo.items[--todo.n];
    const cn_value *from = p.a;
    cn_value *to = p.b;
    *to = *from;
    if (from->t == CN_V_STR) {
      to->u.str = cn_arena_strdup(a, from->u.str);
    } else if (from->t == CN_V_LIST) {
      *to = cn_list_new(a, from->u.list->n);
      for (int64_t i = 0; i < from->u.list->n; i++)
        pairs_push(&todo, &from->u.list->items[i], &to->u.list->items[i]);
    } else if (from->t == CN_V_RECORD) {
      *to = cn_record_new(a, from->u.rec->n);
      for (int i = 0; i < from->u.rec->n; i++) {
        to->u.rec->keys[i] = from->u.rec->keys[i];
        pairs_push(&todo, &from->u.rec->vals[i], &to->u.rec->vals[i]);
      }
    }
  }
  free(todo.items);
  return r;
}

/* ---- text ---- */

/* A number as text: fixed decimals for a table, else in full (number.h). */
static void num_text(double x, char *buf, size_t n, int decimals) {
  if (decimals >= 0)
    cn_num_fixed(buf, n, x, decimals);
  else
    cn_num_text(buf, n, x);
}

/* Append text to a growing buffer. */
typedef struct sbuf {
  char *s;
  size_t len, cap;
  int64_t list_limit; /* items of a list shown, 0: all (see text_close) */
  int decimals;       /* of numbers: see num_text */
} sbuf;

static void sb_put(sbuf *b, const char *s) {
  size_t n = strlen(s);
  b->s = cn_xgrow(b->s, &b->cap, b->len + n + 1, 1);
  memcpy(b->s + b->len, s, n + 1);
  b->len += n;
}

/* In a text table a list cell shows its first items only (the data stays
 * whole in CSV and JSON). */
enum { TABLE_LIST_ITEMS = 4 };

static void text_leaf(void *ctx, const cn_value *v) {
  sbuf *b = ctx;
  char tmp[128];
  switch (v->t) {
  case CN_V_NIL: break;
  case CN_V_BOOL: sb_put(b, v->u.b ? "true" : "false"); break;
  case CN_V_NUM: num_text(v->u.num, tmp, sizeof tmp, b->decimals); sb_put(b, tmp); break;
  case CN_V_STR: sb_put(b, v->u.str); break;
  case CN_V_SPAN: cn_span_print(tmp, sizeof tmp, v->u.span); sb_put(b, tmp); break;
  case CN_V_NET: {
    char d[256];
    cn_selection_describe(v->u.net->c, &v->u.net->sel, d, sizeof d);
    snprintf(tmp, sizeof tmp, "<network of %d actors, %lld ties: ", v->u.net->n,
             (long long)v->u.net->nties);
    sb_put(b, tmp);
    sb_put(b, d);
    sb_put(b, ">");
    break;
  }
  case CN_V_FUNC:
    sb_put(b, "<function ");
    sb_put(b, v->u.fn->name->str);
    sb_put(b, ">");
    break;
  default: sb_put(b, v->u.name->str); break;
  }
}

static void text_open(void *ctx, const cn_value *v) {
  sb_put(ctx, v->t == CN_V_LIST ? "[" : "{");
}

static void text_item(void *ctx, const cn_value *v, int64_t i) {
  if (i)
    sb_put(ctx, ", ");
  if (v->t == CN_V_RECORD) {
    sb_put(ctx, v->u.rec->keys[i]->str);
    sb_put(ctx, ": ");
  }
}

static void text_close(void *ctx, const cn_value *v, int64_t shown) {
  if (v->t == CN_V_RECORD) {
    sb_put(ctx, "}");
    return;
  }
  if (shown < v->u.list->n) {
    char more[48];
    snprintf(more, sizeof more, ", …(+%lld)",
             (long long)(v->u.list->n - shown));
    sb_put(ctx, more);
  }
  sb_put(ctx, "]");
}

static void text_into(sbuf *b, const cn_value *v, int decimals) {
  walk_ops ops = {text_leaf, text_open, text_item, text_close, b->list_limit};
  b->decimals = decimals;
  walk(v, &ops, b);
}

void cn_value_text(const cn_value *v, char *buf, size_t n, int decimals) {
  if (n == 0)
    return;
  sbuf b = {0};
  sb_put(&b, "");
  text_into(&b, v, decimals);
  size_t len = b.len;
  if (len >= n) { /* cut at a character, never inside one */
    len = n - 1;
    while (len > 0 && ((unsigned char)b.s[len] & 0xC0) == 0x80)
      len--;
  }
  memcpy(buf, b.s, len);
  buf[len] = '\0';
  free(b.s);
}

char *cn_value_text_arena(cn_arena *a, const cn_value *v, int decimals) {
  sbuf b = {0};
  sb_put(&b, "");
  text_into(&b, v, decimals);
  char *s = cn_arena_strndup(a, b.s, b.len);
  free(b.s);
  return s;
}

/* Text of a value, malloc'ed. */
static char *text_of_limited(const cn_value *v, int decimals,
                             int64_t list_limit) {
  sbuf b = {0};
  b.list_limit = list_limit;
  sb_put(&b, "");
  text_into(&b, v, decimals);
  return b.s;
}

static char *text_of(const cn_value *v, int decimals) {
  return text_of_limited(v, decimals, 0);
}

/* Write user text as a terminal shows it (shown.h), in a table or a value
 * printed for people: a script must not drive the terminal nor disguise a
 * name.  Line breaks pass where `lines` is set (a value printed alone,
 * such as the text dot() returns). */
static void put_text(FILE *out, const char *s, int lines) {
  cn_shown_put(out, s, strlen(s), lines);
}

static void put_safe(FILE *out, const char *s) { put_text(out, s, 0); }

static int safe_width(const char *s) { return cn_shown_width(s, strlen(s)); }

static void pad(FILE *out, int n) {
  for (int i = 0; i < n; i++)
    fputc(' ', out);
}

static void print_table(FILE *out, const cn_value *t) {
  const cn_list *rows = t->u.list;
  int nc = rows->items[0].u.rec->n;
  int64_t nr = rows->n;
  char **cells = cn_xmalloc(sizeof(char *) * (size_t)(nr * nc));
  int *w = cn_xcalloc((size_t)nc, sizeof(int));
  int *right = cn_xcalloc((size_t)nc, sizeof(int));
  cn_name **keys = rows->items[0].u.rec->keys;
  for (int c = 0; c < nc; c++) {
    w[c] = safe_width(keys[c]->str);
    right[c] = 1;
  }
  for (int64_t r = 0; r < nr; r++)
    for (int c = 0; c < nc; c++) {
      const cn_value *v = &rows->items[r].u.rec->vals[c];
      cells[r * nc + c] = text_of_limited(v, 4, TABLE_LIST_ITEMS);
      int cw = safe_width(cells[r * nc + c]);
      if (cw > w[c])
        w[c] = cw;
      if (v->t != CN_V_NUM && v->t != CN_V_NIL)
        right[c] = 0;
    }
  for (int c = 0; c < nc; c++) {
    int cw = safe_width(keys[c]->str);
    if (right[c])
      pad(out, w[c] - cw);
    put_safe(out, keys[c]->str);
    if (c < nc - 1)
      pad(out, (right[c] ? 0 : w[c] - cw) + 2);
  }
  fputc('\n', out);
  for (int64_t r = 0; r < nr; r++) {
    for (int c = 0; c < nc; c++) {
      const char *s = cells[r * nc + c];
      int cw = safe_width(s);
      if (right[c])
        pad(out, w[c] - cw);
      put_safe(out, s);
      if (c < nc - 1)
        pad(out, (right[c] ? 0 : w[c] - cw) + 2);
    }
    fputc('\n', out);
  }
  for (int64_t i = 0; i < nr * nc; i++)
    free(cells[i]);
  free(cells);
  free(w);
  free(right);
}

/* ---- CSV / TSV ---- */

static void put_delimited(FILE *out, const cn_value *v, char sep) {
  char *s = text_of(v, -1);
  if (sep == ',') {
    cn_esc_csv(out, s);
  } else {
    for (const char *p = s; *p; p++)
      fputs(*p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r"
                                                                  : (char[]){*p, 0},
            out);
  }
  free(s);
}

static void print_delimited(FILE *out, const cn_value *v, char sep) {
  if (cn_value_is_table(v) || v->t == CN_V_RECORD) {
    const cn_record *first =
        v->t == CN_V_RECORD ? v->u.rec : v->u.list->items[0].u.rec;
    for (int c = 0; c < first->n; c++) {
      cn_value k = cn_str(first->keys[c]->str);
      if (c)
        fputc(sep, out);
      put_delimited(out, &k, sep);
    }
    fputc('\n', out);
    int64_t nr = v->t == CN_V_RECORD ? 1 : v->u.list->n;
    for (int64_t r = 0; r < nr; r++) {
      const cn_record *rec = v->t == CN_V_RECORD ? v->u.rec : v->u.list->items[r].u.rec;
      for (int c = 0; c < rec->n; c++) {
        if (c)
          fputc(sep, out);
        put_delimited(out, &rec->vals[c], sep);
      }
      fputc('\n', out);
    }
    return;
  }
  if (v->t == CN_V_LIST) {
    for (int64_t i = 0; i < v->u.list->n; i++) {
      put_delimited(out, &v->u.list->items[i], sep);
      fputc('\n', out);
    }
    return;
  }
  put_delimited(out, v, sep);
  fputc('\n', out);
}

/* ---- JSON ---- */

static void json_leaf(void *ctx, const cn_value *v) {
  FILE *out = ctx;
  char tmp[64];
  switch (v->t) {
  case CN_V_NIL: fputs("null", out); break;
  case CN_V_BOOL: fputs(v->u.b ? "true" : "false", out); break;
  case CN_V_NUM: /* NaN and ±Inf as the strings "NaN", "Inf", "-Inf" */
    cn_num_json(tmp, sizeof tmp, v->u.num);
    fputs(tmp, out);
    break;
  case CN_V_NET:
    fprintf(out, "{\"actors\":%d,\"ties\":%lld}", v->u.net->n,
            (long long)v->u.net->nties);
    break;
  default: {
    char *s = text_of(v, -1);
    cn_esc_json(out, s);
    free(s);
  }
  }
}

static void json_open(void *ctx, const cn_value *v) {
  fputc(v->t == CN_V_LIST ? '[' : '{', ctx);
}

static void json_item(void *ctx, const cn_value *v, int64_t i) {
  if (i)
    fputc(',', ctx);
  if (v->t == CN_V_RECORD) {
    cn_esc_json(ctx, v->u.rec->keys[i]->str);
    fputc(':', ctx);
  }
}

static void json_close(void *ctx, const cn_value *v, int64_t shown) {
  (void)shown;
  fputc(v->t == CN_V_LIST ? ']' : '}', ctx);
}

static void json_value(FILE *out, const cn_value *v) {
  walk_ops ops = {json_leaf, json_open, json_item, json_close, 0};
  walk(v, &ops, out);
}

static int record_has_lists(const cn_record *r) {
  for (int i = 0; i < r->n; i++)
    if (r->vals[i].t == CN_V_LIST || r->vals[i].t == CN_V_RECORD)
      return 1;
  return 0;
}

/* A report inside a report is a section under its field's name, down to
 * this depth; deeper ones print on one line (a script can nest records as
 * deep as it likes, and printing must not recurse as deep). */
enum { REPORT_DEPTH = 16 };

static void print_value(FILE *out, const cn_value *v, cn_format fmt,
                        int depth) {
  /* JSON lines keep one value per expression, so a reader can pair them
   * with the expressions; the other formats print nothing for nothing. */
  if (v->t == CN_V_NIL && fmt != CN_FMT_JSON)
    return;
  switch (fmt) {
  case CN_FMT_CSV: print_delimited(out, v, ','); return;
  case CN_FMT_TSV: print_delimited(out, v, '\t'); return;
  case CN_FMT_JSON: json_value(out, v); fputc('\n', out); return;
  case CN_FMT_TABLE: break;
  }
  if (cn_value_is_table(v)) {
    print_table(out, v);
  } else if (v->t == CN_V_RECORD && record_has_lists(v->u.rec) &&
             depth < REPORT_DEPTH) {
    /* a report: one section per field, lists and tables under their name */
    for (int i = 0; i < v->u.rec->n; i++) {
      const cn_value *f = &v->u.rec->vals[i];
      put_safe(out, v->u.rec->keys[i]->str);
      if ((f->t == CN_V_LIST && f->u.list->n == 0) || f->t == CN_V_NIL) {
        fputs(": (none)\n", out);
      } else if (f->t == CN_V_LIST || f->t == CN_V_RECORD) {
        fputs(":\n", out);
        print_value(out, f, fmt, depth + 1);
      } else {
        fputs(": ", out);
        char *s = text_of(f, 4);
        put_safe(out, s);
        fputc('\n', out);
        free(s);
      }
      if (i + 1 < v->u.rec->n && (f->t == CN_V_LIST || f->t == CN_V_RECORD))
        fputc('\n', out);
    }
  } else if (v->t == CN_V_RECORD) {
    cn_value one = {CN_V_LIST, {0}};
    cn_list l = {1, (cn_value *)v};
    one.u.list = &l;
    print_table(out, &one);
  } else if (v->t == CN_V_LIST && v->u.list->n == 0) {
    fputs("(none)\n", out);
  } else if (v->t == CN_V_LIST) {
    for (int64_t i = 0; i < v->u.list->n; i++) {
      char *s = text_of(&v->u.list->items[i], -1);
      put_safe(out, s);
      fputc('\n', out);
      free(s);
    }
  } else {
    char *s = text_of(v, -1);
    put_text(out, s, v->t == CN_V_STR);
    fputc('\n', out);
    free(s);
  }
}

void cn_value_print(FILE *out, const cn_value *v, cn_format fmt) {
  /* CSV, TSV and JSON are data: a file or a pipe gets them as they are,
   * a terminal as it shows text (shown.h) */
  if (fmt == CN_FMT_TABLE || !isatty(fileno(out))) {
    print_value(out, v, fmt, 0);
    return;
  }
  char *text = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&text, &len);
  if (!m)
    cn_out_of_memory(0);
  print_value(m, v, fmt, 0);
  fclose(m);
  cn_shown_put(out, text, len, 1);
  free(text);
}
