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
 * errors as ever.  Each line is scanned first (cn_fl_scan, pure) and its
 * statement built once its names are interned (cn_fl_emit): fastpar.c
 * scans long runs on two threads.  tests/unit/test_fastline.c parses
 * random lines both ways and compares the statements. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fastline.h"
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
 * where a statement starts), hashed as it is read, added to b's names; 0
 * when the text there is not such a name. */
static int read_name(cn_fl_buf *b, cursor *at, int stmt_start) {
  const char *p = at->p;
  uint32_t h = CN_INTERN_HASH0;
  int cols = 0;
  for (;;) {
    unsigned char ch = (unsigned char)*p;
    if (ascii_letter(ch) || (digit(ch) && p > at->p)) {
      h = cn_intern_hash_step(h, ch);
      p++;
    } else if (ch >= 0x80) {
      size_t k = plain_ident_char(p, p == at->p);
      if (!k)
        return 0; /* the scanner splits here, or normalises: not plain */
      for (size_t i = 0; i < k; i++)
        h = cn_intern_hash_step(h, (unsigned char)p[i]);
      p += k;
    } else {
      break;
    }
    cols++;
  }
  size_t n = (size_t)(p - at->p);
  if (n == 0 || n > UINT32_MAX)
    return 0;
  int kw = cn_lex_keyword(at->p, n);
  if (kw == 2 || (kw == 1 && stmt_start))
    return 0;
  b->names = cn_xgrow(b->names, &b->names_cap, b->nnames + 1, sizeof *b->names);
  cn_fl_name *nm = &b->names[b->nnames++];
  nm->s = at->p;
  nm->len = (uint32_t)n;
  nm->hash = h;
  nm->col = at->col;
  nm->cols = cols;
  nm->name = NULL;
  at->p = p;
  at->col += cols;
  return 1;
}

/* A whole number of at most 15 digits (exact in a double, as the scanner
 * reads it) that runs into nothing: no fraction, exponent or letters.
 * *first and *last get its columns. */
static int read_year(cursor *at, double *x, int *first, int *last) {
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
  *first = at->col;
  *last = at->col + (int)n;
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
 * range_span, located from its first token to its last: columns only, the
 * line and source are set when the statement is built). */
static int read_span(cursor *at, cn_ast_span *s) {
  memset(s, 0, sizeof *s);
  s->kind = CN_SPAN_RANGE;
  int first, last;
  if (digit((unsigned char)*at->p)) {
    if (!read_year(at, &s->from, &first, &last))
      return 0;
    s->loc.first_column = first;
    s->loc.last_column = last;
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
      if (!read_year(&more, &s->to, &first, &last))
        return 0;
      s->loc.last_column = last;
      *at = more;
    }
    return 1;
  }
  s->loc.first_column = at->col;
  if (!read_dotdot(at))
    return 0;
  skip_space(at);
  s->from = -INFINITY;
  if (!read_year(at, &s->to, &first, &last))
    return 0;
  s->loc.last_column = last;
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

/* `a -- b`, `a -> b`, `a <- b`, then perhaps `: layer`, then perhaps a
 * span, on one line, into l. */
static int tie_line(cn_fl_buf *b, cursor at, cn_fl_line *l) {
  l->kind = CN_FL_TIE;
  l->col = at.col;
  if (!read_name(b, &at, 1))
    return 0;
  skip_space(&at);
  if (at.p[0] == '-' && at.p[1] == '-')
    l->op = CN_TIE_UNDIRECTED;
  else if (at.p[0] == '-' && at.p[1] == '>')
    l->op = CN_TIE_RIGHT;
  else if (at.p[0] == '<' && at.p[1] == '-')
    l->op = CN_TIE_LEFT;
  else
    return 0;
  l->op_col = at.col;
  at.p += 2;
  at.col += 2;
  skip_space(&at);
  if (!read_name(b, &at, 0))
    return 0;
  l->last_col = at.col;
  skip_space(&at);
  if (*at.p == ':') {
    at.p++;
    at.col++;
    skip_space(&at);
    if (!read_name(b, &at, 0))
      return 0;
    l->has_layer = 1;
    l->last_col = at.col;
    skip_space(&at);
  }
  if (digit((unsigned char)*at.p) || *at.p == '.') {
    if (!read_span(&at, &l->span))
      return 0;
    l->last_col = l->span.loc.last_column;
  }
  return (l->next = line_end(&at)) != NULL;
}

/* `actor a, b, c` on one line: names only, no kind, span or block. */
static int actor_line(cn_fl_buf *b, cursor at, cn_fl_line *l) {
  const char *w = at.p; /* byte by byte: the text may end in any of them */
  if (w[0] != 'a' || w[1] != 'c' || w[2] != 't' || w[3] != 'o' ||
      w[4] != 'r' || (w[5] != ' ' && w[5] != '\t'))
    return 0;
  l->kind = CN_FL_ACTOR;
  l->col = at.col;
  at.p += 5;
  at.col += 5;
  for (;;) {
    skip_space(&at);
    if (!read_name(b, &at, 0))
      return 0;
    l->last_col = at.col;
    skip_space(&at);
    if (*at.p != ',')
      break;
    at.p++;
    at.col++;
  }
  return (l->next = line_end(&at)) != NULL;
}

void cn_fl_buf_free(cn_fl_buf *b) {
  free(b->lines);
  free(b->names);
  memset(b, 0, sizeof *b);
}

int cn_fl_scan(cn_fl_buf *b, const char *p, int col) {
  cursor at = {p, col};
  skip_space(&at);
  cn_fl_line l;
  memset(&l, 0, sizeof l);
  l.first = b->nnames;
  int ok;
  if (*at.p == '#' || *at.p == '\n') {
    l.kind = CN_FL_BLANK;
    ok = (l.next = line_end(&at)) != NULL; /* not a comment on the last
                                              line, without a line break */
  } else {
    ok = actor_line(b, at, &l);
    if (!ok) {
      b->nnames = l.first;
      memset(&l, 0, sizeof l);
      l.first = b->nnames;
      ok = tie_line(b, at, &l);
    }
  }
  if (!ok) {
    b->nnames = l.first;
    return 0;
  }
  l.n = (int)(b->nnames - l.first);
  b->lines = cn_xgrow(b->lines, &b->lines_cap, b->nlines + 1, sizeof *b->lines);
  b->lines[b->nlines++] = l;
  return 1;
}

void cn_fl_intern(cn_names *t, cn_fl_buf *b, const cn_fl_line *l) {
  for (int i = 0; i < l->n; i++) {
    cn_fl_name *nm = &b->names[l->first + (size_t)i];
    if (!nm->name)
      nm->name = cn_intern_hashed(t, nm->s, nm->len, nm->hash);
  }
}

/* ---- the statements ---- */

static cn_ident ident_of(const struct cn_lexctx *c, const cn_fl_name *nm) {
  cn_ident id;
  memset(&id, 0, sizeof id);
  id.name = nm->name;
  id.loc.src = c->P->src;
  id.loc.first_line = id.loc.last_line = c->line;
  id.loc.first_column = nm->col;
  id.loc.last_column = nm->col + nm->cols;
  return id;
}

static cn_idents one_name(cn_arena *A, const cn_ident *id) {
  cn_idents l;
  memset(&l, 0, sizeof l);
  cn_ast_push_ident(A, &l, *id);
  l.loc = id->loc;
  return l;
}

static cn_ast *build(const struct cn_lexctx *c, const cn_fl_buf *b,
                     const cn_fl_line *l) {
  cn_arena *A = c->P->scratch;
  const cn_fl_name *names = b->names + l->first;
  cn_loc loc;
  memset(&loc, 0, sizeof loc);
  loc.src = c->P->src;
  loc.first_line = loc.last_line = c->line;
  loc.first_column = l->col;
  loc.last_column = l->last_col;
  if (l->kind == CN_FL_ACTOR) {
    cn_idents ids;
    memset(&ids, 0, sizeof ids);
    for (int i = 0; i < l->n; i++)
      cn_ast_push_ident(A, &ids, ident_of(c, &names[i]));
    ids.loc = ids.items[0].loc;
    ids.loc.last_column = ids.items[ids.n - 1].loc.last_column;
    cn_ast *s = cn_ast_new(A, CN_AST_ACTOR, loc);
    s->u.actor.ids = ids;
    return s;
  }
  cn_ident lhs = ident_of(c, &names[0]), rhs = ident_of(c, &names[1]);
  cn_ast *s = cn_ast_new(A, CN_AST_TIE, loc);
  s->u.tie.lhs = one_name(A, &lhs);
  s->u.tie.op = l->op;
  s->u.tie.op_loc = loc;
  s->u.tie.op_loc.first_column = l->op_col;
  s->u.tie.op_loc.last_column = l->op_col + 2;
  s->u.tie.rhs = one_name(A, &rhs);
  if (l->has_layer)
    s->u.tie.layer = ident_of(c, &names[2]);
  s->u.tie.span = l->span;
  if (l->span.kind) {
    s->u.tie.span.loc.src = c->P->src;
    s->u.tie.span.loc.first_line = s->u.tie.span.loc.last_line = c->line;
  }
  return s;
}

void cn_fl_emit(struct cn_lexctx *c, const cn_fl_buf *b, const cn_fl_line *l) {
  cn_ast *s = l->kind == CN_FL_BLANK ? NULL : build(c, b, l);
  c->offset = (size_t)(l->next - c->P->src->text);
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
}

/* Lines taken one at a time before the rest of a run of plain lines is
 * left to lex_fast_parallel: a short run is not worth a thread's time. */
enum { SERIAL_LINES = 4096 };

int lex_fast_lines(struct cn_lexctx *c) {
  const char *text = c->P->src->text;
  cn_fl_buf *b = &c->fl;
  long serial = c->P->parallel_after ? c->P->parallel_after : SERIAL_LINES;
  int taken = 0;
  for (long run = 0; !c->P->stop && c->offset < c->P->src->len; run++) {
    if (run == serial && lex_fast_parallel(c))
      return 1;
    b->nlines = b->nnames = 0;
    if (!cn_fl_scan(b, text + c->offset, c->col))
      break;
    cn_fl_intern(c->P->names, b, &b->lines[0]);
    cn_fl_emit(c, b, &b->lines[0]);
    lex_new_line(c);
    taken = 1;
  }
  return taken;
}
