/* fastline.c — the plain lines of a large case, read without flex and
 * bison: a tie `a -- b : 交易 1990..2005` and an actor list `actor a, b, c`.
 *
 * A case of ten million ties is ten million such lines; the general scanner
 * and parser spend most of a load on them (a token at a time, locations,
 * bison's lookahead correction).  At the start of a statement the scanner
 * first offers the text here (cn_lex in lexer.l).  A line is taken only
 * when it is certainly one of these shapes, written in plain identifiers
 * and whole-number years, on one line; it then becomes exactly the
 * statement the parser would have made — the same nodes, names and
 * locations — and goes to the same on_stmt, so that everything after
 * (resolving names, errors about unknown actors, spans that never meet)
 * is the one code path.  Anything else — quoted names, attribute blocks,
 * `;`, a line that goes on, a keyword, a name that is not in NFC, anything
 * odd — is left, untouched, to the scanner and parser, which report its
 * errors as ever.  tests/unit/test_lex.c parses random lines both ways and
 * compares the statements. */
#include <math.h>
#include <string.h>

#include "lexctx.h"
#include "utf8.h"

/* A position on the line being read: the byte and its column. */
typedef struct cursor {
  const char *p;
  int col;
} cursor;

static void skip_space(cursor *at) {
  while (*at->p == ' ' || *at->p == '\t' || *at->p == '\r') {
    at->p++;
    at->col++;
  }
}

static int ascii_letter(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
}

static int digit(unsigned char b) { return b >= '0' && b <= '9'; }

/* A code point at p that the scanner keeps in an identifier as it is (an
 * identifier character, and NFC whatever stands around it); its length in
 * bytes, or 0. */
static size_t plain_ident_char(const char *p, int first) {
  int32_t cp;
  size_t k = cn_utf8_decode(p, 4, &cp); /* the text ends in a NUL: safe */
  return k && cn_utf8_ident_ok(cp, first) && cn_utf8_nfc_inert(cp) ? k : 0;
}

/* A bare name at the cursor: an identifier that is no keyword (none at all
 * where a statement starts).  Interned into *id with its location; 0 when
 * the text there is not such a name. */
static int read_name(struct cn_lexctx *c, cursor *at, int stmt_start,
                     cn_ident *id) {
  const char *p = at->p;
  int cols = 0;
  for (;;) {
    unsigned char b = (unsigned char)*p;
    if (ascii_letter(b) || (digit(b) && p > at->p)) {
      p++;
    } else if (b >= 0x80) {
      size_t k = plain_ident_char(p, p == at->p);
      if (!k)
        return 0; /* the scanner splits here, or normalises: not plain */
      p += k;
    } else {
      break;
    }
    cols++;
  }
  size_t n = (size_t)(p - at->p);
  if (n == 0)
    return 0;
  int kw = cn_lex_keyword(at->p, n);
  if (kw == 2 || (kw == 1 && stmt_start))
    return 0;
  id->name = cn_intern(c->P->names, at->p, n);
  id->loc.src = c->P->src;
  id->loc.first_line = id->loc.last_line = c->line;
  id->loc.first_column = at->col;
  id->loc.last_column = at->col + cols;
  at->p = p;
  at->col += cols;
  return 1;
}

/* A whole number of at most 15 digits (exact in a double, as the scanner
 * reads it) that runs into nothing: no fraction, exponent or letters. */
static int read_year(cursor *at, double *x, cn_loc *loc) {
  const char *p = at->p;
  long long v = 0;
  while (digit((unsigned char)*p) && p - at->p < 16)
    v = v * 10 + (*p++ - '0');
  size_t n = (size_t)(p - at->p);
  unsigned char next = (unsigned char)*p;
  if (n == 0 || n > 15 || digit(next) || ascii_letter(next) || next >= 0x80 ||
      (next == '.' && p[1] != '.'))
    return 0;
  *x = (double)v;
  loc->first_column = at->col;
  loc->last_column = at->col + (int)n;
  at->p = p;
  at->col += (int)n;
  return 1;
}

/* `..` not followed by a third dot. */
static int read_dotdot(cursor *at) {
  if (at->p[0] != '.' || at->p[1] != '.' || at->p[2] == '.')
    return 0;
  at->p += 2;
  at->col += 2;
  return 1;
}

/* A span of years: 1990..2005, 1990.., ..2005 or 1990 (the parser's
 * range_span, located from its first token to its last). */
static int read_span(struct cn_lexctx *c, cursor *at, cn_ast_span *s) {
  memset(s, 0, sizeof *s);
  s->kind = CN_SPAN_RANGE;
  s->loc.src = c->P->src;
  s->loc.first_line = s->loc.last_line = c->line;
  cn_loc tok = s->loc;
  if (digit((unsigned char)*at->p)) {
    if (!read_year(at, &s->from, &tok))
      return 0;
    s->loc.first_column = tok.first_column;
    s->loc.last_column = tok.last_column;
    s->to = s->from;
    cursor after = *at;
    skip_space(&after);
    if (!read_dotdot(&after))
      return 1; /* 1997 */
    s->to = INFINITY;
    s->loc.last_column = after.col;
    *at = after;
    cursor more = *at;
    skip_space(&more);
    if (digit((unsigned char)*more.p)) {
      if (!read_year(&more, &s->to, &tok))
        return 0;
      s->loc.last_column = tok.last_column;
      *at = more;
    }
    return 1;
  }
  s->loc.first_column = at->col;
  if (!read_dotdot(at))
    return 0;
  skip_space(at);
  s->from = -INFINITY;
  if (!read_year(at, &s->to, &tok))
    return 0;
  s->loc.last_column = tok.last_column;
  return 1;
}

/* The end of a plain line: space, perhaps a comment, then the line break.
 * Returns the byte after the break, or NULL. */
static const char *line_end(cursor *at) {
  skip_space(at);
  const char *p = at->p;
  if (*p == '#')
    p = strchr(p, '\n'); /* the text holds no NUL before its end */
  return p && *p == '\n' ? p + 1 : NULL;
}

static cn_idents one_name(cn_arena *A, const cn_ident *id) {
  cn_idents l;
  memset(&l, 0, sizeof l);
  cn_ast_push_ident(A, &l, *id);
  l.loc = id->loc;
  return l;
}

/* `a -- b`, `a -> b`, `a <- b`, then perhaps `: layer`, then perhaps a
 * span, on one line.  The statement, or NULL; *next is the line after. */
static cn_ast *tie_line(struct cn_lexctx *c, cursor at, const char **next) {
  cn_ident lhs, rhs, layer;
  memset(&layer, 0, sizeof layer);
  if (!read_name(c, &at, 1, &lhs))
    return NULL;
  skip_space(&at);
  cn_tie_op op;
  if (at.p[0] == '-' && at.p[1] == '-')
    op = CN_TIE_UNDIRECTED;
  else if (at.p[0] == '-' && at.p[1] == '>')
    op = CN_TIE_RIGHT;
  else if (at.p[0] == '<' && at.p[1] == '-')
    op = CN_TIE_LEFT;
  else
    return NULL;
  cn_loc op_loc = lhs.loc;
  op_loc.first_column = at.col;
  op_loc.last_column = at.col + 2;
  at.p += 2;
  at.col += 2;
  skip_space(&at);
  if (!read_name(c, &at, 0, &rhs))
    return NULL;
  cn_loc last = rhs.loc;
  skip_space(&at);
  if (*at.p == ':') {
    at.p++;
    at.col++;
    skip_space(&at);
    if (!read_name(c, &at, 0, &layer))
      return NULL;
    last = layer.loc;
    skip_space(&at);
  }
  cn_ast_span span;
  memset(&span, 0, sizeof span);
  if (digit((unsigned char)*at.p) || *at.p == '.') {
    if (!read_span(c, &at, &span))
      return NULL;
    last = span.loc;
  }
  if (!(*next = line_end(&at)))
    return NULL;
  cn_arena *A = c->P->scratch;
  cn_loc loc = lhs.loc;
  loc.last_column = last.last_column;
  cn_ast *s = cn_ast_new(A, CN_AST_TIE, loc);
  s->u.tie.lhs = one_name(A, &lhs);
  s->u.tie.op = op;
  s->u.tie.op_loc = op_loc;
  s->u.tie.rhs = one_name(A, &rhs);
  s->u.tie.layer = layer;
  s->u.tie.span = span;
  return s;
}

/* `actor a, b, c` on one line: names only, no kind, span or block. */
static cn_ast *actor_line(struct cn_lexctx *c, cursor at, const char **next) {
  if (strncmp(at.p, "actor", 5) != 0 || (at.p[5] != ' ' && at.p[5] != '\t'))
    return NULL;
  cn_loc loc;
  memset(&loc, 0, sizeof loc);
  loc.src = c->P->src;
  loc.first_line = loc.last_line = c->line;
  loc.first_column = at.col;
  at.p += 5;
  at.col += 5;
  cn_arena *A = c->P->scratch;
  cn_idents ids;
  memset(&ids, 0, sizeof ids);
  for (;;) {
    skip_space(&at);
    cn_ident id;
    if (!read_name(c, &at, 0, &id))
      return NULL;
    cn_ast_push_ident(A, &ids, id);
    skip_space(&at);
    if (*at.p != ',')
      break;
    at.p++;
    at.col++;
  }
  if (!(*next = line_end(&at)))
    return NULL;
  ids.loc = ids.items[0].loc;
  ids.loc.last_column = ids.items[ids.n - 1].loc.last_column;
  loc.last_column = ids.loc.last_column;
  cn_ast *s = cn_ast_new(A, CN_AST_ACTOR, loc);
  s->u.actor.ids = ids;
  return s;
}

int lex_fast_lines(struct cn_lexctx *c) {
  const char *text = c->P->src->text;
  int taken = 0;
  while (!c->P->stop && c->offset < c->P->src->len) {
    cursor at = {text + c->offset, c->col};
    skip_space(&at);
    const char *next = NULL;
    cn_ast *s = NULL;
    if (*at.p == '#' || *at.p == '\n') {
      if (!(next = line_end(&at)))
        break; /* a comment on the last line, without a line break */
    } else if (!(s = actor_line(c, at, &next)) &&
               !(s = tie_line(c, at, &next))) {
      cn_arena_reset(c->P->scratch); /* names interned stay: harmless */
      break;
    }
    c->offset = (size_t)(next - text);
    c->line++;
    c->col = 1;
    if (s) {
      c->prev = s->kind == CN_AST_ACTOR || !s->u.tie.span.kind ? IDENT
                : isinf(s->u.tie.span.to)                      ? DOTDOT
                                                               : NUMBER;
      c->last = TERM;
      c->last_end = c->offset;
      c->P->fast_stmts++;
      cn_parse_emit(c->P, s);
    }
    lex_new_line(c);
    taken = 1;
  }
  return taken;
}
