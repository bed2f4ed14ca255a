/* parser.y — tokens to statements: pure, reentrant, located; each
 * top-level statement is handed to P->on_stmt as soon as it is complete. */
%require "3.6"
%define api.pure full
%define api.prefix {cn_}
%define api.location.type {cn_loc}
%define parse.error custom
%define parse.lac full
%locations
%param {void *scanner}
%parse-param {cn_parser *P}
%expect 0

%code requires {
#include "lang.h"
}

%code provides {
/* flex's bison-bridge names these YYSTYPE/YYLTYPE whatever the prefix */
#define YYSTYPE CN_STYPE
#define YYLTYPE CN_LTYPE
int cn_lex(CN_STYPE *val, CN_LTYPE *loc, void *scanner);
void cn_error(CN_LTYPE *loc, void *scanner, cn_parser *P, const char *msg);
}

%code {
#include <math.h>
#include <string.h>

#include "lexctx.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                          \
  do {                                                                       \
    if (N) {                                                                 \
      (Cur).first_line = YYRHSLOC(Rhs, 1).first_line;                        \
      (Cur).first_column = YYRHSLOC(Rhs, 1).first_column;                    \
      (Cur).last_line = YYRHSLOC(Rhs, N).last_line;                          \
      (Cur).last_column = YYRHSLOC(Rhs, N).last_column;                      \
      (Cur).src = YYRHSLOC(Rhs, 1).src;                                      \
    } else {                                                                 \
      (Cur).first_line = (Cur).last_line = YYRHSLOC(Rhs, 0).last_line;       \
      (Cur).first_column = (Cur).last_column = YYRHSLOC(Rhs, 0).last_column; \
      (Cur).src = YYRHSLOC(Rhs, 0).src;                                      \
    }                                                                        \
  } while (0)

/* Deep expressions are an error, not a deep recursion later. */
#define YYMAXDEPTH 2000
#define A (P->scratch)
#define NODE(k, l) cn_ast_new(A, k, l)

static cn_ast *binop(cn_parser *P, cn_op op, cn_ast *l, cn_ast *r, cn_loc loc);
static cn_ast_span range_span(double from, double to, cn_loc loc);
}

%union {
  double num;
  cn_name *name;
  cn_ast *node;
  cn_ident ident;
  cn_idents idents;
  cn_attrs *attrs;
  cn_ast_span span;
  cn_args args;
  cn_arg arg;
  cn_nodes nodes;
  int op;
}

%token <name> IDENT "identifier"
%token <name> STRING "string"
%token <num> NUMBER "number"
%token CASE "case" LAYER "layer" KIND "kind" STAGE "stage" ACTOR "actor"
%token GROUP "group" EVENT "event" LET "let" DEF "def" INCLUDE "include"
%token IMPORT "import"
%token IN "in" TRUE "true" FALSE "false" AND "and" OR "or" NOT "not"
%token FOR "for" IF "if"
%token DASHDASH "--" ARROW "->" LARROW "<-" DOTDOT ".."
%token EQ "==" NE "!=" LE "<=" GE ">="
%token TERM "end of statement"

%type <node> stmt decl expr or_expr and_expr not_expr cmp_expr range_expr
%type <node> add_expr mul_expr unary postfix primary pipe_target attr_value
%type <node> opt_if
%type <ident> ident name opt_kind opt_layer
%type <idents> idlist names endpoint opt_params
%type <attrs> opt_attrs attr_list
%type <span> span opt_span
%type <name> opt_label title
%type <args> opt_args args fields
%type <arg> arg field
%type <nodes> items attr_values
%type <op> tieop cmpop

%%

program
  : %empty
  | program line
  ;

line
  : TERM
  | stmt TERM                 { cn_parse_emit(P, $1); if (P->stop) YYACCEPT; }
  | error TERM                { yyerrok; cn_arena_reset(P->scratch); }
  ;

stmt
  : decl
  | expr                      { $$ = NODE(CN_AST_EXPR, @$); $$->u.expr.expr = $1; }
  ;

decl
  : CASE title opt_attrs      { $$ = NODE(CN_AST_CASE, @$);
                                $$->u.case_.title = $2; $$->u.case_.attrs = $3; }
  | LAYER name opt_label opt_attrs
                              { $$ = NODE(CN_AST_LAYER, @$); $$->u.decl.id = $2;
                                $$->u.decl.label = $3; $$->u.decl.attrs = $4; }
  | KIND name opt_label opt_attrs
                              { $$ = NODE(CN_AST_KIND, @$); $$->u.decl.id = $2;
                                $$->u.decl.label = $3; $$->u.decl.attrs = $4; }
  | STAGE name opt_label span opt_attrs
                              { $$ = NODE(CN_AST_STAGE, @$); $$->u.stage.id = $2;
                                $$->u.stage.label = $3; $$->u.stage.span = $4;
                                $$->u.stage.attrs = $5; }
  | STAGE name opt_label span ':' name ARROW name opt_attrs
                              { $$ = NODE(CN_AST_STAGE, @$); $$->u.stage.id = $2;
                                $$->u.stage.label = $3; $$->u.stage.span = $4;
                                $$->u.stage.state_from = $6;
                                $$->u.stage.state_to = $8;
                                $$->u.stage.attrs = $9; }
  | ACTOR names opt_kind opt_span opt_attrs
                              { $$ = NODE(CN_AST_ACTOR, @$); $$->u.actor.ids = $2;
                                $$->u.actor.kind = $3; $$->u.actor.span = $4;
                                $$->u.actor.attrs = $5; }
  | endpoint tieop endpoint opt_layer opt_span opt_attrs
                              { $$ = NODE(CN_AST_TIE, @$); $$->u.tie.lhs = $1;
                                $$->u.tie.op = (cn_tie_op)$2; $$->u.tie.op_loc = @2;
                                $$->u.tie.rhs = $3; $$->u.tie.layer = $4;
                                $$->u.tie.span = $5; $$->u.tie.attrs = $6; }
  | GROUP name opt_label '=' '{' names '}' opt_attrs
                              { $$ = NODE(CN_AST_GROUP, @$); $$->u.group.id = $2;
                                $$->u.group.label = $3; $$->u.group.members = $6;
                                $$->u.group.members.is_set = 1;
                                $$->u.group.members.loc = @6;
                                $$->u.group.attrs = $8; }
  | EVENT span STRING opt_attrs
                              { $$ = NODE(CN_AST_EVENT, @$); $$->u.event.span = $2;
                                $$->u.event.text = $3; $$->u.event.text_loc = @3;
                                $$->u.event.attrs = $4; }
  | LET ident '=' expr        { $$ = NODE(CN_AST_LET, @$); $$->u.let.id = $2;
                                $$->u.let.value = $4; }
  | DEF ident '(' opt_params ')' '=' expr
                              { $$ = NODE(CN_AST_DEF, @$); $$->u.def.id = $2;
                                $$->u.def.params = $4; $$->u.def.body = $7; }
  | INCLUDE STRING            { $$ = NODE(CN_AST_INCLUDE, @$);
                                $$->u.include.path = $2; }
  | IMPORT ident STRING opt_layer opt_attrs
                              { $$ = NODE(CN_AST_IMPORT, @$); $$->u.import.what = $2;
                                $$->u.import.path = $3; $$->u.import.layer = $4;
                                $$->u.import.map = $5; }
  ;

title
  : STRING
  | IDENT
  ;

/* A name of the case — actor, layer, kind, stage, group, state, attribute
 * key — may be quoted: "Dall'Antella", "A省 常务副省长".  Names of the
 * script's own (let, def, parameters, loop variables) are identifiers. */
ident
  : IDENT                     { $$.name = $1; $$.loc = @1; }
  ;

name
  : IDENT                     { $$.name = $1; $$.loc = @1; }
  | STRING                    { $$.name = $1; $$.loc = @1; }
  ;

idlist
  : ident                     { memset(&$$, 0, sizeof $$); cn_ast_push_ident(A, &$$, $1);
                                $$.loc = @$; }
  | idlist ',' ident          { $$ = $1; cn_ast_push_ident(A, &$$, $3); $$.loc = @$; }
  ;

names
  : name                      { memset(&$$, 0, sizeof $$); cn_ast_push_ident(A, &$$, $1);
                                $$.loc = @$; }
  | names ',' name            { $$ = $1; cn_ast_push_ident(A, &$$, $3); $$.loc = @$; }
  ;

opt_params
  : %empty                    { memset(&$$, 0, sizeof $$); }
  | idlist
  ;

endpoint
  : name                      { memset(&$$, 0, sizeof $$); cn_ast_push_ident(A, &$$, $1);
                                $$.loc = @$; }
  | '{' names '}'             { $$ = $2; $$.is_set = 1; $$.loc = @$; }
  ;

tieop
  : DASHDASH                  { $$ = CN_TIE_UNDIRECTED; }
  | ARROW                     { $$ = CN_TIE_RIGHT; }
  | LARROW                    { $$ = CN_TIE_LEFT; }
  ;

opt_label
  : %empty                    { $$ = NULL; }
  | STRING
  ;

opt_kind
  : %empty                    { memset(&$$, 0, sizeof $$); }
  | ':' name                  { $$ = $2; }
  ;

opt_layer
  : %empty                    { memset(&$$, 0, sizeof $$); }
  | ':' name                  { $$ = $2; }
  ;

opt_span
  : %empty                    { memset(&$$, 0, sizeof $$); $$.kind = CN_SPAN_NONE; }
  | span
  ;

span
  : NUMBER DOTDOT NUMBER      { $$ = range_span($1, $3, @$); }
  | NUMBER DOTDOT             { $$ = range_span($1, INFINITY, @$); }
  | DOTDOT NUMBER             { $$ = range_span(-INFINITY, $2, @$); }
  | NUMBER                    { $$ = range_span($1, $1, @$); }
  | IN name                   { memset(&$$, 0, sizeof $$); $$.kind = CN_SPAN_STAGE;
                                $$.stage = $2; $$.loc = @$; }
  ;

opt_attrs
  : %empty                    { $$ = NULL; }
  | '{' '}'                   { $$ = cn_arena_alloc(A, sizeof *$$); $$->loc = @$; }
  | '{' attr_list '}'         { $$ = $2; $$->loc = @$; }
  | '{' attr_list ',' '}'     { $$ = $2; $$->loc = @$; }
  ;

attr_list
  : name                      { $$ = cn_arena_alloc(A, sizeof *$$);
                                cn_ast *t = NODE(CN_AST_BOOL, @1); t->u.boolean = 1;
                                cn_ast_push_attr(A, $$, $1, t); }
  | name '=' attr_value       { $$ = cn_arena_alloc(A, sizeof *$$);
                                cn_ast_push_attr(A, $$, $1, $3); }
  | attr_list ',' name        { $$ = $1;
                                cn_ast *t = NODE(CN_AST_BOOL, @3); t->u.boolean = 1;
                                cn_ast_push_attr(A, $$, $3, t); }
  | attr_list ',' name '=' attr_value
                              { $$ = $1; cn_ast_push_attr(A, $$, $3, $5); }
  ;

attr_value
  : STRING                    { $$ = NODE(CN_AST_STR, @$); $$->u.str = $1; }
  | NUMBER                    { $$ = NODE(CN_AST_NUM, @$); $$->u.num = $1; }
  | '-' NUMBER                { $$ = NODE(CN_AST_NUM, @$); $$->u.num = -$2; }
  | IDENT                     { $$ = NODE(CN_AST_NAME, @$); $$->u.name = $1; }
  | TRUE                      { $$ = NODE(CN_AST_BOOL, @$); $$->u.boolean = 1; }
  | FALSE                     { $$ = NODE(CN_AST_BOOL, @$); $$->u.boolean = 0; }
  | '[' ']'                   { $$ = NODE(CN_AST_LIST, @$); }
  | '[' attr_values ']'       { $$ = NODE(CN_AST_LIST, @$); $$->u.list = $2; }
  | '[' attr_values ',' ']'   { $$ = NODE(CN_AST_LIST, @$); $$->u.list = $2; }
  ;

attr_values
  : attr_value                { memset(&$$, 0, sizeof $$); cn_ast_push_node(A, &$$, $1); }
  | attr_values ',' attr_value { $$ = $1; cn_ast_push_node(A, &$$, $3); }
  ;

/* Expressions, loosest first. */

expr
  : or_expr
  | expr '|' pipe_target      { $$ = NODE(CN_AST_PIPE, @$); $$->u.pipe.lhs = $1;
                                $$->u.pipe.call = $3; }
  ;

pipe_target
  : IDENT                     { $$ = NODE(CN_AST_CALL, @$);
                                $$->u.call.fn.name = $1; $$->u.call.fn.loc = @1; }
  | IDENT '(' opt_args ')'    { $$ = NODE(CN_AST_CALL, @$);
                                $$->u.call.fn.name = $1; $$->u.call.fn.loc = @1;
                                $$->u.call.args = $3; }
  ;

or_expr
  : and_expr
  | or_expr OR and_expr       { $$ = binop(P, CN_OP_OR, $1, $3, @$); }
  ;

and_expr
  : not_expr
  | and_expr AND not_expr     { $$ = binop(P, CN_OP_AND, $1, $3, @$); }
  ;

not_expr
  : cmp_expr
  | NOT not_expr              { $$ = binop(P, CN_OP_NOT, $2, NULL, @$); }
  ;

cmp_expr
  : range_expr
  | range_expr cmpop range_expr { $$ = binop(P, (cn_op)$2, $1, $3, @$); }
  ;

cmpop
  : IN { $$ = CN_OP_IN; }
  | EQ { $$ = CN_OP_EQ; } | NE { $$ = CN_OP_NE; } | '<' { $$ = CN_OP_LT; }
  | LE { $$ = CN_OP_LE; } | '>' { $$ = CN_OP_GT; } | GE { $$ = CN_OP_GE; }
  ;

range_expr
  : add_expr
  | add_expr DOTDOT add_expr  { $$ = NODE(CN_AST_RANGE, @$); $$->u.range.lo = $1;
                                $$->u.range.hi = $3; }
  | add_expr DOTDOT           { $$ = NODE(CN_AST_RANGE, @$); $$->u.range.lo = $1; }
  | DOTDOT add_expr           { $$ = NODE(CN_AST_RANGE, @$); $$->u.range.hi = $2; }
  ;

add_expr
  : mul_expr
  | add_expr '+' mul_expr     { $$ = binop(P, CN_OP_ADD, $1, $3, @$); }
  | add_expr '-' mul_expr     { $$ = binop(P, CN_OP_SUB, $1, $3, @$); }
  ;

mul_expr
  : unary
  | mul_expr '*' unary        { $$ = binop(P, CN_OP_MUL, $1, $3, @$); }
  | mul_expr '/' unary        { $$ = binop(P, CN_OP_DIV, $1, $3, @$); }
  ;

unary
  : postfix
  | '-' unary                 { $$ = binop(P, CN_OP_NEG, $2, NULL, @$); }
  ;

postfix
  : primary
  | postfix '.' name          { $$ = NODE(CN_AST_FIELD, @$); $$->u.field.obj = $1;
                                $$->u.field.field = $3; }
  ;

primary
  : NUMBER                    { $$ = NODE(CN_AST_NUM, @$); $$->u.num = $1; }
  | STRING                    { $$ = NODE(CN_AST_STR, @$); $$->u.str = $1; }
  | TRUE                      { $$ = NODE(CN_AST_BOOL, @$); $$->u.boolean = 1; }
  | FALSE                     { $$ = NODE(CN_AST_BOOL, @$); $$->u.boolean = 0; }
  | IDENT                     { $$ = NODE(CN_AST_NAME, @$); $$->u.name = $1; }
  | IDENT '(' opt_args ')'    { $$ = NODE(CN_AST_CALL, @$);
                                $$->u.call.fn.name = $1; $$->u.call.fn.loc = @1;
                                $$->u.call.args = $3; }
  | '(' expr ')'              { $$ = $2; }
  | '[' ']'                   { $$ = NODE(CN_AST_LIST, @$); }
  | '[' items ']'             { $$ = NODE(CN_AST_LIST, @$); $$->u.list = $2; }
  | '[' items ',' ']'         { $$ = NODE(CN_AST_LIST, @$); $$->u.list = $2; }
  | '[' expr FOR ident IN expr opt_if ']'
                              { $$ = NODE(CN_AST_COMPREH, @$); $$->u.comp.body = $2;
                                $$->u.comp.var = $4; $$->u.comp.iter = $6;
                                $$->u.comp.cond = $7; }
  | '{' fields '}'            { $$ = NODE(CN_AST_RECORD, @$); $$->u.record = $2; }
  | '{' fields ',' '}'        { $$ = NODE(CN_AST_RECORD, @$); $$->u.record = $2; }
  ;

opt_if
  : %empty                    { $$ = NULL; }
  | IF expr                   { $$ = $2; }
  ;

items
  : expr                      { memset(&$$, 0, sizeof $$); cn_ast_push_node(A, &$$, $1); }
  | items ',' expr            { $$ = $1; cn_ast_push_node(A, &$$, $3); }
  ;

fields
  : field                     { memset(&$$, 0, sizeof $$); cn_ast_push_arg(A, &$$, $1); }
  | fields ',' field          { $$ = $1; cn_ast_push_arg(A, &$$, $3); }
  ;

field
  : IDENT ':' expr            { $$.name.name = $1; $$.name.loc = @1; $$.value = $3; }
  | STRING ':' expr           { $$.name.name = $1; $$.name.loc = @1; $$.value = $3; }
  ;

opt_args
  : %empty                    { memset(&$$, 0, sizeof $$); }
  | args
  | args ','
  ;

args
  : arg                       { memset(&$$, 0, sizeof $$); cn_ast_push_arg(A, &$$, $1); }
  | args ',' arg              { $$ = $1; cn_ast_push_arg(A, &$$, $3); }
  ;

arg
  : expr                      { memset(&$$, 0, sizeof $$); $$.value = $1; }
  | IDENT '=' IN              { /* mode=in: the keyword as a plain word */
                                $$.name.name = $1; $$.name.loc = @1;
                                $$.value = NODE(CN_AST_STR, @3);
                                $$.value->u.str = cn_intern_cstr(P->names, "in"); }
  | IDENT '=' expr            { $$.name.name = $1; $$.name.loc = @1; $$.value = $3; }
  | STRING '=' expr           { $$.name.name = $1; $$.name.loc = @1; $$.value = $3; }
  ;

%%

void cn_parse_emit(cn_parser *P, cn_ast *stmt) {
  int keep = P->on_stmt && !P->stop ? P->on_stmt(P, stmt) : 0;
  if (keep && P->keep)
    cn_arena_adopt(P->keep, P->scratch);
  else
    cn_arena_reset(P->scratch);
}

static cn_ast *binop(cn_parser *P, cn_op op, cn_ast *l, cn_ast *r, cn_loc loc) {
  cn_ast *n = NODE(r ? CN_AST_BINOP : CN_AST_UNOP, loc);
  n->u.binop.op = op;
  n->u.binop.lhs = l;
  n->u.binop.rhs = r;
  return n;
}

static cn_ast_span range_span(double from, double to, cn_loc loc) {
  cn_ast_span s;
  memset(&s, 0, sizeof s);
  s.kind = CN_SPAN_RANGE;
  s.from = from;
  s.to = to;
  s.loc = loc;
  return s;
}

/* How a grammar symbol is named in a message: aliases without their
 * quotes, single characters quoted. */
static const char *symbol_text(yysymbol_kind_t sym, char *buf, size_t n) {
  if (sym == YYSYMBOL_YYEOF)
    return "end of file";
  const char *s = yysymbol_name(sym);
  size_t len = strlen(s);
  if (len >= 2 && s[0] == '"' && s[len - 1] == '"') { /* strip "…" */
    snprintf(buf, n, "%.*s", (int)len - 2, s + 1);
    s = buf;
  }
  if (s[0] == '\'' || strchr(s, ' ') || strcmp(s, "identifier") == 0 ||
      strcmp(s, "string") == 0 || strcmp(s, "number") == 0 ||
      strcmp(s, "error") == 0)
    return s; /* a description, or already quoted */
  char tmp[48];
  snprintf(tmp, sizeof tmp, "%s", s);
  snprintf(buf, n, "'%s'", tmp);
  return buf;
}

static void hint_quote(const yypcontext_t *ctx, struct cn_lexctx *lc,
                       yysymbol_kind_t tok);
static int hint_slip(const yypcontext_t *ctx, struct cn_lexctx *lc,
                     yysymbol_kind_t tok);

static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner,
                                 cn_parser *P) {
  struct cn_lexctx *lc = cn_yyget_extra(scanner);
  yysymbol_kind_t tok = yypcontext_token(ctx);
  const cn_loc *loc = yypcontext_location(ctx);
  if (lc->too_deep)
    return 0; /* already reported */
  if (tok == YYSYMBOL_YYEOF)
    P->incomplete = 1;
  P->syntax_errors++;
  if (P->quiet)
    return 0;
  if (loc->first_line == lc->err_loc.first_line &&
      loc->first_column == lc->err_loc.first_column && loc->src == lc->err_loc.src)
    return 0; /* the lexer already said what is wrong here */
  if (tok == YYSYMBOL_YYEOF && lc->depth > 0) {
    char b = lc->open[lc->depth - 1];
    cn_diag_error(P->diag, &lc->open_loc[lc->depth - 1],
                  "'%c' is never closed", b);
    return 0;
  }
  enum { MAX = 6 };
  yysymbol_kind_t exp[MAX];
  int n = yypcontext_expected_tokens(ctx, exp, MAX);
  char msg[512], b1[64], b2[64];
  int len = snprintf(msg, sizeof msg, "syntax error: unexpected %s",
                     symbol_text(tok, b1, sizeof b1));
  if (n > 0 && n < MAX) {
    for (int i = 0; i < n && len < (int)sizeof msg; i++)
      len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s",
                      i == 0 ? ", expecting " : i == n - 1 ? " or " : ", ",
                      symbol_text(exp[i], b2, sizeof b2));
  }
  cn_diag_error(P->diag, loc, "%s", msg);
  if (lc->depth > 0 && lc->open_loc[lc->depth - 1].first_line < loc->first_line)
    cn_diag_note(P->diag, &lc->open_loc[lc->depth - 1],
                 "'%c' opened here is still open", lc->open[lc->depth - 1]);
  if (tok == YYSYMBOL_IDENT && lc->prev == NUMBER && lc->glued)
    cn_diag_hint(P->diag, "a number runs into letters here: years are "
                          "written in digits (an O typed for a 0?)");
  else if (strcmp(yysymbol_name(tok), "'='") == 0)
    cn_diag_hint(P->diag, "to name a value write 'let NAME = …'; to compare "
                          "write '=='");
  else if (!hint_slip(ctx, lc, tok))
    hint_quote(ctx, lc, tok);
  return 0;
}

static int expects(const yypcontext_t *ctx, yysymbol_kind_t want) {
  yysymbol_kind_t exp[YYNTOKENS];
  int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
  for (int i = 0; i < n; i++)
    if (exp[i] == want)
      return 1;
  return 0;
}

/* The text of the current token's statement up to the token: back to the
 * line's start or the last ';'. */
static size_t stmt_start(const struct cn_lexctx *lc) {
  const char *t = lc->P->src->text;
  size_t a = lc->tok_start;
  while (a > 0 && t[a - 1] != '\n' && t[a - 1] != ';')
    a--;
  while (t[a] == ' ' || t[a] == '\t')
    a++;
  return a;
}

/* Habits from other notations, each with the way cnet writes it: a comment
 * with //, a span as `from 2011`, a tie's span where its layer goes.
 * Returns 1 when it gave a hint. */
static int hint_slip(const yypcontext_t *ctx, struct cn_lexctx *lc,
                     yysymbol_kind_t tok) {
  const char *t = lc->P->src->text, *at = t + lc->tok_start;
  cn_diag *d = lc->P->diag;
  if (strcmp(yysymbol_name(tok), "'/'") == 0 && (at[1] == '/' || at[1] == '*')) {
    cn_diag_hint(d, "comments start with '#' and run to the end of the line");
    return 1;
  }
  int len = (int)(lc->offset - lc->tok_start);
  if (tok == YYSYMBOL_NUMBER && lc->prev == ':' && expects(ctx, YYSYMBOL_STRING)) {
    size_t a = stmt_start(lc);
    const char *s = t + a;
    int n = (int)(lc->tok_start - a); /* s[0..n) ends with the ':' */
    while (n > 0 && s[n - 1] != ':')
      n--;
    int head = n - 1; /* the statement before its ':', as written */
    while (head > 0 && (s[head - 1] == ' ' || s[head - 1] == '\t'))
      head--;
    if (head <= 0 || head > 200)
      return 0;
    if (strncmp(s, "actor", 5) == 0 && (s[5] == ' ' || s[5] == '\t')) {
      cn_diag_hint(d, "':' is followed by the actor's kind, then the span: "
                      "`%.*s : KIND %.*s` (or `%.*s %.*s`)",
                   head, s, len, at, head, s, len, at);
      return 1;
    }
    int tie = 0;
    for (int i = 0; i + 1 < head; i++)
      tie |= (s[i] == '-' && (s[i + 1] == '-' || s[i + 1] == '>')) ||
             (s[i] == '<' && s[i + 1] == '-');
    if (tie) {
      cn_diag_hint(d, "a tie needs its layer before the span: "
                      "`%.*s : LAYER %.*s`", head, s, len, at);
      return 1;
    }
    return 0;
  }
  if (tok == YYSYMBOL_IDENT && expects(ctx, YYSYMBOL_DOTDOT)) {
    /* from 2011 -> 2011.. ; until 2011 -> ..2011 */
    static const char *const since[] = {"from", "since", "after", "starting"};
    static const char *const until[] = {"until", "till", "to", "before"};
    int open_end = -1;
    for (size_t i = 0; i < sizeof since / sizeof since[0]; i++)
      if ((int)strlen(since[i]) == len && strncmp(at, since[i], (size_t)len) == 0)
        open_end = 1;
    for (size_t i = 0; i < sizeof until / sizeof until[0]; i++)
      if ((int)strlen(until[i]) == len && strncmp(at, until[i], (size_t)len) == 0)
        open_end = 0;
    if (open_end < 0)
      return 0;
    const char *y = at + len;
    while (*y == ' ' || *y == '\t')
      y++;
    int ylen = 0;
    while (y[ylen] >= '0' && y[ylen] <= '9')
      ylen++;
    if (ylen == 0) {
      y = "YEAR";
      ylen = 4;
    }
    cn_diag_hint(d, "spans are written %s%.*s%s (also 2010..2015, a single "
                    "year, or `in STAGE`)",
                 open_end ? "" : "..", ylen, y, open_end ? ".." : "");
    return 1;
  }
  return 0;
}

/* A name written bare that is no identifier ends up in pieces: quote it
 * (lexctx.c words the hint). */
static void hint_quote(const yypcontext_t *ctx, struct cn_lexctx *lc,
                       yysymbol_kind_t tok) {
  if (tok == YYSYMBOL_YYEOF || tok == YYSYMBOL_TERM)
    return; /* nothing was written where the name should be */
  size_t a, b, before = lex_word_before(lc, lc->tok_start);
  if (tok == YYSYMBOL_DASHDASH || tok == YYSYMBOL_ARROW ||
      tok == YYSYMBOL_LARROW) { /* C-Donati -- x */
    if (before != (size_t)-1) {
      lex_word_at(lc, before, &a, &b);
      lex_hint_quote(lc, a, b, NULL);
    }
    return;
  }
  lex_word_at(lc, lc->tok_start, &a, &b);
  if (tok == YYSYMBOL_IDENT && lc->last == IDENT && lc->depth == 0 &&
      before != (size_t)-1) { /* A省 常务副省长 */
    size_t a0, b0;
    lex_word_at(lc, before, &a0, &b0);
    lex_hint_quote(lc, a0, b, "if these are two statements, put them on "
                              "separate lines");
    return;
  }
  if (tok == YYSYMBOL_IDENT && lc->prev == IDENT && lc->depth > 0 &&
      before != (size_t)-1) { /* degree(Green Hope) */
    size_t a0, b0;
    lex_word_at(lc, before, &a0, &b0);
    lex_hint_quote(lc, a0, b, "if these are two values, put a ',' between "
                              "them");
    return;
  }
  /* a name where one may stand, or glued to what broke it: actor C-Donati,
   * actor 3M, actor in */
  yysymbol_kind_t exp[YYNTOKENS];
  int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS), name_here = 0;
  for (int i = 0; i < n; i++)
    name_here |= exp[i] == YYSYMBOL_STRING;
  if (name_here || a < lc->tok_start || b > lc->offset)
    lex_hint_quote(lc, a, b, NULL);
}
