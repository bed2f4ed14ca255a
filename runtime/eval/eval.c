/* eval.c — tree-walking evaluator over the AST. */
#include "eval.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "case_add.h"
#include "echo.h"
#include "measures.h"
#include "progress.h"
#include "snapshot.h"
#include "suggest.h"

struct cn_frame {
  cn_frame *up;
  int n;
  cn_name **names;
  cn_value *vals;
};

long cn_eval_step_limit;

void cn_eval_init(cn_eval *E, cn_case *c, cn_diag *diag) {
  memset(E, 0, sizeof *E);
  E->c = c;
  E->diag = diag;
  E->keep = &c->arena;
  E->arena = &c->arena;
  E->max_steps = cn_eval_step_limit;
}

/* ---- running out of memory ---- */

/* The statement running, for a message when memory runs out (one process
 * runs one statement at a time). */
static const cn_loc *running;

static void say_where(FILE *f) {
  if (running && running->src)
    fprintf(f, "%s:%d:%d: error: ", running->src->name, running->first_line,
            running->first_column);
  else
    fputs("cnet: error: ", f);
}

_Noreturn void cn_eval_out_of_memory(cn_eval *E, const cn_loc *loc,
                                     const char *what) {
  fflush(stdout);
  if (loc || running) {
    cn_diag_error(E->diag, loc ? loc : running, "out of memory %s", what);
    cn_diag_hint(E->diag, "a smaller selection, or more memory (--max-memory "
                          "sets the limit)");
  } else {
    fprintf(stderr, "cnet: error: out of memory %s\n", what);
  }
  exit(70);
}

size_t cn_eval_mark(const cn_eval *E) { return E->gnames.n; }

void cn_eval_rollback(cn_eval *E, size_t mark) {
  /* a redefinition inside the failed input changed a slot in place: it is
   * kept, like a value printed before the error */
  if (mark < E->gnames.n)
    E->gnames.n = E->gvalues.n = mark;
}

void cn_eval_free(cn_eval *E) {
  cn_snapshot_cache_drop(E, 1);
  free((void *)E->natives);
  free(E->gnames.items);
  free(E->gvalues.items);
  memset(E, 0, sizeof *E);
}

void cn_eval_register(cn_eval *E, const cn_native *natives, size_t n) {
  cn_native *all = cn_xmalloc(sizeof *all * (E->nnatives + n));
  if (E->nnatives)
    memcpy(all, E->natives, sizeof *all * E->nnatives);
  memcpy(all + E->nnatives, natives, sizeof *all * n);
  free((void *)E->natives);
  E->natives = all;
  E->nnatives += n;
}

const cn_native *cn_eval_native(const cn_eval *E, const char *name) {
  for (size_t i = 0; i < E->nnatives; i++)
    if (strcmp(E->natives[i].name, name) == 0)
      return &E->natives[i];
  return NULL;
}

/* ---- errors ---- */

static _Noreturn void jump(cn_eval *E) {
  if (!E->on_error) {
    fputs("cnet: internal error: runtime error outside a statement\n", stderr);
    abort();
  }
  longjmp(*E->on_error, 1);
}

_Noreturn void cn_eval_error(cn_eval *E, const cn_loc *loc, const char *fmt,
                             ...) {
  cn_progress_end(); /* the error starts a line of its own */
  va_list ap;
  va_start(ap, fmt);
  cn_diag_verror(E->diag, loc, fmt, ap);
  va_end(ap);
  jump(E);
}

_Noreturn void cn_eval_fail(cn_eval *E, const cn_loc *loc, const char *hint,
                            const char *fmt, ...) {
  cn_progress_end();
  va_list ap;
  va_start(ap, fmt);
  cn_diag_verror(E->diag, loc, fmt, ap);
  va_end(ap);
  if (hint)
    cn_diag_hint(E->diag, "%s", hint);
  jump(E);
}

static void check_interrupt(cn_eval *E, const cn_loc *loc) {
  if (cn_measure_interrupt)
    cn_eval_error(E, loc, "interrupted");
}

/* ---- names ---- */

static cn_value *global_slot(cn_eval *E, const cn_name *name) {
  for (size_t i = E->gnames.n; i-- > 0;)
    if (E->gnames.items[i] == name)
      return &E->gvalues.items[i];
  return NULL;
}

static void set_global(cn_eval *E, cn_name *name, cn_value v) {
  cn_value *slot = global_slot(E, name);
  if (slot) {
    *slot = v;
    return;
  }
  E->gnames.items = cn_xgrow(E->gnames.items, &E->gnames.cap, E->gnames.n + 1,
                             sizeof(cn_name *));
  E->gvalues.items = cn_xgrow(E->gvalues.items, &E->gvalues.cap,
                              E->gvalues.n + 1, sizeof(cn_value));
  E->gnames.items[E->gnames.n++] = name;
  E->gvalues.items[E->gvalues.n++] = v;
}

static cn_value lookup(cn_eval *E, cn_name *name) {
  for (cn_frame *f = E->frame; f; f = f->up)
    for (int i = 0; i < f->n; i++)
      if (f->names[i] == name)
        return f->vals[i];
  cn_value *g = global_slot(E, name);
  if (g)
    return *g;
  static const struct { enum cn_ns ns; cn_vtype t; } order[] = {
      {CN_NS_ACTOR, CN_V_ACTOR}, {CN_NS_GROUP, CN_V_GROUP},
      {CN_NS_STAGE, CN_V_STAGE}, {CN_NS_LAYER, CN_V_LAYER},
      {CN_NS_KIND, CN_V_KIND}};
  for (size_t k = 0; k < sizeof order / sizeof *order; k++)
    if (name->slot[order[k].ns] >= 0)
      return cn_named(order[k].t, name);
  return cn_named(CN_V_SYMBOL, name); /* a free symbol: 县内, 无 … */
}

/* ---- argument helpers ---- */

const cn_value *cn_arg_named(cn_call *call, const char *key,
                             const cn_loc **loc) {
  for (int i = 0; i < call->nnamed; i++)
    if (strcmp(call->names[i]->str, key) == 0) {
      call->used[i] = 1;
      if (loc)
        *loc = &call->named_loc[i];
      return &call->named[i];
    }
  return NULL;
}

static const char *const ns_word[CN_NS_COUNT] = {"actor", "layer", "kind",
                                                 "stage", "group"};

int32_t cn_value_entity(cn_eval *E, const cn_value *v, const cn_loc *loc,
                        enum cn_ns ns) {
  if (v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL) {
    int32_t k = v->u.name->slot[ns];
    if (k >= 0)
      return k;
    cn_case_unknown(E->c, E->diag, loc, ns, v->u.name->str);
    jump(E);
  }
  if (v->t == CN_V_STR) {
    cn_name *n = cn_intern_find(&E->c->names, v->u.str, strlen(v->u.str));
    if (n && n->slot[ns] >= 0)
      return n->slot[ns];
    cn_case_unknown(E->c, E->diag, loc, ns, v->u.str);
    jump(E);
  }
  cn_eval_error(E, loc, "expected %s %s, got %s",
                ns == CN_NS_ACTOR ? "an" : "a", ns_word[ns], cn_type_name(v->t));
}

int32_t cn_arg_entity(cn_eval *E, cn_call *call, int i, enum cn_ns ns) {
  if (i >= call->npos)
    cn_eval_error(E, &call->node->loc, "%s() needs %s %s as argument %d",
                  call->fn, ns == CN_NS_ACTOR ? "an" : "a", ns_word[ns], i + 1);
  return cn_value_entity(E, &call->pos[i], &call->pos_loc[i], ns);
}

double cn_arg_number(cn_eval *E, const cn_value *v, const cn_loc *loc) {
  if (v->t != CN_V_NUM)
    cn_eval_error(E, loc, "expected a number, got %s", cn_type_name(v->t));
  return v->u.num;
}

int cn_arg_bool(cn_eval *E, const cn_value *v, const cn_loc *loc) {
  if (v->t != CN_V_BOOL)
    cn_eval_error(E, loc, "expected true or false, got %s", cn_type_name(v->t));
  return v->u.b;
}

const char *cn_arg_string(cn_eval *E, const cn_value *v, const cn_loc *loc) {
  if (v->t == CN_V_STR)
    return v->u.str;
  if (v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL)
    return v->u.name->str;
  cn_eval_error(E, loc, "expected a string, got %s", cn_type_name(v->t));
}

/* ---- calls ---- */

static cn_value call_def(cn_eval *E, const cn_loc *loc, const cn_func *fn,
                         cn_call *call) {
  const cn_ast *def = fn->def;
  const cn_idents *params = &def->u.def.params;
  if (E->max_steps && ++E->steps > E->max_steps)
    cn_eval_fail(E, loc, "a def that calls itself more than once per call "
                         "grows exponentially",
                 "query stopped after %ld function calls", E->max_steps);
  if (E->depth >= CN_MAX_CALL_DEPTH)
    cn_eval_fail(E, loc, "a recursive def needs a case that stops it",
                 "calls nested more than %d deep (in '%s')", CN_MAX_CALL_DEPTH,
                 fn->name->str);
  cn_frame f;
  f.up = NULL; /* a def sees its parameters and the globals */
  f.n = params->n;
  f.names = cn_arena_alloc(E->arena, sizeof(cn_name *) * (size_t)(f.n + 1));
  f.vals = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)(f.n + 1));
  unsigned char *set = cn_arena_alloc(E->arena, (size_t)f.n + 1);
  if (call->npos > f.n)
    cn_eval_fail(E, &call->pos_loc[f.n], cn_piped_hint(E, call),
                 "%s() takes %d argument%s, not %d", fn->name->str, f.n,
                 f.n == 1 ? "" : "s", call->npos);
  for (int i = 0; i < f.n; i++)
    f.names[i] = params->items[i].name;
  for (int i = 0; i < call->npos; i++) {
    f.vals[i] = call->pos[i];
    set[i] = 1;
  }
  int has_sel = 0;
  for (int i = 0; i < f.n; i++)
    has_sel |= strcmp(f.names[i]->str, "sel") == 0;
  for (int k = 0; k < call->nnamed; k++) {
    int found = -1;
    for (int i = 0; i < f.n; i++)
      if (f.names[i] == call->names[k])
        found = i;
    if (found < 0 && has_sel)
      continue; /* a selection argument, for `sel` */
    if (found < 0) {
      cn_suggest s;
      cn_suggest_init(&s, call->names[k]->str);
      for (int i = 0; i < f.n; i++)
        cn_suggest_offer(&s, f.names[i]->str);
      cn_diag_error(E->diag, &call->named_loc[k], "%s() has no parameter '%s'",
                    fn->name->str, call->names[k]->str);
      if (s.best)
        cn_diag_hint(E->diag, "did you mean '%s'?", s.best);
      jump(E);
    }
    if (set[found])
      cn_eval_error(E, &call->named_loc[k], "parameter '%s' given twice",
                    call->names[k]->str);
    f.vals[found] = call->named[k];
    set[found] = 1;
    call->used[k] = 1;
  }
  for (int i = 0; i < f.n; i++) {
    if (set[i])
      continue;
    /* a parameter called `sel` takes the call's selection arguments */
    if (strcmp(f.names[i]->str, "sel") == 0) {
      cn_value net = {CN_V_NET, {0}};
      cn_call named_only = *call; /* positional ones are bound already */
      named_only.npos = 0;
      net.u.net = cn_snapshot_of_call(E, &named_only);
      cn_arg_done(E, &named_only);
      f.vals[i] = net;
      continue;
    }
    cn_eval_fail(E, loc, E->doc_of ? E->doc_of(fn->name->str) : NULL,
                 "%s() needs its parameter '%s'", fn->name->str,
                 f.names[i]->str);
  }
  /* a call from the user's code into the library (the prelude): errors in
   * the library's text are reported here, at the call (diag.h) */
  const cn_loc *user_call = E->diag->user_call;
  int enters_library = def->loc.src && def->loc.src->library &&
                       !(loc->src && loc->src->library);
  if (enters_library)
    E->diag->user_call = loc;
  cn_frame *saved = E->frame;
  jmp_buf here, *outer = E->on_error;
  E->frame = &f;
  E->depth++;
  E->on_error = &here;
  if (setjmp(here) != 0) {
    /* an error inside the body: say where this call came from, then pass
     * it on (an error reported at this very call says where inside the
     * library it happened instead) */
    E->on_error = outer;
    E->diag->user_call = user_call;
    if (enters_library && E->diag->relocated) {
      cn_diag_note(E->diag, &E->diag->inside, "inside %s(), in the prelude",
                   fn->name->str);
      E->diag->relocated = 0;
    } else if (E->traced < 4)
      cn_diag_note(E->diag, loc, "in %s(), called from here", fn->name->str);
    else if (E->traced == 4)
      cn_diag_note(E->diag, NULL, "(the calls further out are not shown)");
    E->traced++;
    jump(E);
  }
  cn_value r = cn_eval_expr(E, def->u.def.body);
  E->diag->user_call = user_call;
  E->on_error = outer;
  E->depth--;
  E->frame = saved;
  return r;
}

static void unknown_function(cn_eval *E, const cn_ident *fn) {
  cn_suggest s;
  cn_suggest_init(&s, fn->name->str);
  for (size_t i = 0; i < E->nnatives; i++)
    cn_suggest_offer(&s, E->natives[i].name);
  for (size_t i = 0; i < E->gnames.n; i++)
    if (E->gvalues.items[i].t == CN_V_FUNC)
      cn_suggest_offer(&s, E->gnames.items[i]->str);
  cn_diag_error(E->diag, &fn->loc, "unknown function '%s'", fn->name->str);
  if (s.best)
    cn_diag_hint(E->diag, "did you mean '%s'?", s.best);
  else if (E->repl)
    cn_diag_hint(E->diag, "':help' lists the functions");
  else
    cn_diag_hint(E->diag, "'cnet --reference' lists the functions");
  jump(E);
}

static cn_value eval_call_rows(cn_eval *E, const cn_ast *node,
                               const cn_value *first, const cn_loc *first_loc,
                               int *rows);

/* Call `fnname` with the arguments of a CALL node; `first` (if not NULL) is
 * the piped value, put before the written arguments. */
static cn_value eval_call(cn_eval *E, const cn_ast *node, const cn_value *first,
                          const cn_loc *first_loc) {
  return eval_call_rows(E, node, first, first_loc, NULL);
}

/* Is `call` (a CALL node) the built-in count, not shadowed by a def? */
static int is_count(cn_eval *E, const cn_ast *call) {
  cn_name *fn = call->u.call.fn.name;
  if (strcmp(fn->str, "count") != 0 || lookup(E, fn).t == CN_V_FUNC)
    return 0;
  const cn_native *nat = cn_eval_native(E, fn->str);
  return nat && strcmp(nat->name, "count") == 0;
}

/* count(X) and X | count, where X is a call: a native that can count its
 * rows without building them (ties(), actors()) is asked for their number;
 * `*counted` says whether it was.  Otherwise X's value, for count. */
static cn_value eval_counted(cn_eval *E, const cn_ast *x, int *counted) {
  *counted = 0;
  if (x->kind != CN_AST_CALL)
    return cn_eval_expr(E, x);
  return eval_call_rows(E, x, NULL, NULL, counted);
}

/* eval_call; when `rows` is not NULL the native may count its rows instead
 * of returning them (cn_call.rows_only), and *rows says if it did. */
static cn_value eval_call_rows(cn_eval *E, const cn_ast *node,
                               const cn_value *first, const cn_loc *first_loc,
                               int *rows) {
  const cn_ident *fn = &node->u.call.fn;
  const cn_args *args = &node->u.call.args;
  int npos = first ? 1 : 0, nnamed = 0;
  for (int i = 0; i < args->n; i++)
    args->items[i].name.name ? nnamed++ : npos++;
  cn_call call;
  memset(&call, 0, sizeof call);
  call.node = node;
  call.fn = fn->name->str;
  cn_value *pos = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)(npos + 1));
  cn_loc *pos_loc = cn_arena_alloc(E->arena, sizeof(cn_loc) * (size_t)(npos + 1));
  call.names = cn_arena_alloc(E->arena, sizeof(cn_name *) * (size_t)(nnamed + 1));
  call.named = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)(nnamed + 1));
  cn_loc *named_loc = cn_arena_alloc(E->arena, sizeof(cn_loc) * (size_t)(nnamed + 1));
  call.used = cn_arena_alloc(E->arena, (size_t)nnamed + 1);
  if (first) {
    pos[0] = *first;
    pos_loc[0] = *first_loc;
    call.npos = 1;
    call.piped = 1;
  }
  int counting = !first && args->n == 1 && !args->items[0].name.name &&
                 is_count(E, node);
  for (int i = 0; i < args->n; i++) {
    const cn_arg *a = &args->items[i];
    int counted = 0;
    cn_value v = counting ? eval_counted(E, a->value, &counted)
                          : cn_eval_expr(E, a->value);
    if (counted)
      return v; /* count(ties(…)): the rows were counted, not built */
    if (a->name.name) {
      for (int k = 0; k < call.nnamed; k++)
        if (call.names[k] == a->name.name)
          cn_eval_error(E, &a->name.loc, "argument '%s' given twice",
                        a->name.name->str);
      call.names[call.nnamed] = a->name.name;
      call.named[call.nnamed] = v;
      /* the whole `name=value`: an error about the value (a bad option
       * value) and one about the name (an unknown option) both point at it */
      cn_loc whole = a->name.loc;
      whole.last_line = a->value->loc.last_line;
      whole.last_column = a->value->loc.last_column;
      named_loc[call.nnamed++] = whole;
    } else {
      pos[call.npos] = v;
      pos_loc[call.npos++] = a->value->loc;
    }
  }
  call.pos = pos;
  call.pos_loc = pos_loc;
  call.named_loc = named_loc;
  /* a def (local or global) shadows a built-in of the same name */
  cn_value fv = lookup(E, fn->name);
  if (fv.t == CN_V_FUNC)
    return call_def(E, &node->loc, fv.u.fn, &call);
  const cn_native *nat = cn_eval_native(E, fn->name->str);
  if (!nat && E->on_unknown && E->on_unknown(E, fn->name)) {
    fv = lookup(E, fn->name);
    if (fv.t == CN_V_FUNC)
      return call_def(E, &node->loc, fv.u.fn, &call);
  }
  if (!nat)
    unknown_function(E, fn);
  call.native = nat;
  cn_arg_stage_all(E, &call);
  call.rows_only = rows != NULL;
  const char *outer = cn_progress_what; /* progress names the built-in */
  cn_progress_what = nat->name;
  cn_value r = nat->fn(E, &call);
  cn_progress_end();
  cn_progress_what = outer;
  if (rows)
    *rows = call.rows_only == 2;
  cn_arg_done(E, &call);
  check_interrupt(E, &node->loc);
  return r;
}

cn_value cn_eval_call_value(cn_eval *E, const cn_loc *loc, const cn_value *fn,
                            int npos, cn_value *pos) {
  cn_call call;
  memset(&call, 0, sizeof call);
  cn_loc *locs = cn_arena_alloc(E->arena, sizeof(cn_loc) * (size_t)(npos + 1));
  for (int i = 0; i < npos; i++)
    locs[i] = *loc;
  call.pos = pos;
  call.pos_loc = locs;
  call.npos = npos;
  call.used = cn_arena_alloc(E->arena, 1);
  if (fn->t == CN_V_FUNC) {
    call.fn = fn->u.fn->name->str;
    return call_def(E, loc, fn->u.fn, &call);
  }
  cn_eval_error(E, loc, "%s is not a function", cn_type_name(fn->t));
}

/* ---- expressions ---- */

static int truth(cn_eval *E, const cn_value *v, const cn_loc *loc,
                 const char *what) {
  if (v->t != CN_V_BOOL)
    cn_eval_error(E, loc, "'%s' needs true or false, got %s", what,
                  cn_type_name(v->t));
  return v->u.b;
}

static double number(cn_eval *E, const cn_value *v, const cn_loc *loc,
                     cn_op op) {
  if (v->t == CN_V_NUM)
    return v->u.num;
  if (v->t == CN_V_SYMBOL)
    cn_eval_fail(E, loc, "names are declared before use (actor, stage, layer, "
                         "kind, group, let, def)",
                 "unknown name '%s'", v->u.name->str);
  cn_eval_error(E, loc, "'%s' needs numbers, got %s", cn_op_str(op),
                cn_type_name(v->t));
}

static cn_value eval_binop_values(cn_eval *E, const cn_ast *e, cn_value a,
                                  cn_value b);

/* An operator applied to its left operand's value a (already evaluated:
 * see left_chain). */
static cn_value eval_binop(cn_eval *E, const cn_ast *e, cn_value a) {
  cn_op op = e->u.binop.op;
  const cn_ast *l = e->u.binop.lhs, *r = e->u.binop.rhs;
  if (op == CN_OP_AND || op == CN_OP_OR) {
    int t = truth(E, &a, &l->loc, cn_op_str(op));
    if ((op == CN_OP_AND && !t) || (op == CN_OP_OR && t))
      return cn_bool(t);
    cn_value b = cn_eval_expr(E, r);
    return cn_bool(truth(E, &b, &r->loc, cn_op_str(op)));
  }
  if (op == CN_OP_NOT)
    return cn_bool(!truth(E, &a, &l->loc, "not"));
  if (op == CN_OP_NEG)
    return cn_num(-number(E, &a, &l->loc, op));
  return eval_binop_values(E, e, a, cn_eval_expr(E, r));
}

/* A binary operator (not and/or) on its operands' values. */
static cn_value eval_binop_values(cn_eval *E, const cn_ast *e, cn_value a,
                                  cn_value b) {
  cn_op op = e->u.binop.op;
  const cn_ast *l = e->u.binop.lhs, *r = e->u.binop.rhs;
  switch (op) {
  case CN_OP_IN: {
    if (b.t != CN_V_LIST)
      cn_eval_error(E, &r->loc, "'in' needs a list on its right, got %s",
                    cn_type_name(b.t));
    for (int64_t i = 0; i < b.u.list->n; i++)
      if (cn_value_equal(&a, &b.u.list->items[i]))
        return cn_bool(1);
    return cn_bool(0);
  }
  case CN_OP_EQ: return cn_bool(cn_value_equal(&a, &b));
  case CN_OP_NE: return cn_bool(!cn_value_equal(&a, &b));
  case CN_OP_LT: case CN_OP_LE: case CN_OP_GT: case CN_OP_GE: {
    int both_num = a.t == CN_V_NUM && b.t == CN_V_NUM;
    int both_text = (a.t == CN_V_STR || (a.t >= CN_V_ACTOR && a.t <= CN_V_SYMBOL)) &&
                    (b.t == CN_V_STR || (b.t >= CN_V_ACTOR && b.t <= CN_V_SYMBOL));
    if (!both_num && !both_text)
      cn_eval_error(E, &e->loc, "cannot compare %s with %s", cn_type_name(a.t),
                    cn_type_name(b.t));
    if (both_num && (isnan(a.u.num) || isnan(b.u.num)))
      return cn_bool(0);
    int c = cn_value_compare(&a, &b);
    return cn_bool(op == CN_OP_LT ? c < 0 : op == CN_OP_LE ? c <= 0
                   : op == CN_OP_GT ? c > 0 : c >= 0);
  }
  case CN_OP_ADD:
    if (a.t == CN_V_STR && b.t == CN_V_STR)
      return cn_str(cn_arena_printf(E->arena, "%s%s", a.u.str, b.u.str));
    if (a.t == CN_V_LIST && b.t == CN_V_LIST) {
      cn_value v = cn_list_new(E->arena, a.u.list->n + b.u.list->n);
      memcpy(v.u.list->items, a.u.list->items, sizeof(cn_value) * (size_t)a.u.list->n);
      memcpy(v.u.list->items + a.u.list->n, b.u.list->items,
             sizeof(cn_value) * (size_t)b.u.list->n);
      return v;
    }
    return cn_num(number(E, &a, &l->loc, op) + number(E, &b, &r->loc, op));
  case CN_OP_SUB:
    return cn_num(number(E, &a, &l->loc, op) - number(E, &b, &r->loc, op));
  case CN_OP_MUL:
    return cn_num(number(E, &a, &l->loc, op) * number(E, &b, &r->loc, op));
  case CN_OP_DIV: {
    double x = number(E, &a, &l->loc, op), y = number(E, &b, &r->loc, op);
    if (y == 0)
      cn_eval_error(E, &r->loc, "division by zero");
    return cn_num(x / y);
  }
  default:
    cn_eval_error(E, &e->loc, "unknown operator");
  }
}

/* Fields of records and of the case's names. */
/* A field of obj, the value of e's object (see left_chain). */
static cn_value eval_field(cn_eval *E, const cn_ast *e, cn_value obj) {
  const char *key = e->u.field.field.name->str;
  const cn_loc *loc = &e->u.field.field.loc;
  if (obj.t == CN_V_NIL)
    return obj; /* a missing row has missing fields: first([]).actor */
  if (obj.t == CN_V_RECORD) {
    cn_value *v = cn_record_get(obj.u.rec, key);
    if (v)
      return *v;
    cn_suggest s;
    cn_suggest_init(&s, key);
    for (int i = 0; i < obj.u.rec->n; i++)
      cn_suggest_offer(&s, obj.u.rec->keys[i]->str);
    cn_diag_error(E->diag, loc, "no field '%s' in this record", key);
    if (s.best)
      cn_diag_hint(E->diag, "did you mean '%s'?", s.best);
    jump(E);
  }
  if (obj.t >= CN_V_ACTOR && obj.t <= CN_V_GROUP) {
    const cn_case *c = E->c;
    cn_name *n = obj.u.name;
    if (strcmp(key, "name") == 0)
      return cn_str(n->str);
    const cn_attrs *attrs = NULL;
    cn_name *label = NULL;
    switch (obj.t) {
    case CN_V_ACTOR: {
      const cn_actor *a = &c->actors.items[n->slot[CN_NS_ACTOR]];
      attrs = a->attrs;
      if (strcmp(key, "kind") == 0)
        return a->kind >= 0 ? cn_named(CN_V_KIND, c->kinds.items[a->kind].name)
                            : cn_nil();
      if (strcmp(key, "span") == 0) {
        cn_value v = {CN_V_SPAN, {0}};
        v.u.span = a->span;
        return v;
      }
      break;
    }
    case CN_V_STAGE: {
      const cn_stage *st = &c->stages.items[n->slot[CN_NS_STAGE]];
      attrs = st->attrs;
      label = st->label;
      if (strcmp(key, "span") == 0) {
        cn_value v = {CN_V_SPAN, {0}};
        v.u.span = st->span;
        return v;
      }
      if (strcmp(key, "order") == 0)
        return cn_num(n->slot[CN_NS_STAGE] + 1);
      if (strcmp(key, "move") == 0) {
        const char *move = cn_stage_move(E->arena, st);
        return move ? cn_str(move) : cn_nil();
      }
      if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
        cn_name *s = key[0] == 'f' ? st->state_from : st->state_to;
        return s ? cn_named(CN_V_SYMBOL, s) : cn_nil();
      }
      break;
    }
    case CN_V_LAYER:
      attrs = c->layers.items[n->slot[CN_NS_LAYER]].attrs;
      label = c->layers.items[n->slot[CN_NS_LAYER]].label;
      break;
    case CN_V_KIND:
      attrs = c->kinds.items[n->slot[CN_NS_KIND]].attrs;
      label = c->kinds.items[n->slot[CN_NS_KIND]].label;
      break;
    case CN_V_GROUP: {
      const cn_group *g = &c->groups.items[n->slot[CN_NS_GROUP]];
      attrs = g->attrs;
      label = g->label;
      if (strcmp(key, "members") == 0) {
        cn_value v = cn_list_new(E->arena, g->nmembers);
        for (int i = 0; i < g->nmembers; i++)
          v.u.list->items[i] = cn_named(CN_V_ACTOR, c->actors.items[g->members[i]].name);
        return v;
      }
      break;
    }
    default:
      break;
    }
    const cn_attr *at = cn_attrs_get(attrs, key);
    if (at)
      return cn_eval_expr(E, at->value);
    if (strcmp(key, "label") == 0)
      return cn_str(label ? label->str : n->str);
    return cn_nil(); /* an attribute this one does not have */
  }
  cn_eval_error(E, loc, "%s has no fields", cn_type_name(obj.t));
}

static cn_value eval_comprehension(cn_eval *E, const cn_ast *e) {
  cn_value it = cn_eval_expr(E, e->u.comp.iter);
  if (it.t != CN_V_LIST)
    cn_eval_error(E, &e->u.comp.iter->loc, "'for' needs a list, got %s",
                  cn_type_name(it.t));
  cn_value out = cn_list_new(E->arena, it.u.list->n);
  int64_t n = 0;
  cn_frame f = {E->frame, 1, NULL, NULL};
  cn_name *var = e->u.comp.var.name;
  f.names = &var;
  for (int64_t i = 0; i < it.u.list->n; i++) {
    check_interrupt(E, &e->loc);
    cn_value x = it.u.list->items[i];
    f.vals = &x;
    E->frame = &f;
    if (e->u.comp.cond) {
      cn_value c = cn_eval_expr(E, e->u.comp.cond);
      if (!truth(E, &c, &e->u.comp.cond->loc, "if")) {
        E->frame = f.up;
        continue;
      }
    }
    out.u.list->items[n++] = cn_eval_expr(E, e->u.comp.body);
    E->frame = f.up;
  }
  out.u.list->n = n;
  return out;
}

/* The operand an operator, a pipe or a field access evaluates first, or
 * NULL for other nodes. */
static const cn_ast *left_operand(const cn_ast *e) {
  switch (e->kind) {
  case CN_AST_BINOP:
  case CN_AST_UNOP: return e->u.binop.lhs;
  case CN_AST_PIPE: return e->u.pipe.lhs;
  case CN_AST_FIELD: return e->u.field.obj;
  default: return NULL;
  }
}

/* Operators, pipes and field accesses nest to the left: 1+1+…+1, a | f |
 * g, r.a.b.  A chain of any length is evaluated in a loop, its nodes kept
 * in an arena array, so that its length never becomes C stack depth (a
 * 30,000-term sum used to overflow the stack). */
static cn_value left_chain(cn_eval *E, const cn_ast *e) {
  int64_t n = 0;
  for (const cn_ast *x = e; left_operand(x); x = left_operand(x))
    n++;
  const cn_ast *near[8]; /* most chains are short: no allocation */
  const cn_ast **spine =
      n <= 8 ? near : cn_arena_alloc(E->arena, sizeof *spine * (size_t)n);
  const cn_ast *leaf = e;
  for (int64_t i = n - 1; i >= 0; i--) {
    spine[i] = leaf;
    leaf = left_operand(leaf);
  }
  int64_t from = 0;
  int counted = 0;
  cn_value v;
  if (n > 0 && spine[0]->kind == CN_AST_PIPE &&
      spine[0]->u.pipe.call->kind == CN_AST_CALL &&
      spine[0]->u.pipe.call->u.call.args.n == 0 &&
      is_count(E, spine[0]->u.pipe.call)) {
    v = eval_counted(E, leaf, &counted); /* ties() | count */
    from = counted;
  } else {
    v = cn_eval_expr(E, leaf);
  }
  /* "a" + "b" + … grows one buffer (doubling, in the arena) rather than
   * copying the whole string at every step */
  char *buf = NULL;
  size_t len = 0, cap = 0;
  for (int64_t i = from; i < n; i++) {
    const cn_ast *x = spine[i];
    if (x->kind == CN_AST_BINOP && x->u.binop.op == CN_OP_ADD &&
        v.t == CN_V_STR) {
      cn_value b = cn_eval_expr(E, x->u.binop.rhs);
      if (b.t == CN_V_STR) {
        size_t blen = strlen(b.u.str);
        if (!buf || len + blen + 1 > cap) {
          size_t have = buf ? len : strlen(v.u.str);
          size_t want = (have + blen + 1) * 2;
          char *nb = cn_arena_alloc(E->arena, want);
          memcpy(nb, buf ? buf : v.u.str, have);
          buf = nb, len = have, cap = want;
        }
        memcpy(buf + len, b.u.str, blen + 1);
        len += blen;
        v = cn_str(buf);
        continue;
      }
      buf = NULL; /* a string plus something else: the usual error */
      v = eval_binop_values(E, x, v, b);
      continue;
    }
    buf = NULL;
    switch (x->kind) {
    case CN_AST_PIPE:
      v = eval_call(E, x->u.pipe.call, &v, &x->u.pipe.lhs->loc);
      break;
    case CN_AST_FIELD: v = eval_field(E, x, v); break;
    default: v = eval_binop(E, x, v); break;
    }
  }
  return v;
}

cn_value cn_eval_expr(cn_eval *E, const cn_ast *e) {
  switch (e->kind) {
  case CN_AST_NUM: return cn_num(e->u.num);
  case CN_AST_STR: return cn_str(e->u.str->str);
  case CN_AST_BOOL: return cn_bool(e->u.boolean);
  case CN_AST_NAME: return lookup(E, e->u.name);
  case CN_AST_CALL: return eval_call(E, e, NULL, NULL);
  case CN_AST_PIPE:
  case CN_AST_FIELD:
  case CN_AST_BINOP:
  case CN_AST_UNOP: return left_chain(E, e);
  case CN_AST_LIST: {
    cn_value v = cn_list_new(E->arena, e->u.list.n);
    for (int i = 0; i < e->u.list.n; i++)
      v.u.list->items[i] = cn_eval_expr(E, e->u.list.items[i]);
    return v;
  }
  case CN_AST_RECORD: {
    cn_value v = cn_record_new(E->arena, e->u.record.n);
    for (int i = 0; i < e->u.record.n; i++) {
      cn_name *k = e->u.record.items[i].name.name;
      for (int j = 0; j < i; j++)
        if (v.u.rec->keys[j] == k)
          cn_eval_error(E, &e->u.record.items[i].name.loc,
                        "field '%s' given twice", k->str);
      v.u.rec->keys[i] = k;
      v.u.rec->vals[i] = cn_eval_expr(E, e->u.record.items[i].value);
    }
    return v;
  }
  case CN_AST_COMPREH: return eval_comprehension(E, e);
  case CN_AST_RANGE: {
    cn_value v = {CN_V_SPAN, {0}};
    v.u.span.from = -INFINITY;
    v.u.span.to = INFINITY;
    if (e->u.range.lo) {
      cn_value lo = cn_eval_expr(E, e->u.range.lo);
      v.u.span.from = number(E, &lo, &e->u.range.lo->loc, CN_OP_ADD);
    }
    if (e->u.range.hi) {
      cn_value hi = cn_eval_expr(E, e->u.range.hi);
      v.u.span.to = number(E, &hi, &e->u.range.hi->loc, CN_OP_ADD);
    }
    if (v.u.span.from > v.u.span.to)
      cn_eval_error(E, &e->loc, "reversed span: %g comes after %g",
                    v.u.span.from, v.u.span.to);
    return v;
  }
  default:
    cn_eval_error(E, &e->loc, "this statement cannot be used as a value");
  }
}

/* ---- statements ---- */

int cn_eval_stmt(cn_eval *E, const cn_ast *stmt, int print) {
  jmp_buf jb, *saved = E->on_error;
  cn_arena scratch;
  cn_arena_init(&scratch);
  cn_arena *saved_arena = E->arena;
  cn_frame *saved_frame = E->frame;
  int rc = 0;
  /* a statement run inside another (the prelude bound in the middle of a
   * call) keeps the outer one's limits, counters and shared snapshots */
  int nested = saved != NULL;
  int saved_depth = E->depth;
  long saved_nsnaps = E->nsnaps;
  E->on_error = &jb;
  if (!nested) {
    E->traced = 0;
    E->steps = 0;
    E->statements++;
    memset(&E->outside_warned, 0, sizeof E->outside_warned);
  }
  const cn_loc *saved_running = running;
  running = &stmt->loc;
  cn_out_of_memory_where(say_where);
  if (setjmp(jb) == 0) {
    switch (stmt->kind) {
    case CN_AST_LET: {
      E->arena = E->keep; /* a let value lives as long as the session */
      cn_value v = cn_eval_expr(E, stmt->u.let.value);
      set_global(E, stmt->u.let.id.name, v);
      break;
    }
    case CN_AST_DEF: {
      cn_func *fn = cn_arena_alloc(E->keep, sizeof *fn);
      fn->name = stmt->u.def.id.name;
      fn->def = stmt;
      if (cn_eval_native(E, fn->name->str))
        cn_diag_warning(E->diag, &stmt->u.def.id.loc,
                        "def '%s' hides the built-in function of that name",
                        fn->name->str);
      cn_value v = {CN_V_FUNC, {0}};
      v.u.fn = fn;
      set_global(E, fn->name, v);
      break;
    }
    case CN_AST_EXPR: {
      E->arena = &scratch;
      if (print && E->echo)
        cn_echo_before(E, stdout, &stmt->loc);
      cn_value v = cn_eval_expr(E, stmt->u.expr.expr);
      if (v.t == CN_V_SYMBOL)
        cn_eval_fail(E, &stmt->u.expr.expr->loc,
                     "names are declared before use", "unknown name '%s'",
                     v.u.name->str);
      if (print && E->echo) {
        cn_echo_result(E, stdout, &stmt->loc, &v);
      } else if (print) {
        cn_value_print(stdout, &v, E->format);
        fflush(stdout);
      }
      break;
    }
    default:
      cn_eval_error(E, &stmt->loc, "not a query statement");
    }
  } else {
    rc = 1;
    if (print && E->echo && stmt->kind == CN_AST_EXPR) {
      E->arena = &scratch;
      cn_echo_result(E, stdout, &stmt->loc, NULL); /* json: its error */
    }
  }
  E->on_error = saved;
  E->arena = saved_arena;
  E->frame = saved_frame;
  E->depth = nested ? saved_depth : 0;
  if (!nested) /* a built-in left by an error no longer runs */
    cn_progress_what = NULL;
  /* the statement's snapshots die with its arena (a nested one's too) */
  if (!nested || E->nsnaps != saved_nsnaps)
    E->nsnaps = 0;
  running = saved_running;
  cn_arena_free(&scratch);
  return rc;
}
