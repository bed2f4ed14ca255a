/* ast.h — the syntax tree of a cnet script: statements and expressions.
 *
 * Every node lives in the arena its parse was given (see lang.h); names are
 * interned cn_name pointers and string literals are interned too, so tokens
 * never point into a statement's arena. */
#ifndef CN_AST_H
#define CN_AST_H

#include <stdio.h>

#include "arena.h"
#include "intern.h"
#include "source.h"

typedef enum cn_ast_kind {
  /* statements */
  CN_AST_CASE,
  CN_AST_LAYER,
  CN_AST_KIND,
  CN_AST_STAGE,
  CN_AST_ACTOR,
  CN_AST_TIE,
  CN_AST_GROUP,
  CN_AST_EVENT,
  CN_AST_LET,
  CN_AST_DEF,
  CN_AST_INCLUDE,
  CN_AST_IMPORT,
  CN_AST_EXPR,
  /* expressions */
  CN_AST_NUM,
  CN_AST_STR,
  CN_AST_BOOL,
  CN_AST_NAME,
  CN_AST_CALL,
  CN_AST_FIELD,
  CN_AST_BINOP,
  CN_AST_UNOP,
  CN_AST_LIST,
  CN_AST_RECORD,
  CN_AST_COMPREH,
  CN_AST_PIPE,
  CN_AST_RANGE
} cn_ast_kind;

typedef enum cn_op {
  CN_OP_ADD, CN_OP_SUB, CN_OP_MUL, CN_OP_DIV,
  CN_OP_EQ, CN_OP_NE, CN_OP_LT, CN_OP_LE, CN_OP_GT, CN_OP_GE,
  CN_OP_AND, CN_OP_OR, CN_OP_NOT, CN_OP_NEG, CN_OP_IN
} cn_op;

typedef enum cn_tie_op { CN_TIE_UNDIRECTED, CN_TIE_RIGHT, CN_TIE_LEFT } cn_tie_op;

typedef struct cn_ast cn_ast;

typedef struct cn_ident {
  cn_name *name; /* NULL when absent */
  cn_loc loc;
} cn_ident;

typedef struct cn_idents {
  int n;
  cn_ident *items;
  int is_set; /* written as {a, b} */
  cn_loc loc;
} cn_idents;

/* A time span as written.  Open ends are -INFINITY / +INFINITY. */
typedef enum cn_span_kind { CN_SPAN_NONE, CN_SPAN_RANGE, CN_SPAN_STAGE } cn_span_kind;
typedef struct cn_ast_span {
  cn_span_kind kind;
  double from, to;
  cn_ident stage; /* for `in STAGE` */
  cn_loc loc;
} cn_ast_span;

typedef struct cn_attr {
  cn_ident key;
  cn_ast *value; /* NUM, STR, BOOL, NAME (a symbol), LIST, UNOP(NEG) */
} cn_attr;

typedef struct cn_attrs {
  int n;
  cn_attr *items;
  cn_loc loc;
} cn_attrs;

/* Call arguments and record fields: name is NULL for a positional one. */
typedef struct cn_arg {
  cn_ident name;
  cn_ast *value;
} cn_arg;

typedef struct cn_args {
  int n;
  cn_arg *items;
} cn_args;

typedef struct cn_nodes {
  int n;
  cn_ast **items;
} cn_nodes;

struct cn_ast {
  cn_ast_kind kind;
  cn_loc loc;
  union {
    /* CASE: title (a string or a name), attrs */
    struct { cn_name *title; cn_attrs *attrs; } case_;
    /* LAYER, KIND: id "label" {attrs} */
    struct { cn_ident id; cn_name *label; cn_attrs *attrs; } decl;
    /* STAGE: id "label" span : from -> to {attrs} */
    struct {
      cn_ident id;
      cn_name *label;
      cn_ast_span span;
      cn_ident state_from, state_to;
      cn_attrs *attrs;
    } stage;
    /* ACTOR: ids : kind span {attrs} */
    struct { cn_idents ids; cn_ident kind; cn_ast_span span; cn_attrs *attrs; } actor;
    /* TIE: lhs op rhs : layer span {attrs} */
    struct {
      cn_idents lhs, rhs;
      cn_tie_op op;
      cn_loc op_loc;
      cn_ident layer;
      cn_ast_span span;
      cn_attrs *attrs;
    } tie;
    /* GROUP: id "label" = {members} {attrs} */
    struct { cn_ident id; cn_name *label; cn_idents members; cn_attrs *attrs; } group;
    /* EVENT: span "text" {attrs} */
    struct { cn_ast_span span; cn_name *text; cn_loc text_loc; cn_attrs *attrs; } event;
    /* LET: id = value */
    struct { cn_ident id; cn_ast *value; } let;
    /* DEF: id(params) = body */
    struct { cn_ident id; cn_idents params; cn_ast *body; } def;
    /* INCLUDE "path" */
    struct { cn_name *path; } include;
    /* IMPORT what "path" : layer {map} */
    struct { cn_ident what; cn_name *path; cn_ident layer; cn_attrs *map; } import;
    /* EXPR statement */
    struct { cn_ast *expr; } expr;

    double num;   /* NUM */
    cn_name *str; /* STR */
    int boolean;  /* BOOL */
    cn_name *name; /* NAME */
    struct { cn_ident fn; cn_args args; } call; /* CALL */
    struct { cn_ast *obj; cn_ident field; } field; /* FIELD */
    struct { cn_op op; cn_ast *lhs, *rhs; } binop; /* BINOP, UNOP (rhs NULL) */
    cn_nodes list;  /* LIST */
    cn_args record; /* RECORD: every arg named */
    struct { cn_ast *body; cn_ident var; cn_ast *iter, *cond; } comp; /* COMPREH */
    struct { cn_ast *lhs; cn_ast *call; } pipe; /* PIPE: call is CALL or NAME */
    struct { cn_ast *lo, *hi; } range; /* RANGE: either may be NULL */
  } u;
};

cn_ast *cn_ast_new(cn_arena *a, cn_ast_kind kind, cn_loc loc);
/* Append to the growable lists the parser builds (arrays in the arena). */
void cn_ast_push_ident(cn_arena *a, cn_idents *l, cn_ident x);
void cn_ast_push_attr(cn_arena *a, cn_attrs *l, cn_ident key, cn_ast *value);
void cn_ast_push_arg(cn_arena *a, cn_args *l, cn_arg x);
void cn_ast_push_node(cn_arena *a, cn_nodes *l, cn_ast *x);
/// The attribute `key` of a block, or NULL (blocks may be NULL).
const cn_attr *cn_attrs_get(const cn_attrs *attrs, const char *key);
/// What an attribute literal is, for messages: "a number", "a name" …
const char *cn_ast_literal_kind(const cn_ast *v);
/// The name an attribute value gives where a name is expected (collapse =,
/// stage = …): a bare name or a quoted one; NULL for other literals.
cn_name *cn_ast_name_of(const cn_ast *v);
/// Deep copy of an attribute block (its values are literals) into `a`.
cn_attrs *cn_attrs_copy(cn_arena *a, const cn_attrs *src);
/// Print a statement as an indented tree (for --dump-ast goldens).
void cn_ast_dump(FILE *out, const cn_ast *stmt);
/// The name of an operator as written ("+", "and", …).
const char *cn_op_str(cn_op op);

#endif
