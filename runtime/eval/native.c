/* native.c — what the records of the built-ins generate: signatures, and
 * the checks of a call's arguments against them (see native.h). */
#include "native.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "snapshot.h"
#include "suggest.h"

/* Append to buf[0..n) at *len (nothing once full). */
static void put(char *buf, size_t n, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t n, size_t *len, const char *fmt, ...) {
  if (*len >= n)
    return;
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(buf + *len, n - *len, fmt, ap);
  va_end(ap);
  if (k > 0)
    *len += (size_t)k;
}

static int is_named(const cn_param *p) {
  return (p->how & (CN_P_NAMED | CN_P_ANYNAME)) != 0;
}

static int is_positional(const cn_param *p) {
  return (p->how & CN_P_POS) != 0;
}

/* Positional arguments first (name, or name? when it may be left out),
 * then sel… for a selection, then the named ones as they are written in a
 * call: name=default|other values. */
char *cn_native_signature(const cn_native *f, char *buf, size_t n) {
  size_t len = 0;
  int k = 0;
  buf[0] = '\0';
  put(buf, n, &len, "(");
  for (const cn_param *p = f->params; p && p->name; p++)
    if (is_positional(p) && !is_named(p))
      put(buf, n, &len, "%s%s%s", k++ ? ", " : "", p->name,
          p->how & CN_P_REQUIRED ? "" : "?");
  if (f->sel)
    put(buf, n, &len, "%ssel…", k++ ? ", " : "");
  for (const cn_param *p = f->params; p && p->name; p++) {
    if (!is_named(p))
      continue;
    if (p->how & CN_P_ANYNAME) {
      put(buf, n, &len, "%s%s=value, …", k++ ? ", " : "", p->name);
      continue;
    }
    put(buf, n, &len, "%s%s=%s%s%s", k++ ? ", " : "", p->name,
        p->def ? p->def : "", p->def && p->values ? "|" : "",
        p->values ? p->values : "");
  }
  put(buf, n, &len, ")");
  if (len >= n && n > 5)
    memcpy(buf + n - 5, "…)", 5); /* cut short: say so */
  return buf;
}

const cn_param *cn_native_param(const cn_native *f, const char *key) {
  for (const cn_param *p = f ? f->params : NULL; p && p->name; p++)
    if ((p->how & CN_P_NAMED) && strcmp(p->name, key) == 0)
      return p;
  return NULL;
}

int cn_native_positional(const cn_native *f, int *lo) {
  int hi = 0;
  *lo = 0;
  for (const cn_param *p = f->params; p && p->name; p++)
    if (is_positional(p)) {
      hi++;
      if (p->how & CN_P_REQUIRED)
        *lo = hi;
    }
  return hi;
}

/* ---- checking a call ---- */

/* "f() takes a=, b= and a selection" from f's record. */
static const char *what_it_takes(cn_eval *E, const cn_native *f) {
  const char *list = "";
  for (const cn_param *p = f->params; p && p->name; p++)
    if (p->how & CN_P_NAMED)
      list = cn_arena_printf(E->arena, "%s%s%s=", list, *list ? ", " : "",
                             p->name);
  if (*list)
    return cn_arena_printf(E->arena, "%s() takes %s%s", f->name, list,
                           f->sel ? " and a selection" : "");
  return cn_arena_printf(E->arena, "%s() takes %s", f->name,
                         f->sel ? "only a selection" : "no named arguments");
}

/* The built-ins other than f that take `key` by name: "g(), h()", or NULL. */
static const char *takers(cn_eval *E, const cn_native *f, const char *key) {
  const char *list = NULL;
  for (size_t i = 0; i < E->nnatives; i++)
    if (&E->natives[i] != f && cn_native_param(&E->natives[i], key))
      list = cn_arena_printf(E->arena, "%s%s%s()", list ? list : "",
                             list ? ", " : "", E->natives[i].name);
  return list;
}

void cn_arg_done(cn_eval *E, cn_call *call) {
  const cn_native *f = call->native;
  for (int i = 0; i < call->nnamed; i++) {
    if (call->used[i])
      continue;
    const char *key = call->names[i]->str;
    const cn_loc *loc = &call->named_loc[i];
    /* an option of another built-in: say what this one takes */
    const char *owners = f ? takers(E, f, key) : NULL;
    if (owners)
      cn_eval_fail(E, loc,
                   cn_arena_printf(E->arena, "%s; %s= is an option of %s",
                                   what_it_takes(E, f), key, owners),
                   "%s() does not take %s=", call->fn, key);
    cn_suggest s;
    cn_suggest_init(&s, key);
    for (const cn_param *p = f ? f->params : NULL; p && p->name; p++)
      if (p->how & CN_P_NAMED)
        cn_suggest_offer(&s, p->name);
    for (int k = 0; (!f || f->sel) && cn_selection_keys[k]; k++)
      cn_suggest_offer(&s, cn_selection_keys[k]);
    const char *hint;
    char sig[1024];
    if (s.best)
      hint = cn_arena_printf(E->arena, "did you mean '%s'?", s.best);
    else if (f && f->sel)
      hint = cn_arena_printf(E->arena,
                             "it takes %s%s, where sel… is stage=, at=, "
                             "span=, layer=, … or an actor attribute",
                             call->fn, cn_native_signature(f, sig, sizeof sig));
    else if (f && strchr(cn_native_signature(f, sig, sizeof sig), '='))
      hint = cn_arena_printf(E->arena, "it takes %s%s", call->fn, sig);
    else
      hint = cn_arena_printf(E->arena, "%s() takes no named arguments",
                             call->fn);
    cn_eval_fail(E, loc, hint, "unknown argument '%s' for %s()", key,
                 call->fn);
  }
}

void cn_arg_stage_all(cn_eval *E, const cn_call *call) {
  for (int i = 0; i < call->nnamed; i++) {
    const cn_value *v = &call->named[i];
    const char *s = v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL ? v->u.name->str
                    : v->t == CN_V_STR                        ? v->u.str
                                                              : NULL;
    if (strcmp(call->names[i]->str, "stage") != 0 || !s || strcmp(s, "all") != 0)
      continue;
    const cn_name *n = cn_intern_find(&E->c->names, "all", 3);
    if (n && n->slot[CN_NS_STAGE] >= 0)
      return; /* a stage of that name */
    const char *hint =
        cn_native_param(call->native, "stages")
            ? "stage= takes one stage; for every stage write stages=all"
            : cn_arena_printf(E->arena,
                              "stage= takes one stage; for each one in turn "
                              "write [%s(stage=s) for s in stages()]",
                              call->fn);
    cn_eval_fail(E, &call->named_loc[i], hint, "unknown stage 'all'");
  }
}

const char *cn_piped_hint(cn_eval *E, const cn_call *call) {
  if (!call->piped)
    return NULL;
  return cn_arena_printf(E->arena,
                         "the value piped in counts as the first argument: "
                         "x | %s(a) means %s(x, a)",
                         call->fn, call->fn);
}

void cn_arg_count(cn_eval *E, cn_call *call) {
  const cn_native *f = call->native;
  if (!f)
    return;
  int lo, hi = cn_native_positional(f, &lo);
  if (call->npos >= lo && call->npos <= hi)
    return;
  char sig[1024];
  cn_native_signature(f, sig, sizeof sig);
  const cn_loc *loc = call->npos > hi ? &call->pos_loc[hi] : &call->node->loc;
  if (hi == 0)
    cn_eval_fail(E, loc,
                 f->sel ? "selections are written as named arguments: "
                          "stage=…, layer=…"
                        : NULL,
                 "%s%s takes no positional arguments", call->fn, sig);
  const char *hint = call->npos > hi ? cn_piped_hint(E, call) : NULL;
  if (lo == hi)
    cn_eval_fail(E, loc, hint, "%s%s takes %d argument%s, not %d", call->fn,
                 sig, lo, lo == 1 ? "" : "s", call->npos);
  cn_eval_fail(E, loc, hint, "%s%s takes %d to %d arguments, not %d", call->fn,
               sig, lo, hi, call->npos);
}
