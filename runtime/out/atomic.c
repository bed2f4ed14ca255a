/* atomic.c — files written whole or not at all (atomic.h). */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"

static int refuse_all;

void cn_out_refuse_writes(int on) { refuse_all = on; }

typedef struct entry {
  cn_out_file pub;
  char *path, *temp;
} entry;

struct cn_out {
  entry **items; /* each apart, so that a cn_out_file stays where it is */
  size_t n;
};

static int fail(char *why, size_t nwhy, const char *path, const char *what) {
  snprintf(why, nwhy, "cannot write '%s': %s", path, what);
  return CN_OUT_FAILED;
}

/* ---- the temporary's name ---- */

static uint64_t mix(uint64_t x) { /* splitmix64's finaliser */
  x += 0x9E3779B97F4A7C15u;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
  return x ^ (x >> 31);
}

/* Unpredictable bits: the kernel's random source, mixed with the clock and
 * the process (they alone serve when /dev/urandom cannot be read). */
static uint64_t random_bits(void) {
  static uint64_t counter;
  uint64_t r = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    if (read(fd, &r, sizeof r) != (ssize_t)sizeof r)
      r = 0;
    close(fd);
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  r ^= mix((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
           ((uint64_t)getpid() << 16) ^ ++counter);
  return mix(r);
}

/* The temporary beside path: ".BASE.cnet-XXXXXXXXXX", BASE cut to at most
 * BASE_MAX bytes (at a character boundary), so that the name stays far
 * below NAME_MAX whatever the target's length. */
enum { BASE_MAX = 40, RANDOM_CHARS = 10 };

static char *temp_name(const char *path) {
  static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
  size_t base = strlen(path + dir);
  if (base > BASE_MAX) {
    base = BASE_MAX;
    while (base > 0 && ((unsigned char)path[dir + base] & 0xC0) == 0x80)
      base--;
  }
  size_t cap = dir + base + RANDOM_CHARS + 16;
  char *t = cn_xmalloc(cap);
  int k = snprintf(t, cap, "%.*s.%.*s.cnet-", (int)dir, path, (int)base,
                   path + dir);
  uint64_t r = random_bits();
  for (int i = 0; i < RANDOM_CHARS; i++) {
    t[k++] = digits[r % (sizeof digits - 1)];
    r /= sizeof digits - 1;
    if (r < sizeof digits)
      r = random_bits();
  }
  t[k] = '\0';
  return t;
}

/* ---- the target ---- */

static const char *kind_of(mode_t m) {
  if (S_ISDIR(m))
    return "it is a directory";
  if (S_ISLNK(m))
    return "it is a symbolic link (cnet does not write through links: "
           "name the file it points to)";
  if (S_ISFIFO(m))
    return "it is a FIFO";
  if (S_ISCHR(m) || S_ISBLK(m))
    return "it is a device";
  if (S_ISSOCK(m))
    return "it is a socket";
  return "it is not a regular file";
}

/* Create the temporary for path, with the mode (and owner) the file will
 * have: a replaced file's, else 0666 less the umask (0600 if private). */
static int create_temp(entry *e, int flags, char *why, size_t nwhy) {
  struct stat st;
  int replacing = lstat(e->path, &st) == 0;
  if (!replacing && errno != ENOENT)
    return fail(why, nwhy, e->path, strerror(errno));
  if (replacing && !S_ISREG(st.st_mode))
    return fail(why, nwhy, e->path, kind_of(st.st_mode));
  const char *base = strrchr(e->path, '/');
  if (!*(base ? base + 1 : e->path))
    return fail(why, nwhy, e->path, "it is a directory");
  mode_t mode = replacing ? 0600 : flags & CN_OUT_PRIVATE ? 0600 : 0666;
  int fd = -1;
  for (int tries = 0; fd < 0 && tries < 100; tries++) {
    free(e->temp);
    e->temp = temp_name(e->path);
    fd = open(e->temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              mode);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  if (fd < 0) {
    int err = errno;
    free(e->temp);
    e->temp = NULL;
    return fail(why, nwhy, e->path, strerror(err));
  }
  if (replacing) {
    if (st.st_uid != geteuid() || st.st_gid != getegid())
      (void)!fchown(fd, st.st_uid, st.st_gid); /* where the system allows */
    (void)fchmod(fd, st.st_mode & 07777);
  }
  if (!(e->pub.f = fdopen(fd, "wb"))) {
    int err = errno;
    close(fd);
    unlink(e->temp);
    free(e->temp);
    e->temp = NULL;
    return fail(why, nwhy, e->path, strerror(err));
  }
  e->pub.temp = e->temp;
  return 0;
}

/* ---- sets of files ---- */

cn_out *cn_out_new(void) {
  cn_out *o = cn_xmalloc(sizeof *o);
  o->items = NULL;
  o->n = 0;
  return o;
}

const cn_out_file *cn_out_add(cn_out *o, const char *path, int flags,
                              int *rc, char *why, size_t nwhy) {
  if (refuse_all && !(flags & CN_OUT_PRIVATE)) {
    snprintf(why, nwhy, "--no-write refuses every file write: not writing '%s'",
             path);
    *rc = CN_OUT_REFUSED;
    return NULL;
  }
  entry *e = cn_xcalloc(1, sizeof *e);
  e->path = cn_xstrdup(path);
  if ((*rc = create_temp(e, flags, why, nwhy)) != 0) {
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
    if (e->temp)
      unlink(e->temp);
    free(e->temp);
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

/* The directory's entry reaches the disk too (best effort). */
static void sync_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = cn_xmalloc(strlen(path) + 2);
  if (!slash)
    strcpy(dir, ".");
  else if (slash == path)
    strcpy(dir, "/");
  else
    snprintf(dir, strlen(path) + 2, "%.*s", (int)(slash - path), path);
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
  free(dir);
}

int cn_out_commit(cn_out *o, char *why, size_t nwhy) {
  int rc = 0;
  for (size_t i = 0; i < o->n; i++)
    if (finish(o->items[i], why, nwhy) != 0 && rc == 0)
      rc = CN_OUT_FAILED;
  /* all complete: now they take their names, the first added last */
  for (size_t i = o->n; rc == 0 && i-- > 0;) {
    entry *e = o->items[i];
    if (rename(e->temp, e->path) != 0) {
      rc = fail(why, nwhy, e->path, strerror(errno));
      break;
    }
    free(e->temp);
    e->temp = NULL;
    sync_dir(e->path);
  }
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
