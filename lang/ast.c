/* ast.c — syntax-tree constructors, list helpers and the --dump-ast printer. */
#include "ast.h"

#include <math.h>
#include <string.h>

cn_ast *cn_ast_new(cn_arena *a, cn_ast_kind kind, cn_loc loc) {
  cn_ast *n = cn_arena_alloc(a, sizeof *n);
  n->kind = kind;
  n->loc = loc;
  return n;
}

/* Grow an arena array of `n` items to hold n+1: capacity doubles at powers
 * of two, so the old arrays are at most as large as the live one. */
static void *grow(cn_arena *a, void *items, int n, size_t item) {
  if (n == 0 || (n & (n - 1)) == 0) {
    void *p = cn_arena_alloc(a, (size_t)(n ? 2 * n : 1) * item);
    if (n)
      memcpy(p, items, (size_t)n * item);
    return p;
  }
  return items;
}

void cn_ast_push_ident(cn_arena *a, cn_idents *l, cn_ident x) {
  l->items = grow(a, l->items, l->n, sizeof x);
  l->items[l->n++] = x;
}

void cn_ast_push_attr(cn_arena *a, cn_attrs *l, cn_ident key, cn_ast *value) {
  l->items = grow(a, l->items, l->n, sizeof *l->items);
  l->items[l->n].key = key;
  l->items[l->n].value = value;
  l->n++;
}

void cn_ast_push_arg(cn_arena *a, cn_args *l, cn_arg x) {
  l->items = grow(a, l->items, l->n, sizeof x);
  l->items[l->n++] = x;
}

void cn_ast_push_node(cn_arena *a, cn_nodes *l, cn_ast *x) {
  l->items = grow(a, l->items, l->n, sizeof x);
  l->items[l->n++] = x;
}

const cn_attr *cn_attrs_get(const cn_attrs *attrs, const char *key) {
  if (!attrs)
    return NULL;
  for (int i = 0; i < attrs->n; i++)
    if (strcmp(attrs->items[i].key.name->str, key) == 0)
      return &attrs->items[i];
  return NULL;
}

static cn_ast *copy_value(cn_arena *a, const cn_ast *v) {
  cn_ast *n = cn_ast_new(a, v->kind, v->loc);
  n->u = v->u;
  if (v->kind == CN_AST_LIST) {
    n->u.list.items = cn_arena_alloc(a, sizeof(cn_ast *) * (size_t)v->u.list.n);
    for (int i = 0; i < v->u.list.n; i++)
      n->u.list.items[i] = copy_value(a, v->u.list.items[i]);
  } else if (v->kind == CN_AST_UNOP) {
    n->u.binop.lhs = copy_value(a, v->u.binop.lhs);
  }
  return n;
}

cn_attrs *cn_attrs_copy(cn_arena *a, const cn_attrs *src) {
  if (!src)
    return NULL;
  cn_attrs *d = cn_arena_alloc(a, sizeof *d);
  d->n = src->n;
  d->loc = src->loc;
  d->items = cn_arena_alloc(a, sizeof *d->items * (size_t)(src->n ? src->n : 1));
  for (int i = 0; i < src->n; i++) {
    d->items[i].key = src->items[i].key;
    d->items[i].value = copy_value(a, src->items[i].value);
  }
  return d;
}

const char *cn_ast_literal_kind(const cn_ast *v) {
  switch (v->kind) {
  case CN_AST_NUM: return "a number";
  case CN_AST_STR: return "a string";
  case CN_AST_BOOL: return "true or false";
  case CN_AST_NAME: return "a name";
  case CN_AST_LIST: return "a list";
  default: return "a negative number";
  }
}

cn_name *cn_ast_name_of(const cn_ast *v) {
  return v->kind == CN_AST_NAME ? v->u.name
         : v->kind == CN_AST_STR ? v->u.str
                                 : NULL;
}

const char *cn_op_str(cn_op op) {
  static const char *const s[] = {"+",  "-",  "*", "/",  "==",  "!=",  "<",
                                  "<=", ">",  ">=", "and", "or", "not", "-", "in"};
  return s[op];
}

/* ---- --dump-ast ---- */

static void indent(FILE *out, int d) {
  for (int i = 0; i < d; i++)
    fputs("  ", out);
}

static void put_num(FILE *out, double x) {
  if (isinf(x))
    fputs(x < 0 ? "-inf" : "inf", out);
  else
    fprintf(out, "%.17g", x);
}

static void dump_expr(FILE *out, const cn_ast *e, int d);

static void dump_span(FILE *out, const cn_ast_span *s, int d) {
  if (s->kind == CN_SPAN_NONE)
    return;
  indent(out, d);
  if (s->kind == CN_SPAN_STAGE) {
    fprintf(out, "span in %s\n", s->stage.name->str);
    return;
  }
  fputs("span ", out);
  put_num(out, s->from);
  fputs("..", out);
  put_num(out, s->to);
  fputc('\n', out);
}

static void dump_attrs(FILE *out, const cn_attrs *at, int d) {
  if (!at)
    return;
  for (int i = 0; i < at->n; i++) {
    indent(out, d);
    fprintf(out, "attr %s\n", at->items[i].key.name->str);
    dump_expr(out, at->items[i].value, d + 1);
  }
}

static void dump_idents(FILE *out, const char *what, const cn_idents *l,
                        int d) {
  indent(out, d);
  fprintf(out, "%s%s", what, l->is_set ? " {" : "");
  for (int i = 0; i < l->n; i++)
    fprintf(out, "%s%s", i ? ", " : " ", l->items[i].name->str);
  fprintf(out, "%s\n", l->is_set ? " }" : "");
}

static void dump_args(FILE *out, const cn_args *args, int d) {
  for (int i = 0; i < args->n; i++) {
    indent(out, d);
    if (args->items[i].name.name)
      fprintf(out, "arg %s=\n", args->items[i].name.name->str);
    else
      fputs("arg\n", out);
    dump_expr(out, args->items[i].value, d + 1);
  }
}

static void dump_expr(FILE *out, const cn_ast *e, int d) {
  indent(out, d);
  switch (e->kind) {
  case CN_AST_NUM:
    fputs("num ", out);
    put_num(out, e->u.num);
    fputc('\n', out);
    break;
  case CN_AST_STR:
    fprintf(out, "str \"%s\"\n", e->u.str->str);
    break;
  case CN_AST_BOOL:
    fprintf(out, "bool %s\n", e->u.boolean ? "true" : "false");
    break;
  case CN_AST_NAME:
    fprintf(out, "name %s\n", e->u.name->str);
    break;
  case CN_AST_CALL:
    fprintf(out, "call %s\n", e->u.call.fn.name->str);
    dump_args(out, &e->u.call.args, d + 1);
    break;
  case CN_AST_FIELD:
    fprintf(out, "field .%s\n", e->u.field.field.name->str);
    dump_expr(out, e->u.field.obj, d + 1);
    break;
  case CN_AST_BINOP:
  case CN_AST_UNOP:
    fprintf(out, "op %s\n", cn_op_str(e->u.binop.op));
    dump_expr(out, e->u.binop.lhs, d + 1);
    if (e->u.binop.rhs)
      dump_expr(out, e->u.binop.rhs, d + 1);
    break;
  case CN_AST_LIST:
    fputs("list\n", out);
    for (int i = 0; i < e->u.list.n; i++)
      dump_expr(out, e->u.list.items[i], d + 1);
    break;
  case CN_AST_RECORD:
    fputs("record\n", out);
    dump_args(out, &e->u.record, d + 1);
    break;
  case CN_AST_COMPREH:
    fprintf(out, "for %s\n", e->u.comp.var.name->str);
    dump_expr(out, e->u.comp.body, d + 1);
    dump_expr(out, e->u.comp.iter, d + 1);
    if (e->u.comp.cond)
      dump_expr(out, e->u.comp.cond, d + 1);
    break;
  case CN_AST_PIPE:
    fputs("pipe\n", out);
    dump_expr(out, e->u.pipe.lhs, d + 1);
    dump_expr(out, e->u.pipe.call, d + 1);
    break;
  case CN_AST_RANGE:
    fputs("range\n", out);
    if (e->u.range.lo)
      dump_expr(out, e->u.range.lo, d + 1);
    else {
      indent(out, d + 1);
      fputs("open\n", out);
    }
    if (e->u.range.hi)
      dump_expr(out, e->u.range.hi, d + 1);
    else {
      indent(out, d + 1);
      fputs("open\n", out);
    }
    break;
  default:
    fputs("?\n", out);
  }
}

void cn_ast_dump(FILE *out, const cn_ast *s) {
  fprintf(out, "%d:%d ", s->loc.first_line, s->loc.first_column);
  switch (s->kind) {
  case CN_AST_CASE:
    fprintf(out, "case \"%s\"\n", s->u.case_.title->str);
    dump_attrs(out, s->u.case_.attrs, 1);
    break;
  case CN_AST_LAYER:
  case CN_AST_KIND:
    fprintf(out, "%s %s", s->kind == CN_AST_LAYER ? "layer" : "kind",
            s->u.decl.id.name->str);
    if (s->u.decl.label)
      fprintf(out, " \"%s\"", s->u.decl.label->str);
    fputc('\n', out);
    dump_attrs(out, s->u.decl.attrs, 1);
    break;
  case CN_AST_STAGE:
    fprintf(out, "stage %s", s->u.stage.id.name->str);
    if (s->u.stage.label)
      fprintf(out, " \"%s\"", s->u.stage.label->str);
    if (s->u.stage.state_from.name)
      fprintf(out, " : %s -> %s", s->u.stage.state_from.name->str,
              s->u.stage.state_to.name->str);
    fputc('\n', out);
    dump_span(out, &s->u.stage.span, 1);
    dump_attrs(out, s->u.stage.attrs, 1);
    break;
  case CN_AST_ACTOR:
    fputs("actor\n", out);
    dump_idents(out, "ids", &s->u.actor.ids, 1);
    if (s->u.actor.kind.name) {
      indent(out, 1);
      fprintf(out, "kind %s\n", s->u.actor.kind.name->str);
    }
    dump_span(out, &s->u.actor.span, 1);
    dump_attrs(out, s->u.actor.attrs, 1);
    break;
  case CN_AST_TIE: {
    static const char *const ops[] = {"--", "->", "<-"};
    fprintf(out, "tie %s\n", ops[s->u.tie.op]);
    dump_idents(out, "from", &s->u.tie.lhs, 1);
    dump_idents(out, "to", &s->u.tie.rhs, 1);
    if (s->u.tie.layer.name) {
      indent(out, 1);
      fprintf(out, "layer %s\n", s->u.tie.layer.name->str);
    }
    dump_span(out, &s->u.tie.span, 1);
    dump_attrs(out, s->u.tie.attrs, 1);
    break;
  }
  case CN_AST_GROUP:
    fprintf(out, "group %s", s->u.group.id.name->str);
    if (s->u.group.label)
      fprintf(out, " \"%s\"", s->u.group.label->str);
    fputc('\n', out);
    dump_idents(out, "members", &s->u.group.members, 1);
    dump_attrs(out, s->u.group.attrs, 1);
    break;
  case CN_AST_EVENT:
    fprintf(out, "event \"%s\"\n", s->u.event.text->str);
    dump_span(out, &s->u.event.span, 1);
    dump_attrs(out, s->u.event.attrs, 1);
    break;
  case CN_AST_LET:
    fprintf(out, "let %s\n", s->u.let.id.name->str);
    dump_expr(out, s->u.let.value, 1);
    break;
  case CN_AST_DEF:
    fprintf(out, "def %s\n", s->u.def.id.name->str);
    dump_idents(out, "params", &s->u.def.params, 1);
    dump_expr(out, s->u.def.body, 1);
    break;
  case CN_AST_INCLUDE:
    fprintf(out, "include \"%s\"\n", s->u.include.path->str);
    break;
  case CN_AST_IMPORT:
    fprintf(out, "import %s \"%s\"", s->u.import.what.name->str,
            s->u.import.path->str);
    if (s->u.import.layer.name)
      fprintf(out, " : %s", s->u.import.layer.name->str);
    fputc('\n', out);
    dump_attrs(out, s->u.import.map, 1);
    break;
  case CN_AST_EXPR:
    fputs("expr\n", out);
    dump_expr(out, s->u.expr.expr, 1);
    break;
  default:
    fputs("?\n", out);
  }
}
