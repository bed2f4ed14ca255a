/* print.c — syntax tree back to source text (see print.h). */
#include "print.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "number.h"
#include "utf8.h"

int cn_print_is_bare(const char *s, int stmt_start) {
  size_t n = strlen(s), i = 0;
  int kw = cn_lex_keyword(s, n);
  if (n == 0 || kw == 2 || (kw == 1 && stmt_start))
    return 0;
  while (i < n) { /* what lex_ident keeps of a word */
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k || !cn_utf8_ident_ok(cp, i == 0))
      return 0;
    i += k;
  }
  size_t m;
  char *nfc = cn_utf8_nfc(s, n, &m); /* the lexer would normalise it */
  int same = nfc == NULL;
  free(nfc);
  return same;
}

void cn_print_name_at(FILE *out, const char *s, int stmt_start) {
  if (cn_print_is_bare(s, stmt_start))
    fputs(s, out);
  else
    cn_print_string(out, s);
}

void cn_print_name(FILE *out, const char *s) { cn_print_name_at(out, s, 0); }

void cn_print_string(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\t': fputs("\\t", out); break;
    default:
      if (*p < 0x20 || *p == 0x7F)
        fprintf(out, "\\u{%X}", (unsigned)*p);
      else
        fputc(*p, out);
    }
  }
  fputc('"', out);
}

void cn_print_number(FILE *out, double x) {
  char buf[CN_NUM_BUF];
  cn_num_text(buf, sizeof buf, x);
  fputs(buf, out);
}

void cn_print_years(FILE *out, double from, double to) {
  char buf[CN_YEARS_BUF];
  cn_years_text(buf, sizeof buf, from, to);
  fputs(buf, out);
}

/* ---- expressions ---- */

/* Precedence levels, loosest first, as in parser.y. */
enum {
  L_PIPE,
  L_OR,
  L_AND,
  L_NOT,
  L_CMP,
  L_RANGE,
  L_ADD,
  L_MUL,
  L_NEG,
  L_POSTFIX,
  L_PRIMARY
};

static int level(const cn_ast *e) {
  switch (e->kind) {
  case CN_AST_PIPE: return L_PIPE;
  case CN_AST_RANGE: return L_RANGE;
  case CN_AST_FIELD: return L_POSTFIX;
  case CN_AST_NUM: return e->u.num < 0 ? L_NEG : L_PRIMARY;
  case CN_AST_BINOP:
  case CN_AST_UNOP:
    switch (e->u.binop.op) {
    case CN_OP_OR: return L_OR;
    case CN_OP_AND: return L_AND;
    case CN_OP_NOT: return L_NOT;
    case CN_OP_ADD: case CN_OP_SUB: return L_ADD;
    case CN_OP_MUL: case CN_OP_DIV: return L_MUL;
    case CN_OP_NEG: return L_NEG;
    default: return L_CMP;
    }
  default: return L_PRIMARY;
  }
}

static void expr_at(FILE *out, const cn_ast *e, int min);
static void print_call(FILE *out, const cn_ast *e);

/* The left operand of a binary operator, a pipe or a field access, and the
 * level it is printed at without parentheses; NULL for other nodes. */
static const cn_ast *chain_lhs(const cn_ast *e, int *min) {
  switch (e->kind) {
  case CN_AST_FIELD: *min = L_POSTFIX; return e->u.field.obj;
  case CN_AST_PIPE: *min = L_PIPE; return e->u.pipe.lhs;
  case CN_AST_BINOP: {
    int l = level(e); /* comparisons do not chain; the others lean left */
    *min = l == L_CMP ? L_RANGE : l;
    return e->u.binop.lhs;
  }
  default: return NULL;
  }
}

/* What follows a chain node's left operand: " + rhs", ".field", " | f()". */
static void print_suffix(FILE *out, const cn_ast *e) {
  switch (e->kind) {
  case CN_AST_FIELD:
    fputc('.', out);
    cn_print_name(out, e->u.field.field.name->str);
    break;
  case CN_AST_PIPE:
    fputs(" | ", out);
    if (e->u.pipe.call->kind == CN_AST_CALL)
      print_call(out, e->u.pipe.call);
    else
      expr_at(out, e->u.pipe.call, L_PRIMARY);
    break;
  default: {
    int l = level(e);
    fprintf(out, " %s ", cn_op_str(e->u.binop.op));
    expr_at(out, e->u.binop.rhs, l == L_CMP ? L_RANGE : l + 1);
  }
  }
}

/* A left-nested chain (1 + 1 + … + 1, a | f | g, r.a.b) printed in a loop
 * over its left spine, so that its length never becomes C stack depth. */
static void print_chain(FILE *out, const cn_ast *e) {
  size_t n = 0, cap = 0;
  const cn_ast **spine = NULL;
  const cn_ast *x = e, *lhs;
  int min = L_PIPE;
  while ((lhs = chain_lhs(x, &min)) != NULL) {
    spine = cn_xgrow(spine, &cap, n + 1, sizeof *spine);
    spine[n++] = x;
    if (level(lhs) < min || !chain_lhs(lhs, &(int){0}))
      break; /* the operand needs parentheses, or ends the chain */
    x = lhs;
  }
  lhs = chain_lhs(spine[n - 1], &min);
  expr_at(out, lhs, min);
  for (size_t i = n; i-- > 0;)
    print_suffix(out, spine[i]);
  free(spine);
}

static void print_args(FILE *out, const cn_args *a) {
  for (int i = 0; i < a->n; i++) {
    if (i)
      fputs(", ", out);
    if (a->items[i].name.name) { /* stage=整合, as the docs write it */
      cn_print_name(out, a->items[i].name.name->str);
      fputc('=', out);
    }
    expr_at(out, a->items[i].value, L_PIPE);
  }
}

static void print_call(FILE *out, const cn_ast *e) {
  cn_print_name(out, e->u.call.fn.name->str);
  fputc('(', out);
  print_args(out, &e->u.call.args);
  fputc(')', out);
}

static void print_bare(FILE *out, const cn_ast *e) {
  switch (e->kind) {
  case CN_AST_NUM: cn_print_number(out, e->u.num); break;
  case CN_AST_STR: cn_print_string(out, e->u.str->str); break;
  case CN_AST_BOOL: fputs(e->u.boolean ? "true" : "false", out); break;
  case CN_AST_NAME: cn_print_name(out, e->u.name->str); break;
  case CN_AST_CALL: print_call(out, e); break;
  case CN_AST_FIELD:
  case CN_AST_PIPE:
  case CN_AST_BINOP: print_chain(out, e); break;
  case CN_AST_UNOP: {
    const cn_ast *x = e->u.binop.lhs;
    if (e->u.binop.op == CN_OP_NOT) {
      fputs("not ", out);
      expr_at(out, x, L_NOT);
    } else {
      fputc('-', out);
      /* "--x" would read as the tie operator */
      if (level(x) == L_NEG)
        fputc('(', out), expr_at(out, x, L_PIPE), fputc(')', out);
      else
        expr_at(out, x, L_NEG);
    }
    break;
  }
  case CN_AST_RANGE:
    if (e->u.range.lo)
      expr_at(out, e->u.range.lo, L_ADD);
    fputs("..", out);
    if (e->u.range.hi)
      expr_at(out, e->u.range.hi, L_ADD);
    break;
  case CN_AST_LIST:
    fputc('[', out);
    for (int i = 0; i < e->u.list.n; i++) {
      if (i)
        fputs(", ", out);
      expr_at(out, e->u.list.items[i], L_PIPE);
    }
    fputc(']', out);
    break;
  case CN_AST_RECORD:
    fputc('{', out);
    for (int i = 0; i < e->u.record.n; i++) {
      if (i)
        fputs(", ", out);
      cn_print_name(out, e->u.record.items[i].name.name->str);
      fputs(": ", out);
      expr_at(out, e->u.record.items[i].value, L_PIPE);
    }
    fputc('}', out);
    break;
  case CN_AST_COMPREH: {
    const cn_ast *body = e->u.comp.body;
    fputc('[', out);
    /* keep 'in' inside the body or the iterable from meeting 'for … in' */
    int body_in = body->kind == CN_AST_BINOP && body->u.binop.op == CN_OP_IN;
    expr_at(out, body, body_in ? L_PRIMARY : L_PIPE);
    fputs(" for ", out);
    cn_print_name(out, e->u.comp.var.name->str);
    fputs(" in ", out);
    expr_at(out, e->u.comp.iter, L_RANGE);
    if (e->u.comp.cond) {
      fputs(" if ", out);
      expr_at(out, e->u.comp.cond, L_PIPE);
    }
    fputc(']', out);
    break;
  }
  default:
    fputs("(?)", out);
  }
}

static void expr_at(FILE *out, const cn_ast *e, int min) {
  if (level(e) < min) {
    fputc('(', out);
    print_bare(out, e);
    fputc(')', out);
  } else {
    print_bare(out, e);
  }
}

void cn_print_expr(FILE *out, const cn_ast *e) { expr_at(out, e, L_PIPE); }

/* ---- attributes ---- */

static void attr_value(FILE *out, const cn_ast *v) {
  if (v->kind == CN_AST_LIST) {
    fputc('[', out);
    for (int i = 0; i < v->u.list.n; i++) {
      if (i)
        fputs(", ", out);
      attr_value(out, v->u.list.items[i]);
    }
    fputc(']', out);
  } else if (v->kind == CN_AST_UNOP && v->u.binop.op == CN_OP_NEG) {
    fputc('-', out);
    attr_value(out, v->u.binop.lhs);
  } else {
    print_bare(out, v); /* NUM (negative ones too), STR, BOOL, NAME */
  }
}

static void attr(FILE *out, const cn_attr *a) {
  cn_print_name(out, a->key.name->str);
  /* `key` alone means key = true; write it out all the same */
  fputs(" = ", out);
  attr_value(out, a->value);
}

enum { ATTRS_ONE_LINE = 64 }; /* display columns of a block kept on one line */

void cn_print_attrs(FILE *out, const cn_attrs *attrs) {
  if (!attrs)
    return;
  if (attrs->n == 0) {
    fputs(" {}", out);
    return;
  }
  /* measure the one-line form */
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  int width = 1 << 30;
  if (m) {
    for (int i = 0; i < attrs->n; i++) {
      if (i)
        fputs(", ", m);
      attr(m, &attrs->items[i]);
    }
    fclose(m);
    width = buf && !strchr(buf, '\n') ? cn_utf8_str_width(buf, len) : width;
  }
  if (width <= ATTRS_ONE_LINE) {
    fprintf(out, " { %s }", buf);
  } else {
    fputs(" {\n", out);
    for (int i = 0; i < attrs->n; i++) {
      fputs("  ", out);
      attr(out, &attrs->items[i]);
      fputs(",\n", out);
    }
    fputc('}', out);
  }
  free(buf);
}

/* ---- statements ---- */

static void span(FILE *out, const cn_ast_span *s) {
  if (s->kind == CN_SPAN_NONE)
    return;
  fputc(' ', out);
  if (s->kind == CN_SPAN_STAGE) {
    fputs("in ", out);
    cn_print_name(out, s->stage.name->str);
  } else {
    cn_print_years(out, s->from, s->to);
  }
}

static void label(FILE *out, const cn_name *l) {
  if (l) {
    fputc(' ', out);
    cn_print_string(out, l->str);
  }
}

static void idents(FILE *out, const cn_idents *l, int braces) {
  if (braces)
    fputc('{', out);
  for (int i = 0; i < l->n; i++) {
    if (i)
      fputs(", ", out);
    cn_print_name(out, l->items[i].name->str);
  }
  if (braces)
    fputc('}', out);
}

/* The leftmost token of an expression, when it is a name: a statement
 * keyword there would start a declaration. */
static const cn_name *leftmost_name(const cn_ast *e) {
  for (;;) {
    switch (e->kind) {
    case CN_AST_NAME: return e->u.name;
    case CN_AST_CALL: return e->u.call.fn.name;
    case CN_AST_FIELD: e = e->u.field.obj; break;
    case CN_AST_PIPE: e = e->u.pipe.lhs; break;
    case CN_AST_BINOP: e = e->u.binop.lhs; break;
    case CN_AST_RANGE:
      if (!e->u.range.lo)
        return NULL;
      e = e->u.range.lo;
      break;
    default: return NULL;
    }
  }
}

void cn_print_stmt(FILE *out, const cn_ast *s) {
  switch (s->kind) {
  case CN_AST_CASE:
    fputs("case ", out);
    cn_print_string(out, s->u.case_.title->str);
    cn_print_attrs(out, s->u.case_.attrs);
    break;
  case CN_AST_LAYER:
  case CN_AST_KIND:
    fputs(s->kind == CN_AST_LAYER ? "layer " : "kind ", out);
    cn_print_name(out, s->u.decl.id.name->str);
    label(out, s->u.decl.label);
    cn_print_attrs(out, s->u.decl.attrs);
    break;
  case CN_AST_STAGE:
    fputs("stage ", out);
    cn_print_name(out, s->u.stage.id.name->str);
    label(out, s->u.stage.label);
    span(out, &s->u.stage.span);
    if (s->u.stage.state_from.name) {
      fputs(" : ", out);
      cn_print_name(out, s->u.stage.state_from.name->str);
      fputs(" -> ", out);
      cn_print_name(out, s->u.stage.state_to.name->str);
    }
    cn_print_attrs(out, s->u.stage.attrs);
    break;
  case CN_AST_ACTOR:
    fputs("actor ", out);
    idents(out, &s->u.actor.ids, 0);
    if (s->u.actor.kind.name) {
      fputs(" : ", out);
      cn_print_name(out, s->u.actor.kind.name->str);
    }
    span(out, &s->u.actor.span);
    cn_print_attrs(out, s->u.actor.attrs);
    break;
  case CN_AST_TIE: {
    const cn_idents *l = &s->u.tie.lhs;
    if (l->is_set || l->n != 1)
      idents(out, l, 1);
    else /* first in the statement: "case" -- x */
      cn_print_name_at(out, l->items[0].name->str, 1);
    fputs(s->u.tie.op == CN_TIE_UNDIRECTED ? " -- "
          : s->u.tie.op == CN_TIE_RIGHT    ? " -> "
                                           : " <- ",
          out);
    idents(out, &s->u.tie.rhs, s->u.tie.rhs.is_set || s->u.tie.rhs.n != 1);
    if (s->u.tie.layer.name) {
      fputs(" : ", out);
      cn_print_name(out, s->u.tie.layer.name->str);
    }
    span(out, &s->u.tie.span);
    cn_print_attrs(out, s->u.tie.attrs);
    break;
  }
  case CN_AST_GROUP:
    fputs("group ", out);
    cn_print_name(out, s->u.group.id.name->str);
    label(out, s->u.group.label);
    fputs(" = ", out);
    idents(out, &s->u.group.members, 1);
    cn_print_attrs(out, s->u.group.attrs);
    break;
  case CN_AST_EVENT:
    fputs("event", out);
    span(out, &s->u.event.span);
    fputc(' ', out);
    cn_print_string(out, s->u.event.text->str);
    cn_print_attrs(out, s->u.event.attrs);
    break;
  case CN_AST_LET:
    fputs("let ", out);
    cn_print_name(out, s->u.let.id.name->str);
    fputs(" = ", out);
    cn_print_expr(out, s->u.let.value);
    break;
  case CN_AST_DEF:
    fputs("def ", out);
    cn_print_name(out, s->u.def.id.name->str);
    fputc('(', out);
    idents(out, &s->u.def.params, 0);
    fputs(") = ", out);
    cn_print_expr(out, s->u.def.body);
    break;
  case CN_AST_INCLUDE:
    fputs("include ", out);
    cn_print_string(out, s->u.include.path->str);
    break;
  case CN_AST_IMPORT:
    fputs("import ", out);
    cn_print_name(out, s->u.import.what.name->str);
    fputc(' ', out);
    cn_print_string(out, s->u.import.path->str);
    if (s->u.import.layer.name) {
      fputs(" : ", out);
      cn_print_name(out, s->u.import.layer.name->str);
    }
    cn_print_attrs(out, s->u.import.map);
    break;
  case CN_AST_EXPR: {
    const cn_name *first = leftmost_name(s->u.expr.expr);
    if (first && cn_lex_keyword(first->str, first->len) == 1) {
      fputc('(', out);
      cn_print_expr(out, s->u.expr.expr);
      fputc(')', out);
    } else {
      cn_print_expr(out, s->u.expr.expr);
    }
    break;
  }
  default:
    cn_print_expr(out, s);
  }
}
