/* progress_line.c — a progress line on a terminal's standard error for long
 * work (base/progress.h): "betweenness(): 45% (4,500 of 10,000)" or
 * "reading big.cnet: 45% (120 of 265 MB)",
 * drawn at most ten times a second once the work has taken a second,
 * cleared when it ends.  Nothing when standard error is no terminal. */
#include "progress_line.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static double after = 1.0;   /* seconds before the line appears */
static double started, drawn; /* when the work began, the line was drawn */
static const char *running;  /* the work being shown */
static int on_show;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void show(const char *what, cn_progress_unit unit, int64_t done,
                 int64_t total) {
  if (done < 0) {
    if (on_show)
      fputs("\r\033[K", stderr);
    on_show = 0;
    running = NULL;
    return;
  }
  double t = now();
  if (!running || what != running) {
    running = what ? what : "";
    started = t;
    drawn = 0;
  }
  if (t - started < after || t - drawn < 0.1 || total <= 0)
    return;
  drawn = t;
  int pct = (int)(100.0 * (double)done / (double)total);
  pct = pct > 100 ? 100 : pct;
  if (unit == CN_PROGRESS_BYTES) /* reading a file: in megabytes */
    fprintf(stderr, "\rreading %s: %d%% (%lld of %lld MB)\033[K", running,
            pct, (long long)(done >> 20), (long long)((total + (1 << 20) - 1) >> 20));
  else
    fprintf(stderr, "\r%s%s %d%% (%lld of %lld)\033[K",
            *running ? running : "working", *running ? "():" : ":", pct,
            (long long)done, (long long)total);
  fflush(stderr);
  on_show = 1;
}

void cn_cli_progress_init(int quiet) {
  if (quiet || !isatty(STDERR_FILENO))
    return;
  const char *a = getenv("CNET_PROGRESS_AFTER");
  if (a && *a)
    after = atof(a);
  cn_progress_hook = show;
}
