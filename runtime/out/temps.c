/* temps.c — temporaries of atomic writes: names, signals, leftovers
 * (temps.h). */
#define _XOPEN_SOURCE 700 /* kill */
#include "temps.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"

/* ---- the name ---- */

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

/* The temporary beside a target is ".BASE.cnet-PID-XXXXXXXXXX", BASE the
 * target's name cut to at most BASE_MAX bytes (at a character boundary),
 * so that the name stays far below NAME_MAX whatever the target's length. */
enum { BASE_MAX = 40, RANDOM_CHARS = 10 };
static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";

/* The prefix every temporary of target has: "DIR/.BASE.cnet-"; *dir is
 * the length of "DIR/". */
static char *prefix_of(const char *target, size_t *dir) {
  const char *slash = strrchr(target, '/');
  *dir = slash ? (size_t)(slash - target) + 1 : 0;
  size_t base = strlen(target + *dir);
  if (base > BASE_MAX) {
    base = BASE_MAX;
    while (base > 0 && ((unsigned char)target[*dir + base] & 0xC0) == 0x80)
      base--;
  }
  size_t cap = *dir + base + 8;
  char *p = cn_xmalloc(cap);
  snprintf(p, cap, "%.*s.%.*s.cnet-", (int)*dir, target, (int)base,
           target + *dir);
  return p;
}

static char *temp_name(const char *prefix) {
  size_t cap = strlen(prefix) + 24 + RANDOM_CHARS;
  char *t = cn_xmalloc(cap);
  int k = snprintf(t, cap, "%s%ld-", prefix, (long)getpid());
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

/* ---- leftovers of a kill -9 ---- */

/* The process that made temporary name (after the prefix: "PID-RANDOM"),
 * or 0 when the name is no temporary of ours. */
static long maker_of(const char *rest) {
  char *end;
  errno = 0;
  long pid = strtol(rest, &end, 10);
  if (errno || pid <= 0 || end == rest || *end != '-' ||
      strspn(end + 1, digits) != RANDOM_CHARS || end[1 + RANDOM_CHARS])
    return 0;
  return pid;
}

/* Remove the temporaries of target left by processes that are gone (a
 * kill -9 or a power cut mid-write).  A process of another user that is
 * alive answers kill(pid, 0) with EPERM: its file stays. */
static void remove_leftovers(const char *prefix, size_t dir) {
  char *d = dir ? cn_xstrdup(prefix) : cn_xstrdup(".");
  if (dir)
    d[dir > 1 ? dir - 1 : 1] = '\0'; /* "DIR" ("/" for the root) */
  const char *name = prefix + dir;
  size_t nlen = strlen(name);
  DIR *dp = opendir(d);
  for (struct dirent *e; dp && (e = readdir(dp));) {
    if (strncmp(e->d_name, name, nlen) != 0)
      continue;
    long pid = maker_of(e->d_name + nlen);
    if (pid == 0 || pid == (long)getpid() ||
        kill((pid_t)pid, 0) == 0 || errno != ESRCH)
      continue;
    size_t n = dir + strlen(e->d_name) + 1;
    char *path = cn_xmalloc(n);
    snprintf(path, n, "%.*s%s", (int)dir, prefix, e->d_name);
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
      unlink(path);
    free(path);
  }
  if (dp)
    closedir(dp);
  free(d);
}

/* ---- signals ---- */

/* The temporaries being written, for the signal handler: a slot is set
 * only to a complete name and cleared before the name is freed.  Past
 * SLOTS at once (a figure of hundreds of stages) the rest are unwatched;
 * the next write of their target removes them. */
enum { SLOTS = 256 };
static char *volatile slots[SLOTS];
static const int watched[] = {SIGINT, SIGTERM, SIGHUP};

static void on_signal(int sig) {
  for (int i = 0; i < SLOTS; i++) {
    char *t = slots[i];
    if (t)
      unlink(t); /* async-signal-safe */
  }
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  raise(sig); /* the process ends as the signal would have ended it */
}

/* Watch the signals that would end the process: those still at their
 * default (a REPL's own SIGINT handler, or SIGHUP ignored under nohup,
 * stay as they are). */
static void watch_signals(void) {
  struct sigaction ours, cur;
  memset(&ours, 0, sizeof ours);
  ours.sa_handler = on_signal;
  sigemptyset(&ours.sa_mask);
  for (size_t i = 0; i < sizeof watched / sizeof *watched; i++)
    sigaddset(&ours.sa_mask, watched[i]);
  for (size_t i = 0; i < sizeof watched / sizeof *watched; i++)
    if (sigaction(watched[i], NULL, &cur) == 0 &&
        !(cur.sa_flags & SA_SIGINFO) && cur.sa_handler == SIG_DFL)
      sigaction(watched[i], &ours, NULL);
}

static void remember(char *name) {
  for (int i = 0; i < SLOTS; i++)
    if (!slots[i]) {
      slots[i] = name;
      return;
    }
}

void cn_temp_forget(const char *name) {
  for (int i = 0; i < SLOTS; i++)
    if (slots[i] == name)
      slots[i] = NULL;
}

/* ---- creation ---- */

int cn_temp_create(const char *target, mode_t mode, char **name) {
  size_t dir;
  char *prefix = prefix_of(target, &dir);
  remove_leftovers(prefix, dir);
  watch_signals();
  /* the watched signals wait while the file is made and remembered: one
   * landing between the two would leave it behind */
  sigset_t hold, old;
  sigemptyset(&hold);
  for (size_t i = 0; i < sizeof watched / sizeof *watched; i++)
    sigaddset(&hold, watched[i]);
  pthread_sigmask(SIG_BLOCK, &hold, &old);
  int fd = -1;
  *name = NULL;
  for (int tries = 0; fd < 0 && tries < 100; tries++) {
    free(*name);
    *name = temp_name(prefix);
    fd = open(*name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              mode);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  int err = errno;
  free(prefix);
  if (fd >= 0)
    remember(*name);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (fd < 0) {
    free(*name);
    *name = NULL;
    errno = err;
    return -1;
  }
  return fd;
}
