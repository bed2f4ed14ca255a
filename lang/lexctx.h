/* lexctx.h — the scanner's state and the C side of lexer.l's actions
 * (included only by lexer.l, lexctx.c and parser.y). */
#ifndef CN_LEXCTX_H
#define CN_LEXCTX_H

#include <stddef.h>
#include <stdint.h>

#include "fastline.h"
#include "lang.h"
#include "parser.h"

/* How many lines ahead the names' table slots are fetched (their records
 * half as far), and how many names of a line at most. */
enum { CN_PF_AHEAD = 8, CN_PF_NAMES = 6 };

struct cn_lexctx {
  cn_parser *P;
  const char *in;    /* the text not yet handed to flex (YY_INPUT) */
  size_t in_left;
  size_t offset;     /* byte offset in the text of the next token */
  size_t tok_start;  /* byte offset of the current token */
  int line, col;     /* position of the next character */
  /* names of the lines ahead, hashed ahead of time: see lex_prefetch */
  int pf_line;             /* the line the ring is ready for */
  const char *pf_next;     /* the first line not hashed yet */
  int pf_n[CN_PF_AHEAD];   /* names kept of each line, by line % AHEAD */
  uint32_t pf_hash[CN_PF_AHEAD][CN_PF_NAMES];
  int depth;         /* open brackets */
  char open[CN_MAX_NESTING];
  cn_loc open_loc[CN_MAX_NESTING];
  int last;          /* last token returned, 0 at the start */
  int prev;          /* the token before it */
  size_t last_end;   /* byte offset just after the last token */
  int glued;         /* the last token touches the one before (no space) */
  int keep;          /* bytes of an identifier match to keep (yyless) */
  int eof_term;      /* a final TERM was sent at end of input */
  int fast;          /* offer each statement to lex_fast_lines first */
  cn_fl_buf fl;      /* the plain line being read (fastline.c) */
  struct cn_fastpar *par; /* the second thread's state, once started */
  int too_deep;      /* nesting limit hit: the rest of the input is skipped */
  size_t watch_at;   /* offset of the next look at a long read (lex_watch) */
  CN_LTYPE err_loc;  /* last lexical error: a syntax error there is not
                        reported twice */
};

struct cn_lexctx *cn_yyget_extra(void *scanner);
void lex_locate(struct cn_lexctx *c, CN_LTYPE *loc, const char *text, size_t n);
int lex_tok(struct cn_lexctx *c, int tok);
int lex_newline_ends(struct cn_lexctx *c);
/// At the start of each line (c->offset): names ahead prefetched, the
/// text well behind handed back (cn_src_release), and every CN_READ_STEP
/// bytes a look at the long read (lex_watch).
void lex_new_line(struct cn_lexctx *c);
/// How far the reading is (progress), and whether it must stop: Ctrl-C, or
/// the file cut short under its mapping; then the reason is reported once,
/// the parse ends and says nothing more (its statements from here on are
/// dropped), and no more text goes to flex.  Returns 1 when stopped.
int lex_watch(struct cn_lexctx *c);
int lex_number(struct cn_lexctx *c, const char *text, CN_STYPE *val,
               CN_LTYPE *loc);
int lex_string(struct cn_lexctx *c, const char *body, size_t n, CN_STYPE *val,
               CN_LTYPE *loc);
int lex_curly_string(struct cn_lexctx *c, const char *text, size_t n,
                     CN_STYPE *val, CN_LTYPE *loc);
int lex_ident(struct cn_lexctx *c, const char *text, size_t n, CN_STYPE *val,
              CN_LTYPE *loc);
int lex_open(struct cn_lexctx *c, char ch, CN_LTYPE *loc);
int lex_close(struct cn_lexctx *c, char ch, CN_LTYPE *loc);
int lex_stray(struct cn_lexctx *c, unsigned char ch, CN_LTYPE *loc);
int lex_eof(struct cn_lexctx *c, CN_LTYPE *loc);
/// Read the plain tie and actor lines at c->offset without the scanner
/// (fastline.c), each statement handed on as the parser would; returns 1
/// when it took any line (c's position is then after them).
int lex_fast_lines(struct cn_lexctx *c);
/// Hand a parsed statement to P->on_stmt and keep or drop its memory
/// (parser.y; the fast lines go the same way).
void cn_parse_emit(cn_parser *P, cn_ast *stmt);
/// Is the parser's token `tok` one of cn_keywords?
int lex_is_keyword(int tok);
/// The word around byte `at` of the text, [*a, *b): what lies between
/// spaces and the punctuation that separates names (, ; : ( ) [ ] { } = ").
void lex_word_at(const struct cn_lexctx *c, size_t at, size_t *a, size_t *b);
/// A byte of the word that ends just before `at` (spaces between skipped),
/// or (size_t)-1 if none does.
size_t lex_word_before(const struct cn_lexctx *c, size_t at);
/// If text[a..b) is a name that cannot be written bare, hint how to quote
/// it (and the other reading `alt`, if given) and return 1.
int lex_hint_quote(struct cn_lexctx *c, size_t a, size_t b,
                   const char *alt);
void lex_error(struct cn_lexctx *c, const CN_LTYPE *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void lex_hint(struct cn_lexctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
