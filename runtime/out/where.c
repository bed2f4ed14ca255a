/* where.c — where a script may write and read files (where.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "where.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"

typedef struct roots {
  char **dir; /* real paths, without a trailing '/' but for "/" itself */
  size_t n;
} roots;

static roots writes, reads;
static int writes_confined, reads_confined;

static void add_root(roots *r, const char *real) {
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->dir[i], real) == 0)
      return;
  r->dir = cn_xrealloc(r->dir, sizeof *r->dir * (r->n + 1));
  r->dir[r->n++] = cn_xstrdup(real);
}

void cn_where_confine_writes(void) {
  char *cwd = realpath(".", NULL); /* NULL when it was removed */
  if (cwd)
    add_root(&writes, cwd);
  free(cwd);
  writes_confined = 1;
}

int cn_where_allow_write(const char *dir, char *why, size_t nwhy) {
  char *real = realpath(dir, NULL);
  struct stat st;
  if (!real || stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
    snprintf(why, nwhy, "--allow-write=%s: %s", dir,
             real ? "not a directory" : strerror(errno));
    free(real);
    return -1;
  }
  add_root(&writes, real);
  free(real);
  return 0;
}

/* The real path of the directory path names a file in ("." for a bare
 * name), or NULL with errno set. */
static char *real_dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return realpath(".", NULL);
  if (slash == path)
    return realpath("/", NULL);
  char *dir = cn_xmalloc((size_t)(slash - path) + 1);
  memcpy(dir, path, (size_t)(slash - path));
  dir[slash - path] = '\0';
  char *real = realpath(dir, NULL);
  int err = errno;
  free(dir);
  errno = err;
  return real;
}

void cn_where_add_script(const char *path) {
  if (strcmp(path, "-") == 0)
    return;
  char *dir = real_dir_of(path);
  if (!dir)
    return;
  add_root(&writes, dir);
  add_root(&reads, dir);
  free(dir);
}

void cn_where_sandbox(void) {
  if (reads.n == 0) { /* a script from standard input: the working dir */
    char *cwd = realpath(".", NULL);
    if (cwd)
      add_root(&reads, cwd);
    free(cwd);
  }
  reads_confined = 1;
}

/* Is real (a resolved path) under root, with no hidden component below
 * it?  1 yes, 0 not under it, -1 under it but hidden. */
static int under(const char *real, const char *root) {
  size_t n = strlen(root);
  if (strcmp(root, "/") == 0)
    n = 0;
  else if (strncmp(real, root, n) != 0 || real[n] != '/')
    return 0;
  for (const char *p = real + n; *p; p++)
    if (p[0] == '/' && p[1] == '.')
      return -1;
  return 1;
}

/* 0 when real is under one of r's roots; else -1 and *hidden tells why. */
static int inside(const roots *r, const char *real, int *hidden) {
  *hidden = 0;
  for (size_t i = 0; i < r->n; i++) {
    int u = under(real, r->dir[i]);
    if (u > 0)
      return 0;
    if (u < 0)
      *hidden = 1;
  }
  return -1;
}

/* dir + "/" + base, without a doubled '/' under the root directory. */
static char *join(const char *dir, const char *base) {
  size_t n = strlen(dir) + strlen(base) + 2;
  char *p = cn_xmalloc(n);
  snprintf(p, n, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, base);
  return p;
}

int cn_where_may_write(const char *path, char **target, char *why,
                       size_t nwhy) {
  *target = NULL;
  if (!writes_confined)
    return 0;
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
    return 0; /* no file's name: atomic.c refuses the directory */
  char *dir = real_dir_of(path);
  if (!dir) {
    int len = (int)(base - path - 1); /* the folder part, without its '/' */
    if (errno == ENOENT)
      snprintf(why, nwhy, "cannot write '%s': the folder '%.*s' does not "
               "exist (cnet makes no folders)", path, len, path);
    else if (errno == ENOTDIR)
      snprintf(why, nwhy, "cannot write '%s': '%.*s' is not a folder", path,
               len, path);
    else
      snprintf(why, nwhy, "cannot write '%s': %s", path, strerror(errno));
    return -2;
  }
  char *real = join(dir, base);
  free(dir);
  int hidden;
  if (inside(&writes, real, &hidden) != 0) {
    snprintf(why, nwhy, "not writing '%s': %s", path,
             hidden || base[0] == '.'
                 ? "it is a hidden file or in a hidden folder"
                 : "it is outside the working directory and the script's "
                   "folder");
    free(real);
    return hidden || base[0] == '.' ? -3 : -1;
  }
  *target = real;
  return 0;
}

int cn_where_may_read(const char *path, char *why, size_t nwhy) {
  if (!reads_confined)
    return 0;
  /* an existing file by its real path (a link is followed to where it
   * leads); a missing one by its directory's, for the same message */
  char *real = realpath(path, NULL);
  if (!real) {
    const char *slash = strrchr(path, '/');
    char *dir = real_dir_of(path);
    if (dir)
      real = join(dir, slash ? slash + 1 : path);
    free(dir);
  }
  int hidden = 0;
  if (real && inside(&reads, real, &hidden) == 0) {
    free(real);
    return 0;
  }
  free(real);
  snprintf(why, nwhy, "--sandbox: not reading '%s': %s", path,
           hidden ? "it is a hidden file or in a hidden folder"
                  : "it is outside the script's folder");
  return -1;
}
