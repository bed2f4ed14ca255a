/* diag.c — diagnostic printer (GNU form, source echo, CJK-aware caret). */
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "shown.h"
#include "utf8.h"

void cn_diag_init(cn_diag *d, FILE *out) {
  memset(d, 0, sizeof *d);
  d->out = out;
  d->max_errors = CN_DIAG_MAX_ERRORS;
}

int cn_diag_full(const cn_diag *d) { return d->suppressed; }

/* Columns of context shown around the spot on a long line. */
enum { CONTEXT_BEFORE = 60, CONTEXT_AFTER = 80, LONG_LINE = 160 };

/* The command-line words a location in a made-up text stands for, or NULL
 * when the source is text the user wrote. */
static const char *typed_words(const cn_loc *loc) {
  if (!loc || !loc->src || !loc->src->norigins)
    return NULL;
  const cn_source *s = loc->src;
  for (size_t i = 0; i < s->norigins; i++)
    if (loc->first_column >= s->origins[i].first_column &&
        loc->first_column < s->origins[i].last_column)
      return s->origins[i].typed;
  return s->origins[s->norigins - 1].typed;
}

static void print_source_line(cn_diag *d, const cn_loc *loc) {
  if (!loc || !loc->src || loc->first_line < 1 || loc->src->quiet ||
      loc->src->norigins)
    return;
  size_t len;
  const char *line = cn_src_line(loc->src, loc->first_line, &len);
  /* On a long line show a window: up to CONTEXT_BEFORE code points before
   * the spot and CONTEXT_AFTER after it, marked with "…". */
  size_t i = 0, from = 0, to = len;
  int col = 1, skipped = 0;
  if (cn_utf8_count(line, len) > LONG_LINE) {
    while (from < len && col < loc->first_column - CONTEXT_BEFORE) {
      from++;
      while (from < len && ((unsigned char)line[from] & 0xC0) == 0x80)
        from++;
      col++;
    }
    skipped = from > 0;
    to = from;
    for (int k = 0; to < len && k < CONTEXT_BEFORE + CONTEXT_AFTER; k++) {
      to++;
      while (to < len && ((unsigned char)line[to] & 0xC0) == 0x80)
        to++;
    }
  }
  /* the gutter is five columns, wider for a line number that needs more */
  int gutter = fprintf(d->out, "%5d", loc->first_line + loc->src->line_base);
  fprintf(d->out, " | %s", skipped ? "\xE2\x80\xA6" : "");
  cn_shown_put(d->out, line + from, to - from, 0);
  fprintf(d->out, "%s\n%*s | %s", to < len ? "\xE2\x80\xA6" : "",
          gutter > 0 ? gutter : 5, "", skipped ? " " : "");
  /* caret: copy tabs, pad every other character by its shown width */
  i = from;
  while (i < to && col < loc->first_column) {
    int w;
    size_t adv = cn_shown_char(line + i, to - i, &w);
    if (w < 0)
      fputc('\t', d->out);
    else
      for (int k = 0; k < w; k++)
        fputc(' ', d->out);
    i += adv;
    col++;
  }
  int last = loc->last_line == loc->first_line ? loc->last_column
                                                : INT32_MAX;
  int width = 0;
  while (i < to && col < last) {
    int w;
    size_t adv = cn_shown_char(line + i, to - i, &w);
    width += w < 0 ? 1 : w;
    i += adv;
    col++;
  }
  fputc('^', d->out);
  for (int k = 1; k < width; k++)
    fputc('~', d->out);
  fputc('\n', d->out);
}

static void report(cn_diag *d, const char *what, const cn_loc *loc,
                   const char *fmt, va_list ap) {
  char small[512];
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  char *msg = small;
  if (n >= (int)sizeof small) {
    msg = cn_xmalloc((size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
  }
  va_end(ap2);
  const char *typed = typed_words(loc);
  if (typed) {
    fputs("cnet: ", d->out);
    cn_shown_put(d->out, typed, strlen(typed), 0);
    fprintf(d->out, ": %s: ", what);
  } else if (loc && loc->src)
    fprintf(d->out, "%s:%d:%d: %s: ", loc->src->name,
            loc->first_line + loc->src->line_base, loc->first_column, what);
  else
    fprintf(d->out, "cnet: %s: ", what);
  cn_shown_put(d->out, msg, strlen(msg), 0);
  fputc('\n', d->out);
  if (msg != small)
    free(msg);
  print_source_line(d, loc);
}

void cn_diag_verror(cn_diag *d, const cn_loc *loc, const char *fmt,
                    va_list ap) {
  d->errors++;
  d->relocated = 0;
  if (loc && loc->src && loc->src->library && d->user_call) {
    d->inside = *loc; /* the caller may add it as a note */
    d->relocated = 1;
    loc = d->user_call;
  }
  if (d->suppressed) {
    d->show_hints = 0;
    return;
  }
  if (d->errors > d->max_errors) {
    fprintf(d->out, "cnet: too many errors (%d), stopping\n", d->max_errors);
    d->suppressed = 1;
    d->show_hints = 0;
    return;
  }
  report(d, "error", loc, fmt, ap);
  d->show_hints = 1;
}

void cn_diag_error(cn_diag *d, const cn_loc *loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cn_diag_verror(d, loc, fmt, ap);
  va_end(ap);
}

void cn_diag_warning(cn_diag *d, const cn_loc *loc, const char *fmt, ...) {
  d->warnings++;
  if (d->suppressed) {
    d->show_hints = 0;
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  report(d, "warning", loc, fmt, ap);
  va_end(ap);
  d->show_hints = 1;
}

void cn_diag_note(cn_diag *d, const cn_loc *loc, const char *fmt, ...) {
  if (!d->show_hints)
    return;
  va_list ap;
  va_start(ap, fmt);
  report(d, "note", loc, fmt, ap);
  va_end(ap);
}

void cn_diag_hint(cn_diag *d, const char *fmt, ...) {
  if (!d->show_hints)
    return;
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  fputs("hint: ", d->out);
  cn_shown_put(d->out, buf, strlen(buf), 0);
  fputc('\n', d->out);
}

void cn_diag_plain_error(cn_diag *d, const char *fmt, ...) {
  d->errors++;
  va_list ap;
  va_start(ap, fmt);
  report(d, "error", NULL, fmt, ap);
  va_end(ap);
  d->show_hints = 1;
}
