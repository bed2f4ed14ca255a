/* lang.c — run the scanner and parser over one source, or the scanner
 * alone over a text (cn_lex_tokens). */
#include "lang.h"

#include <string.h>

#include "lexctx.h"
#include "parser.h"
#include "progress.h"
/* flex's header needs the bison types above */
#include "lexer.h"

/* Called by bison for what parse.error custom does not report itself:
 * parser stack exhaustion. */
void cn_error(CN_LTYPE *loc, void *scanner, cn_parser *P, const char *msg) {
  (void)scanner;
  P->syntax_errors++;
  if (P->quiet)
    return;
  if (strstr(msg, "exhausted"))
    cn_diag_error(P->diag, loc, "expression nested too deeply");
  else
    cn_diag_error(P->diag, loc, "%s", msg);
}

int cn_parse_source(cn_parser *P) {
  struct cn_lexctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.P = P;
  ctx.line = 1;
  ctx.col = 1;
  yyscan_t scanner;
  if (cn_yylex_init_extra(&ctx, &scanner) != 0) {
    cn_diag_plain_error(P->diag, "cannot start the scanner");
    return ++P->syntax_errors;
  }
  ctx.in = P->src->text;
  ctx.in_left = P->src->len;
  ctx.fast = !P->slow;
  P->incomplete = 0;
  cn_parse(scanner, P);
  lex_fast_parallel_end(&ctx);
  cn_fl_buf_free(&ctx.fl);
  cn_yylex_destroy(scanner);
  if (P->src->len >= CN_READ_STEP)
    cn_progress_end(); /* a long read may have shown how far it was */
  if (ctx.too_deep)
    P->incomplete = 0;
  cn_arena_reset(P->scratch);
  return P->syntax_errors;
}

int cn_parse_text(const cn_source *src, cn_names *names, cn_diag *diag,
                  cn_arena *keep, int (*on_stmt)(cn_parser *, cn_ast *),
                  void *ud) {
  cn_arena scratch;
  cn_arena_init(&scratch);
  cn_parser P;
  memset(&P, 0, sizeof P);
  P.src = src;
  P.names = names;
  P.diag = diag;
  P.scratch = &scratch;
  P.keep = keep;
  P.on_stmt = on_stmt;
  P.ud = ud;
  int errors = cn_parse_source(&P);
  cn_arena_free(&scratch);
  return errors;
}

/* The kind of a parser token, for cn_lex_tokens. */
static cn_token_kind token_kind(int tok) {
  switch (tok) {
  case IDENT: return CN_TOK_NAME;
  case NUMBER: return CN_TOK_NUMBER;
  case STRING: return CN_TOK_STRING;
  case TERM: return CN_TOK_END;
  case CN_error: return CN_TOK_ERROR;
  default: return lex_is_keyword(tok) ? CN_TOK_KEYWORD : CN_TOK_PUNCT;
  }
}

size_t cn_lex_tokens(const char *text, size_t len,
                     void (*each)(const cn_token *tok, void *ud), void *ud) {
  cn_names names; /* the scanner interns every name it reads */
  cn_intern_init(&names);
  cn_source src;
  memset(&src, 0, sizeof src);
  src.name = "<tokens>";
  src.text = (char *)text; /* read only: the scanner never writes it */
  src.len = len;
  cn_diag quiet;
  cn_diag_init(&quiet, stderr); /* P.quiet: nothing reaches it */
  cn_parser P;
  memset(&P, 0, sizeof P);
  P.src = &src;
  P.names = &names;
  P.diag = &quiet;
  P.quiet = 1;
  struct cn_lexctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.P = &P;
  ctx.line = 1;
  ctx.col = 1;
  ctx.in = text;
  ctx.in_left = len;
  yyscan_t scanner;
  size_t count = 0;
  if (cn_yylex_init_extra(&ctx, &scanner) != 0) {
    cn_intern_free(&names);
    return 0;
  }
  for (;;) {
    CN_STYPE val;
    CN_LTYPE loc;
    int tok = cn_lex(&val, &loc, scanner);
    if (tok == CN_EOF || (tok == TERM && ctx.eof_term))
      break;
    cn_token t;
    t.kind = token_kind(tok);
    t.start = ctx.tok_start;
    t.end = ctx.last_end;
    t.depth = ctx.depth;
    each(&t, ud);
    count++;
  }
  cn_yylex_destroy(scanner);
  cn_intern_free(&names);
  return count;
}
