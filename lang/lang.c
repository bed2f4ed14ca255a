/* lang.c — run the scanner and parser over one source. */
#include "lang.h"

#include <string.h>

#include "lexctx.h"
#include "parser.h"
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
  P->incomplete = 0;
  cn_parse(scanner, P);
  cn_yylex_destroy(scanner);
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
