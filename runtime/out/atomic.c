/* atomic.c — files written whole or not at all (atomic.h). */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "source.h"
#include "temps.h"
#include "where.h"

static int refuse_all;

void cn_out_refuse_writes(int on) { refuse_all = on; }

int cn_out_writes_refused(void) { return refuse_all; }

typedef struct entry {
  cn_out_file pub;
  char *path;   /* as the script named it, for messages */
  char *target; /* the file written: path resolved by where.c */
  char *temp;
} entry;

struct cn_out {
  entry **items; /* each apart, so that a cn_out_file stays where it is */
  size_t n;
};

static int fail(char *why, size_t nwhy, const char *path, const char *what) {
  snprintf(why, nwhy, "cannot write '%s': %s", path, what);
  return CN_OUT_FAILED;
}

/* ---- the target ---- */

static const char *kind_of(mode_t m) {
  if (S_ISLNK(m))
    return "it is a symbolic link (cnet does not write through links: "
           "name the file it points to)";
  return cn_file_kind(m);
}

/* Create the temporary for path, with the mode (and owner) the file will
 * have: a replaced file's, else 0666 less the umask (0600 if private). */
static int create_temp(entry *e, int flags, char *why, size_t nwhy) {
  struct stat st;
  int replacing = lstat(e->target, &st) == 0;
  if (!replacing && errno != ENOENT)
    return fail(why, nwhy, e->path, strerror(errno));
  if (replacing && !S_ISREG(st.st_mode))
    return fail(why, nwhy, e->path, kind_of(st.st_mode));
  const char *base = strrchr(e->target, '/');
  if (!*(base ? base + 1 : e->target))
    return fail(why, nwhy, e->path, "it is a directory");
  mode_t mode = replacing ? 0600 : flags & CN_OUT_PRIVATE ? 0600 : 0666;
  int fd = cn_temp_create(e->target, mode, &e->temp);
  if (fd < 0)
    return fail(why, nwhy, e->path, strerror(errno));
  if (replacing) {
    if (st.st_uid != geteuid() || st.st_gid != getegid())
      (void)!fchown(fd, st.st_uid, st.st_gid); /* where the system allows */
    (void)fchmod(fd, st.st_mode & 07777);
  }
  if (!(e->pub.f = fdopen(fd, "wb"))) {
    int err = errno;
    close(fd);
    unlink(e->temp);
    cn_temp_forget(e->temp);
    free(e->temp);
    e->temp = NULL;
    return fail(why, nwhy, e->path, strerror(err));
  }
  e->pub.temp = e->temp;
  return 0;
}

/* ---- sets of files ---- */

const char *cn_out_refusal_hint(int rc) {
  return rc == CN_OUT_OUTSIDE  ? CN_WHERE_WRITE_HINT
         : rc == CN_OUT_HIDDEN ? CN_WHERE_HIDDEN_HINT
                               : NULL;
}

cn_out *cn_out_new(void) {
  cn_out *o = cn_xmalloc(sizeof *o);
  o->items = NULL;
  o->n = 0;
  return o;
}

const cn_out_file *cn_out_add(cn_out *o, const char *path, int flags,
                              int *rc, char *why, size_t nwhy) {
  if (refuse_all) {
    snprintf(why, nwhy, "--no-write refuses every file write: not writing '%s'",
             path);
    *rc = CN_OUT_REFUSED;
    return NULL;
  }
  char *target = NULL;
  if (!(flags & CN_OUT_PRIVATE)) {
    int w = cn_where_may_write(path, &target, why, nwhy);
    if (w != 0) {
      *rc = w == -1 ? CN_OUT_OUTSIDE : w == -3 ? CN_OUT_HIDDEN : CN_OUT_FAILED;
      return NULL;
    }
  }
  entry *e = cn_xcalloc(1, sizeof *e);
  e->path = cn_xstrdup(path);
  e->target = target ? target : cn_xstrdup(path);
  if ((*rc = create_temp(e, flags, why, nwhy)) != 0) {
    free(e->target);
    free(e->path);
    free(e);
    return NULL;
  }
  o->items = cn_xrealloc(o->items, sizeof *o->items * (o->n + 1));
  o->items[o->n++] = e;
  return &e->pub;
}

static void free_set(cn_out *o) {
  for (size_t i = 0; i < o->n; i++) {
    entry *e = o->items[i];
    if (e->pub.f)
      fclose(e->pub.f);
    if (e->temp) {
      unlink(e->temp);
      cn_temp_forget(e->temp);
    }
    free(e->temp);
    free(e->target);
    free(e->path);
    free(e);
  }
  free(o->items);
  free(o);
}

void cn_out_abort(cn_out *o) { free_set(o); }

/* Everything written reaches the disk; the stream is closed either way. */
static int finish(entry *e, char *why, size_t nwhy) {
  FILE *f = e->pub.f;
  e->pub.f = NULL;
  errno = 0;
  int err = fflush(f) != 0 || ferror(f) ? (errno ? errno : EIO) : 0;
  /* a file system that cannot sync (a pipe, a read-only mount) is no error */
  if (!err && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
    err = errno;
  if (fclose(f) != 0 && !err)
    err = errno ? errno : EIO;
  return err ? fail(why, nwhy, e->path, strerror(err)) : 0;
}


/* The directory of path, opened (-1 if it cannot be). */
static int open_dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = cn_xmalloc(strlen(path) + 2);
  if (!slash)
    strcpy(dir, ".");
  else if (slash == path)
    strcpy(dir, "/");
  else
    snprintf(dir, strlen(path) + 2, "%.*s", (int)(slash - path), path);
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  free(dir);
  return fd;
}

/* The directory's entry reaches the disk too (best effort). */
static void sync_dir(const char *path) {
  int fd = open_dir_of(path);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
}

int cn_out_commit(cn_out *o, char *why, size_t nwhy) {
  int rc = 0;
  for (size_t i = 0; i < o->n; i++)
    if (finish(o->items[i], why, nwhy) != 0 && rc == 0)
      rc = CN_OUT_FAILED;
  /* Two processes committing the same set at once must not interleave
   * their renames (ties from one, actors from the other): the renames of
   * a set of several files hold an exclusive lock on the directory of its
   * first file, which other cnet processes take for theirs.  A lock on the
   * directory itself leaves no lock file behind. */
  int lock = -1;
  if (rc == 0 && o->n > 1 && (lock = open_dir_of(o->items[0]->target)) >= 0)
    while (flock(lock, LOCK_EX) != 0 && errno == EINTR)
      ;
  /* all complete: now they take their names, the first added last */
  for (size_t i = o->n; rc == 0 && i-- > 0;) {
    entry *e = o->items[i];
    if (rename(e->temp, e->target) != 0) {
      rc = fail(why, nwhy, e->path, strerror(errno));
      break;
    }
    cn_temp_forget(e->temp);
    free(e->temp);
    e->temp = NULL;
    sync_dir(e->target);
  }
  if (lock >= 0)
    close(lock); /* releases the lock */
  free_set(o);
  return rc;
}

int cn_out_write(const char *path, const void *data, size_t len, int flags,
                 char *why, size_t nwhy) {
  cn_out *o = cn_out_new();
  int rc;
  const cn_out_file *f = cn_out_add(o, path, flags, &rc, why, nwhy);
  if (!f) {
    cn_out_abort(o);
    return rc;
  }
  fwrite(data, 1, len, f->f); /* an error shows in cn_out_commit's ferror */
  return cn_out_commit(o, why, nwhy);
}
