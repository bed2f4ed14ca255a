/* fastpar.c — a long run of plain lines read by two threads.
 *
 * Most of the time a large case spends loading goes into scanning its tie
 * lines and looking their names up (a name table of a million actors is
 * far larger than the caches).  Both are pure as long as the name table
 * does not change, so the text ahead is cut into blocks at line breaks,
 * and a second thread and the parser's own thread each take the next block
 * not taken yet: they scan its lines (cn_fl_scan) and look their names up
 * (reading the table only).  The parser's thread alone hands the blocks'
 * statements on, in the order of the text, and interns the names a block
 * did not find — only while no look-up is under way, so the table never
 * changes under a reader.  Everything after the scan is what the serial
 * fast path does, line by line: the same statements, names, locations and
 * on_stmt, so the same messages in the same order.  The run ends at the
 * first line that is not plain (or when on_stmt stops the parse); the
 * blocks read past it are dropped and the scanner goes on from that line,
 * with the second thread idle.  tests/unit/test_fastline.c compares the
 * statements with those of the scanner and parser, blocks small. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "fastline.h"
#include "lexctx.h"
#include "thread.h"

/* Blocks of text in flight at most (scanned ahead of the one handed on),
 * and bytes of text to a block unless the parser says otherwise. */
enum { SLOTS = 4, BLOCK_BYTES = 128 << 10 };

typedef enum block_state { BLOCK_FREE, BLOCK_BUSY, BLOCK_DONE } block_state;

typedef struct block {
  size_t start, end;  /* its text [start, end): whole lines */
  block_state state;
  cn_fl_buf buf;      /* its plain lines, scanned, names looked up */
  int stopped;        /* a line that is not plain follows buf's lines */
  size_t missing;     /* names the table did not have */
} block;

struct cn_fastpar {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t work; /* the second thread waits for a block to take */
  pthread_cond_t done; /* the parser's thread waits for a block scanned,
                          or for the readers to leave the table */
  const cn_names *names;
  const char *text;
  size_t len, block_bytes;
  /* under mu: */
  int active;          /* a run is being read: blocks may be taken */
  int quit;            /* the second thread ends */
  int stop_seen;       /* a block ended at a line that is not plain */
  int readers;         /* threads looking names up */
  int writing;         /* the parser's thread interns: no look-up starts */
  size_t next;         /* where the next block to take starts */
  long taken, emitted; /* blocks numbered in text order: [emitted, taken)
                          are in slot[k % SLOTS], scanned or being scanned */
  block slot[SLOTS];
};

/* Take the next block if one may be taken (under mu): its number, or -1. */
static long take_block(struct cn_fastpar *F) {
  if (!F->active || F->writing || F->stop_seen || F->next >= F->len ||
      F->taken - F->emitted >= SLOTS)
    return -1;
  long k = F->taken++;
  block *b = &F->slot[k % SLOTS];
  b->start = F->next;
  b->end = F->len;
  if (F->len - F->next > F->block_bytes) { /* end after a line break */
    const char *from = F->text + F->next + F->block_bytes;
    const char *nl = memchr(from, '\n', (size_t)(F->text + F->len - from));
    if (nl)
      b->end = (size_t)(nl + 1 - F->text);
  }
  F->next = b->end;
  b->state = BLOCK_BUSY;
  F->readers++;
  return k;
}

/* How many names ahead the look-ups fetch a slot of the table, and (half
 * as far) the record it points to. */
enum { LOOKUP_AHEAD = 32 };

/* Scan block b's lines and look their names up (outside mu). */
static void scan_block(const struct cn_fastpar *F, block *b) {
  cn_fl_buf *buf = &b->buf;
  buf->nlines = buf->nnames = 0;
  b->stopped = 0;
  const char *p = F->text + b->start, *end = F->text + b->end;
  while (p < end) {
    if (!cn_fl_scan(buf, p, 1)) {
      b->stopped = 1;
      break;
    }
    p = buf->lines[buf->nlines - 1].next;
  }
  b->missing = 0;
  cn_fl_name *nm = buf->names;
  for (size_t i = 0; i < buf->nnames; i++) {
    if (i + LOOKUP_AHEAD < buf->nnames)
      cn_intern_prefetch(F->names, nm[i + LOOKUP_AHEAD].hash, 1);
    if (i + LOOKUP_AHEAD / 2 < buf->nnames)
      cn_intern_prefetch(F->names, nm[i + LOOKUP_AHEAD / 2].hash, 2);
    nm[i].name = cn_intern_find_hashed(F->names, nm[i].s, nm[i].len,
                                       nm[i].hash);
    b->missing += !nm[i].name;
  }
}

/* Block k is scanned (under mu). */
static void finish_block(struct cn_fastpar *F, long k) {
  block *b = &F->slot[k % SLOTS];
  b->state = BLOCK_DONE;
  F->readers--;
  if (b->stopped)
    F->stop_seen = 1;
  pthread_cond_broadcast(&F->done);
}

static void *second_thread(void *arg) {
  struct cn_fastpar *F = arg;
  pthread_mutex_lock(&F->mu);
  while (!F->quit) {
    long k = take_block(F);
    if (k < 0) {
      pthread_cond_wait(&F->work, &F->mu);
      continue;
    }
    pthread_mutex_unlock(&F->mu);
    scan_block(F, &F->slot[k % SLOTS]);
    pthread_mutex_lock(&F->mu);
    finish_block(F, k);
  }
  pthread_mutex_unlock(&F->mu);
  return NULL;
}

/* The state and the second thread, or NULL if there cannot be one. */
static struct cn_fastpar *start(struct cn_lexctx *c) {
  struct cn_fastpar *F = cn_xcalloc(1, sizeof *F);
  F->names = c->P->names;
  F->text = c->P->src->text;
  F->len = c->P->src->len;
  F->block_bytes = c->P->parallel_block ? c->P->parallel_block : BLOCK_BYTES;
  pthread_mutex_init(&F->mu, NULL);
  pthread_cond_init(&F->work, NULL);
  pthread_cond_init(&F->done, NULL);
  cn_lex_keyword("actor", 5); /* its table is made on first use: now,
                                 while this is the only thread */
  if (cn_thread_start(&F->thread, second_thread, F) != 0) {
    pthread_cond_destroy(&F->done);
    pthread_cond_destroy(&F->work);
    pthread_mutex_destroy(&F->mu);
    free(F);
    return NULL;
  }
  return F;
}

void lex_fast_parallel_end(struct cn_lexctx *c) {
  struct cn_fastpar *F = c->par;
  if (!F)
    return;
  pthread_mutex_lock(&F->mu);
  F->quit = 1;
  pthread_cond_broadcast(&F->work);
  pthread_mutex_unlock(&F->mu);
  pthread_join(F->thread, NULL);
  for (int i = 0; i < SLOTS; i++)
    cn_fl_buf_free(&F->slot[i].buf);
  pthread_cond_destroy(&F->done);
  pthread_cond_destroy(&F->work);
  pthread_mutex_destroy(&F->mu);
  free(F);
  c->par = NULL;
}

/* Intern the names block b did not find, once no thread looks names up
 * (called without mu). */
static void intern_missing(struct cn_lexctx *c, struct cn_fastpar *F,
                           block *b) {
  pthread_mutex_lock(&F->mu);
  F->writing = 1;
  while (F->readers > 0)
    pthread_cond_wait(&F->done, &F->mu);
  pthread_mutex_unlock(&F->mu);
  for (size_t i = 0; i < b->buf.nlines; i++)
    cn_fl_intern(c->P->names, &b->buf, &b->buf.lines[i]);
  pthread_mutex_lock(&F->mu);
  F->writing = 0;
  pthread_cond_broadcast(&F->work);
  pthread_mutex_unlock(&F->mu);
}

/* Lines ahead whose names' records are fetched while a line is handed on
 * (on_stmt reads each name's slots). */
enum { EMIT_AHEAD = 8 };

/* Hand block b's lines on, in order, until on_stmt stops the parse.
 * Returns 0 if it stopped it (called without mu). */
static int emit_block(struct cn_lexctx *c, struct cn_fastpar *F, block *b) {
  if (b->missing)
    intern_missing(c, F, b);
  const cn_fl_buf *buf = &b->buf;
  for (size_t i = 0; i < buf->nlines; i++) {
    if (c->P->stop)
      return 0;
    if (i + EMIT_AHEAD < buf->nlines) {
      const cn_fl_line *ahead = &buf->lines[i + EMIT_AHEAD];
      for (int j = 0; j < ahead->n; j++)
        __builtin_prefetch(buf->names[ahead->first + (size_t)j].name);
    }
    cn_fl_emit(c, buf, &buf->lines[i]);
    c->P->shared_stmts += buf->lines[i].kind != CN_FL_BLANK;
  }
  lex_new_line(c); /* the text behind handed back */
  return !c->P->stop;
}

/* Is the text left long enough to share, on a machine with a second
 * processor? */
static int worth_sharing(const struct cn_lexctx *c) {
  size_t block_bytes =
      c->P->parallel_block ? c->P->parallel_block : BLOCK_BYTES;
  return c->col == 1 && c->P->src->len - c->offset >= 2 * block_bytes &&
         cn_thread_worth();
}

int lex_fast_parallel(struct cn_lexctx *c) {
  if (!c->par && !(worth_sharing(c) && (c->par = start(c))))
    return 0;
  struct cn_fastpar *F = c->par;
  pthread_mutex_lock(&F->mu);
  F->active = 1;
  F->stop_seen = 0;
  F->next = c->offset;
  F->taken = F->emitted = 0;
  pthread_cond_broadcast(&F->work);
  int taken = 0;
  for (;;) {
    block *b = &F->slot[F->emitted % SLOTS];
    if (F->emitted < F->taken && b->state == BLOCK_DONE) {
      pthread_mutex_unlock(&F->mu);
      taken |= b->buf.nlines > 0;
      int more = emit_block(c, F, b) && !b->stopped;
      pthread_mutex_lock(&F->mu);
      b->state = BLOCK_FREE;
      F->emitted++;
      pthread_cond_broadcast(&F->work);
      if (!more)
        break;
      continue;
    }
    long k = take_block(F);
    if (k >= 0) { /* rather than wait, scan a block too */
      pthread_mutex_unlock(&F->mu);
      scan_block(F, &F->slot[k % SLOTS]);
      pthread_mutex_lock(&F->mu);
      finish_block(F, k);
      continue;
    }
    if (F->emitted == F->taken)
      break; /* the text is all read */
    pthread_cond_wait(&F->done, &F->mu);
  }
  /* the blocks read past the run's end are dropped, once scanned */
  F->active = 0;
  while (F->readers > 0)
    pthread_cond_wait(&F->done, &F->mu);
  for (int i = 0; i < SLOTS; i++)
    F->slot[i].state = BLOCK_FREE;
  pthread_mutex_unlock(&F->mu);
  return taken;
}
