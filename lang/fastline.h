/* fastline.h — a plain line as fastline.c reads it, in two steps: scanned
 * (a pure function of the text: its shape, names, columns and years) and
 * then built into the statement the parser would make, once its names are
 * interned.  The serial fast path does both a line at a time; fastpar.c
 * scans and looks up blocks of lines on two threads and builds in order.
 * Internal to lang/. */
#ifndef CN_FASTLINE_H
#define CN_FASTLINE_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"

struct cn_lexctx;

/* A name of a scanned line: bytes, hash (cn_intern's) and columns. */
typedef struct cn_fl_name {
  const char *s;
  uint32_t len, hash;
  int col, cols;  /* first column and width in columns */
  cn_name *name;  /* NULL until looked up or interned */
} cn_fl_name;

typedef enum cn_fl_kind {
  CN_FL_BLANK, /* only space and perhaps a comment: no statement */
  CN_FL_TIE,   /* names: lhs, rhs[, layer] */
  CN_FL_ACTOR  /* names: every actor of the list */
} cn_fl_kind;

typedef struct cn_fl_line {
  cn_fl_kind kind;
  const char *next;    /* the start of the next line */
  size_t first;        /* index of its first name in the buffer */
  int n;               /* its names */
  int col, last_col;   /* the statement's columns (first, one past last) */
  cn_tie_op op;        /* a tie's */
  int op_col;
  int has_layer;       /* the tie's last name is its layer */
  cn_ast_span span;    /* a tie's span; its location's columns only */
} cn_fl_line;

/* Scanned lines and their names, in order. */
typedef struct cn_fl_buf {
  cn_fl_line *lines;
  size_t nlines, lines_cap;
  cn_fl_name *names;
  size_t nnames, names_cap;
} cn_fl_buf;

void cn_fl_buf_free(cn_fl_buf *b);
/// Scan the line at p (p at column col, in a NUL-terminated text) and add
/// it to b; 0 (b unchanged) when it is not certainly a plain line.
int cn_fl_scan(cn_fl_buf *b, const char *p, int col);
/// Intern the names of line l that have no name yet.
void cn_fl_intern(cn_names *t, cn_fl_buf *b, const cn_fl_line *l);
/// Hand line l (its names interned) on as the statement it is, at c->line,
/// and move c past it.
void cn_fl_emit(struct cn_lexctx *c, const cn_fl_buf *b, const cn_fl_line *l);

/// fastpar.c: read the plain lines from c->offset (a line start) on with a
/// second thread, as many as are plain, each handed on in order; returns 1
/// when it took any.  0 without taking any when the text left is short or
/// the machine has one processor: the caller goes on serially.
int lex_fast_parallel(struct cn_lexctx *c);
/// Stop and join the second thread, if one was started for this parse.
void lex_fast_parallel_end(struct cn_lexctx *c);

#endif
