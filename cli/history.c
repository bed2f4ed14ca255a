/* history.c — the REPL's history file (history.h). */
#define _DEFAULT_SOURCE /* realpath, flock */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "atomic.h"

/* libedit's first line, and its escapes: what would end or split a line
 * (and the backslash itself) as \ooo, which its read_history() decodes. */
static const char MAGIC[] = "_HiStOrY_V2_\n";

static int mkdir_p(char *dir) {
  for (char *p = dir + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      int bad = mkdir(dir, 0700) != 0 && errno != EEXIST;
      *p = '/';
      if (bad)
        return -1;
    }
  return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

char *cn_history_path(void) {
  const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  char dir[4096];
  if (xdg && xdg[0] == '/') /* the XDG spec: relative paths are ignored */
    snprintf(dir, sizeof dir, "%s/cnet", xdg);
  else if (home && home[0])
    snprintf(dir, sizeof dir, "%s/.local/share/cnet", home);
  else
    return NULL;
  if (!cn_out_writes_refused() && mkdir_p(dir) != 0)
    return NULL;
  size_t n = strlen(dir) + sizeof "/history";
  char *path = cn_xmalloc(n);
  snprintf(path, n, "%s/history", dir);
  return path;
}

static void put_encoded(FILE *f, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p <= ' ' || *p == 0x7F || *p == '\\')
      fprintf(f, "\\%03o", *p);
    else
      fputc(*p, f);
  fputc('\n', f);
}

/* The history file opened for appending and locked, the lock held on the
 * file that has the name now (one cut back and renamed meanwhile is left
 * for the new one); -1 when it cannot be. */
static int open_locked(const char *path) {
  for (int tries = 0; tries < 10; tries++) {
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
      return -1;
    struct stat held, named;
    if (flock(fd, LOCK_EX) == 0 && fstat(fd, &held) == 0 &&
        stat(path, &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev)
      return fd;
    close(fd);
  }
  return -1;
}

/* With the lock held: when the file holds more than 2 * keep entries,
 * replace it (atomic.h) by its last keep. */
static void cut_back(int fd, const char *path, int keep) {
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size <= 0)
    return;
  size_t len = (size_t)st.st_size;
  char *text = cn_xmalloc(len + 1);
  ssize_t got = pread(fd, text, len, 0);
  if (got < 0 || (size_t)got != len) {
    free(text);
    return;
  }
  text[len] = '\0';
  size_t lines = 0;
  for (size_t i = 0; i < len; i++)
    lines += text[i] == '\n';
  size_t entries = lines - (strncmp(text, MAGIC, sizeof MAGIC - 1) == 0);
  if (entries <= 2 * (size_t)keep) {
    free(text);
    return;
  }
  /* the start of the keep-th line from the end */
  size_t skip = lines - (size_t)keep, from = 0;
  for (size_t i = 0; i < len && skip > 0; i++)
    if (text[i] == '\n' && --skip == 0)
      from = i + 1;
  char why[512];
  cn_out *o = cn_out_new();
  int rc;
  const cn_out_file *f = cn_out_add(o, path, CN_OUT_PRIVATE, &rc, why,
                                    sizeof why);
  if (f) {
    fputs(MAGIC, f->f);
    fwrite(text + from, 1, len - from, f->f);
    (void)cn_out_commit(o, why, sizeof why);
  } else {
    cn_out_abort(o);
  }
  free(text);
}

void cn_history_append(const char *path, const char *entry, int keep) {
  if (cn_out_writes_refused())
    return;
  /* a link to the file is followed: the history is cnet's own file */
  char *real = realpath(path, NULL);
  const char *name = real ? real : path;
  int fd = open_locked(name);
  if (fd < 0) {
    free(real);
    return;
  }
  FILE *f = fdopen(fd, "a");
  if (!f) {
    close(fd);
    free(real);
    return;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size == 0)
    fputs(MAGIC, f);
  put_encoded(f, entry);
  fflush(f);
  cut_back(fd, name, keep);
  fclose(f); /* and the lock with it */
  free(real);
}
