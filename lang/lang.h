/* lang.h — the front end's public entry: parse a source into statements.
 *
 * Parsing streams: each top-level statement is handed to on_stmt as soon as
 * it is parsed, its nodes allocated in `scratch`.  If on_stmt returns 1 the
 * statement's memory is moved into `keep` (the caller holds on to the AST);
 * if it returns 0 the scratch arena is reset.  This keeps a script of a
 * million ties from holding a million tie nodes: the case model copies what
 * it needs from each. */
#ifndef CN_LANG_H
#define CN_LANG_H

#include "ast.h"
#include "diag.h"

/* Maximum bracket nesting in a script: deeper input is an error, not a
 * stack overflow. */
#define CN_MAX_NESTING 200

typedef struct cn_parser {
  const cn_source *src;
  cn_names *names;
  cn_diag *diag;
  cn_arena *scratch;  /* nodes of the statement being parsed */
  cn_arena *keep;     /* receives the statements on_stmt keeps */
  int (*on_stmt)(struct cn_parser *P, cn_ast *stmt);
  void *ud;           /* for on_stmt */
  /* results */
  int syntax_errors;  /* lexical and syntax errors reported */
  int incomplete;     /* the text ended inside a statement (REPL: read more) */
  int stop;           /* set by on_stmt to end the parse early */
  long fast_stmts;    /* statements read by the fast lines (fastline.c) */
  long shared_stmts;  /* of which read by two threads (fastpar.c) */
  int quiet;          /* report nothing (REPL completeness probe) */
  long parallel_after;   /* plain lines of a run read one at a time before
                            a second thread may help with the rest (0:
                            fastline.c's default); tests make it small */
  size_t parallel_block; /* bytes of text taken at a time by each thread
                            (0: fastpar.c's default) */
  int slow;           /* every statement through the scanner and parser,
                         none through the fast lines (tests compare them) */
} cn_parser;

/* The keywords of the language: the one list of them. */
typedef struct cn_keyword {
  const char *word;
  int anywhere; /* reserved everywhere (in, true, and …), not only where a
                   statement starts (actor, let, case …) */
  int tok;      /* the parser's token (meaningful inside lang/ only) */
} cn_keyword;
/// Every keyword, ended by an entry whose word is NULL.
extern const cn_keyword cn_keywords[];

/// Is s[0..n) a keyword?  2: reserved everywhere (in, true, and …); 1: only
/// where a statement starts (actor, let, case …); 0: a plain word.
int cn_lex_keyword(const char *s, size_t n);

/* A token as the scanner reads it (for tools such as REPL completion). */
typedef enum cn_token_kind {
  CN_TOK_NAME,    /* an identifier */
  CN_TOK_KEYWORD,
  CN_TOK_NUMBER,
  CN_TOK_STRING,
  CN_TOK_END,     /* the end of a statement: ';' or a line break that ends it */
  CN_TOK_PUNCT,   /* brackets, operators, ',' '=' ':' … (text[start..end)) */
  CN_TOK_ERROR    /* what the scanner rejects */
} cn_token_kind;

typedef struct cn_token {
  cn_token_kind kind;
  size_t start, end; /* byte offsets in the text */
  int depth;         /* brackets open after this token */
} cn_token;

/// Run the scanner over text[0..len), quietly, handing each token to `each`
/// (with ud); the final statement end the scanner adds at the end of the
/// text is not handed on.  Returns the number of tokens.
size_t cn_lex_tokens(const char *text, size_t len,
                     void (*each)(const cn_token *tok, void *ud), void *ud);

/// Parse P->src from start to end.  Returns the number of syntax errors.
int cn_parse_source(cn_parser *P);
/// The usual set-up around cn_parse_source: a scratch arena of its own,
/// statements handed to on_stmt (with P->ud = ud), kept ones moved into
/// `keep`.  Returns the number of syntax errors.
int cn_parse_text(const cn_source *src, cn_names *names, cn_diag *diag,
                  cn_arena *keep, int (*on_stmt)(cn_parser *, cn_ast *),
                  void *ud);

#endif
