/* source.c — load script text, check its encoding, index its lines. */
#define _DEFAULT_SOURCE /* madvise, MAP_ANONYMOUS */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "progress.h"
#include "thread.h"
#include "utf8.h"

/* the f_type of the kernel's pseudo file systems (statfs(2)) */
#define PROC_FS_MAGIC 0x9fa0
#define SYS_FS_MAGIC 0x62656572

/* The line index is built on the first diagnostic that needs it: a script
 * without errors never pays for it. */
static void index_lines(cn_source *s) {
  if (s->lines)
    return;
  size_t cap = 0;
  s->nlines = 0;
  s->lines = cn_xgrow(NULL, &cap, 1, sizeof *s->lines);
  s->lines[s->nlines++] = 0;
  for (size_t i = 0; i < s->len; i++)
    if (s->text[i] == '\n') {
      s->lines = cn_xgrow(s->lines, &cap, s->nlines + 1, sizeof *s->lines);
      s->lines[s->nlines++] = i + 1;
    }
  if (s->map) { /* the whole text was read: give it back */
    s->released = 0;
    cn_src_release(s, s->len);
  }
}

/* Files at least this large are mapped rather than read. */
#define MAP_MIN ((size_t)8 << 20)
/* Pages are handed back in steps of this much. */
#define RELEASE_STEP ((size_t)1 << 20)

void cn_src_release(const cn_source *cs, size_t upto) {
  cn_source *s = (cn_source *)cs; /* the mapping is not the text's value */
  if (!s->map)
    return;
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t at = (size_t)(s->text - (char *)s->map) + (upto < s->len ? upto : s->len);
  at -= at % page;
  if (at < s->released + RELEASE_STEP && upto < s->len)
    return;
  if (at > s->released)
    madvise((char *)s->map + s->released, at - s->released, MADV_DONTNEED);
  s->released = at > s->released ? at : s->released;
}

/* The location of byte offset `off`, for encoding errors found before
 * lexing. */
static cn_loc loc_of_offset(cn_source *s, size_t off) {
  index_lines(s);
  cn_loc l = {1, 1, 1, 2, s};
  size_t lo = 0, hi = s->nlines;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (s->lines[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  l.first_line = l.last_line = (int)lo + 1;
  l.first_column = 1 + (int)cn_utf8_count(s->text + s->lines[lo],
                                           off - s->lines[lo]);
  l.last_column = l.first_column + 1;
  return l;
}

/* An encoding error at l: there, or, in a file a script named (include,
 * import: `from` is the statement), at the statement with the place in
 * words, so that no line of what may be no text of the user's is shown. */
static void text_error(cn_diag *diag, const cn_loc *l, const cn_loc *from,
                       const char *msg) {
  if (from)
    cn_diag_error(diag, from, "'%s', line %d, column %d: %s", l->src->name,
                  l->first_line, l->first_column, msg);
  else
    cn_diag_error(diag, l, "%s", msg);
}

/* ---- the encoding check of a large text ----
 * A step at a time (ending on a character boundary), each step's pages
 * handed back when the text is mapped; a mapped text is checked in two
 * halves at once when there is a second processor.  A step with a fault
 * sends the check back to the start, where the first fault is located and
 * reported, so what is reported does not depend on the halves. */

typedef struct text_range {
  cn_source *s;
  size_t from, to; /* [from, to): from and to on character boundaries */
  int own_pages;   /* hand its pages back itself (not through `released`) */
  int ok;
} text_range;

static int continuation(const cn_source *s, size_t at) {
  return ((unsigned char)s->text[at] & 0xC0) == 0x80;
}

/* The pages of the mapped text wholly inside [from, to), handed back. */
static void drop_pages(const cn_source *s, size_t from, size_t to) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t base = (size_t)(s->text - (char *)s->map);
  size_t a = (base + from + page - 1) / page * page, b = (base + to) / page * page;
  if (b > a)
    madvise((char *)s->map + a, b - a, MADV_DONTNEED);
}

static void *check_range(void *arg) {
  text_range *r = arg;
  const cn_source *s = r->s;
  size_t at = r->from;
  r->ok = 0;
  while (at < r->to) {
    size_t n = r->to - at < RELEASE_STEP ? r->to - at : RELEASE_STEP;
    while (at + n < r->to && continuation(s, at + n))
      n++;
    if (memchr(s->text + at, '\0', n) || cn_utf8_validate(s->text + at, n) < n)
      return NULL;
    if (r->own_pages)
      drop_pages(s, at, at + n);
    at += n;
    if (!r->own_pages)
      cn_src_release(s, at);
  }
  r->ok = 1;
  return NULL;
}

/* Is the whole text UTF-8 without NUL bytes? */
static int steps_valid(cn_source *s) {
  text_range head = {s, 0, s->len, 0, 0}, tail = head;
  pthread_t t;
  int two = s->map && cn_thread_worth();
  if (two) {
    size_t mid = s->len / 2;
    while (mid < s->len && continuation(s, mid))
      mid++;
    head.to = tail.from = mid;
    tail.own_pages = 1;
    two = cn_thread_start(&t, check_range, &tail) == 0;
    if (!two)
      head.to = s->len;
  }
  check_range(&head);
  if (two)
    pthread_join(t, NULL);
  return head.ok && (!two || tail.ok);
}

/* Reject what is not a UTF-8 script, naming what it probably is; text
 * typed at a prompt is spoken of as the input, and is no file. */
static int check_text(cn_source *s, const unsigned char *raw, size_t len,
                      int typed, const cn_loc *from, cn_diag *diag) {
  cn_loc top = {1, 1, 1, 2, s};
  if (typed) {
    /* no file signatures: the bytes are checked below */
  } else if (len >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) ||
                          (raw[0] == 0xFE && raw[1] == 0xFF))) {
    text_error(diag, &top, from, "the file is UTF-16; cnet reads UTF-8 only");
    cn_diag_hint(diag, "save it as UTF-8 (in Excel: 'CSV UTF-8'; in an "
                       "editor: encoding UTF-8)");
    return -1;
  } else if (len >= 8 && memcmp(raw, "\x89PNG\r\n\x1a\n", 8) == 0) {
    text_error(diag, &top, from, "this is a PNG image, not a cnet script");
    return -1;
  } else if (len >= 4 && memcmp(raw, "%PDF", 4) == 0) {
    text_error(diag, &top, from, "this is a PDF document, not a cnet script");
    return -1;
  }
  int valid = steps_valid(s);
  if (s->cut) { /* the zeros are not the file's */
    cn_src_read_stopped(diag, from, s, CN_READ_CUT);
    return -1;
  }
  if (valid)
    return 0;
  const char *nul = memchr(s->text, '\0', s->len);
  if (nul) {
    cn_loc l = loc_of_offset(s, (size_t)(nul - s->text));
    text_error(diag, &l, from,
               typed ? "NUL byte in the input"
                     : "NUL byte in the text (is this a binary file?)");
    return -1;
  }
  size_t bad = cn_utf8_validate(s->text, s->len);
  if (bad < s->len) {
    cn_loc l = loc_of_offset(s, bad);
    char msg[80];
    snprintf(msg, sizeof msg, "invalid UTF-8 byte 0x%02X (%s must be UTF-8)",
             (unsigned char)s->text[bad], typed ? "input" : "the file");
    text_error(diag, &l, from, msg);
    if (!typed)
      cn_diag_hint(diag, "if it was saved as GBK or Latin-1, convert it, "
                         "e.g. iconv -f GBK -t UTF-8");
    return -1;
  }
  return 0;
}

/* A source that takes ownership of buf (len bytes, room for one more): a
 * file's text is kept as read, never copied.  Typed text keeps a leading
 * BOM (it is no file's mark) and shows its lines from line_base + 1. */
static cn_source *src_adopt(const char *name, char *buf, size_t len,
                            int typed, int line_base, const cn_loc *from,
                            cn_diag *diag) {
  cn_source *s = cn_xcalloc(1, sizeof *s);
  s->name = cn_xstrdup(name);
  s->line_base = line_base;
  unsigned char head[8] = {0};
  memcpy(head, buf, len < 8 ? len : 8);
  size_t skip =
      (!typed && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  if (skip)
    memmove(buf, buf + skip, len - skip);
  s->len = len - skip;
  s->text = buf;
  s->text[s->len] = '\0';
  if (check_text(s, head, len, typed, from, diag) != 0) {
    cn_src_free(s);
    return NULL;
  }
  return s;
}

cn_source *cn_src_from_text(const char *name, const char *text, size_t len,
                            cn_diag *diag) {
  char *buf = cn_xmalloc(len + 1);
  memcpy(buf, text, len);
  return src_adopt(name, buf, len, 0, 0, NULL, diag);
}

cn_source *cn_src_from_input(const char *name, const char *text, size_t len,
                             int line_base, cn_diag *diag) {
  char *buf = cn_xmalloc(len + 1);
  memcpy(buf, text, len);
  return src_adopt(name, buf, len, 1, line_base, NULL, diag);
}

const char *cn_file_kind(unsigned mode) {
  mode_t m = (mode_t)mode;
  if (S_ISDIR(m))
    return "it is a directory";
  if (S_ISFIFO(m))
    return "it is a FIFO";
  if (S_ISCHR(m) || S_ISBLK(m))
    return "it is a device";
  if (S_ISSOCK(m))
    return "it is a socket";
  return "it is not a regular file";
}

/* Open what include or import names: a regular file only, checked on the
 * open descriptor before any read (O_NONBLOCK: opening a FIFO does not
 * wait for a writer), and none of the kernel's /proc or /sys, whose
 * "regular" files are views of processes and devices. */
static FILE *open_regular(const char *path, const char **why) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    *why = strerror(errno);
    return NULL;
  }
  struct stat st;
  struct statfs fs;
  if (fstat(fd, &st) != 0)
    *why = strerror(errno);
  else if (!S_ISREG(st.st_mode))
    *why = cn_file_kind((unsigned)st.st_mode);
  else if (fstatfs(fd, &fs) == 0 &&
           (fs.f_type == PROC_FS_MAGIC || fs.f_type == SYS_FS_MAGIC))
    *why = "it is a file of the kernel (/proc, /sys), not a script or data";
  else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
    *why = strerror(errno);
  FILE *f = *why ? NULL : fdopen(fd, "rb");
  if (!f) {
    if (!*why)
      *why = strerror(errno);
    close(fd);
  }
  return f;
}

/* ---- a mapped file cut short ----
 * Reading a page of a mapping beyond the end of its file raises SIGBUS:
 * another program truncated the file after it was mapped.  The handler
 * puts zero pages over the rest of that mapping, marks its source `cut`
 * and returns, so that the read goes on over zeros; every reader looks at
 * `cut` (the encoding check, the scanner, the importer: cn_src_reading)
 * and stops with an error that names the file.  A SIGBUS anywhere else is
 * none of cnet's: the handler puts the previous action back and returns,
 * and the fault, raised again, takes its course (a SIGBUS sent by another
 * process is raised again). */
enum { MAX_MAPPED = 64 };
static cn_source *volatile watched[MAX_MAPPED]; /* sources mapped now */
static size_t page_size;                       /* read once, outside */
static struct sigaction previous_sigbus;

static void on_sigbus(int sig, siginfo_t *info, void *ctx) {
  (void)sig;
  (void)ctx;
  char *at = info->si_addr;
  for (int i = 0; i < MAX_MAPPED; i++) {
    cn_source *s = watched[i];
    char *base = s ? s->map : NULL;
    if (!base || at < base || at >= base + s->map_len)
      continue;
    char *from = base + (size_t)(at - base) / page_size * page_size;
    if (mmap(from, (size_t)(base + s->map_len - from), PROT_READ,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
      s->cut = 1;
      return;
    }
    break;
  }
  sigaction(SIGBUS, &previous_sigbus, NULL);
  if (info->si_code <= 0) /* sent by a process, not a fault: again */
    raise(SIGBUS);
}

/* Take s's mapping into the handler's care; 0 when no room is left (then
 * the file is read instead). */
static int watch_mapping(cn_source *s) {
  static int installed;
  if (!installed) {
    page_size = (size_t)sysconf(_SC_PAGESIZE);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGBUS, &sa, &previous_sigbus) != 0)
      return 0;
    installed = 1;
  }
  for (int i = 0; i < MAX_MAPPED; i++)
    if (!watched[i]) {
      watched[i] = s;
      return 1;
    }
  return 0;
}

static void unwatch_mapping(const cn_source *s) {
  for (int i = 0; i < MAX_MAPPED; i++)
    if (watched[i] == s)
      watched[i] = NULL;
}

int cn_src_reading(const cn_source *s, size_t at) {
  if (s->cut)
    return CN_READ_CUT;
  cn_progress_read(s->name, (int64_t)at, (int64_t)s->len);
  return cn_measure_interrupt ? CN_READ_INTERRUPTED : CN_READ_ON;
}

void cn_src_read_stopped(cn_diag *diag, const cn_loc *at, const cn_source *s,
                         int why) {
  cn_progress_end(); /* the message starts a line of its own */
  if (why == CN_READ_INTERRUPTED && at)
    cn_diag_error(diag, at, "interrupted while reading '%s'", s->name);
  else if (why == CN_READ_INTERRUPTED)
    cn_diag_plain_error(diag, "interrupted while reading '%s'", s->name);
  else if (at)
    cn_diag_error(diag, at, "'%s' changed while it was read: it was cut short",
                  s->name);
  else
    cn_diag_plain_error(diag, "'%s' changed while it was read: it was cut "
                              "short", s->name);
  if (why == CN_READ_CUT)
    cn_diag_hint(diag, "read it again once whatever writes it has finished");
}

/* A large file mapped instead of read: the pages of text the parser has
 * passed are handed back (cn_src_release), so a 300 MB script does not hold
 * 300 MB.  The file is mapped over the start of a span of zeros one byte
 * longer than it, so that the text ends in a NUL like text in memory.
 * *mapped is 0 when the file could not be mapped (then read it). */
static cn_source *src_map(const char *path, int fd, size_t size,
                          const cn_loc *from, cn_diag *diag, int *mapped) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t span = (size + 1 + page - 1) / page * page;
  char *base = mmap(NULL, span, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  *mapped = 0;
  if (base == MAP_FAILED)
    return NULL;
  if (mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) ==
      MAP_FAILED) {
    munmap(base, span);
    return NULL;
  }
  cn_source *s = cn_xcalloc(1, sizeof *s);
  s->map = base;
  s->map_len = span;
  if (!watch_mapping(s)) { /* a cut would be fatal: read it instead */
    free(s);
    munmap(base, span);
    return NULL;
  }
  *mapped = 1;
  s->name = cn_xstrdup(path);
  s->path = cn_xstrdup(path);
  unsigned char head[8];
  memcpy(head, base, 8); /* size >= MAP_MIN */
  size_t skip = memcmp(base, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  s->text = base + skip;
  s->len = size - skip;
  if (check_text(s, head, size, 0, from, diag) != 0) {
    cn_src_free(s);
    return NULL;
  }
  s->released = 0; /* the parser reads it again from the start */
  return s;
}

cn_source *cn_src_load(const char *path, cn_diag *diag, const cn_loc *from) {
  const char *why = NULL;
  struct stat st;
  FILE *f;
  if (strcmp(path, "-") == 0)
    f = stdin;
  else if (from) /* include, import: what a script names */
    f = open_regular(path, &why);
  else if (!(f = fopen(path, "rb")))
    why = strerror(errno);
  else if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
    why = "it is a directory";
  if (why) {
    if (f)
      fclose(f);
    if (from)
      cn_diag_error(diag, from, "cannot read '%s': %s", path, why);
    else
      cn_diag_plain_error(diag, "cannot read '%s': %s", path, why);
    return NULL;
  }
  size_t cap = 1 << 16, len = 0;
  if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
    cap = (size_t)st.st_size + 2; /* one read, no regrowth */
    int mapped = 0;
    cn_source *s = (size_t)st.st_size >= MAP_MIN
                       ? src_map(path, fileno(f), (size_t)st.st_size, from,
                                 diag, &mapped)
                       : NULL;
    if (mapped) {
      fclose(f);
      return s; /* NULL: the text was reported */
    }
  }
  char *buf = cn_xmalloc(cap);
  size_t k;
  while ((k = fread(buf + len, 1, cap - len, f)) > 0) {
    len += k;
    if (len + 1 >= cap)
      buf = cn_xgrow(buf, &cap, cap + 1, 1);
  }
  int err = ferror(f);
  if (f != stdin)
    fclose(f);
  if (err) {
    free(buf);
    if (from)
      cn_diag_error(diag, from, "cannot read '%s': read error", path);
    else
      cn_diag_plain_error(diag, "cannot read '%s': read error", path);
    return NULL;
  }
  cn_source *s = src_adopt(strcmp(path, "-") == 0 ? "<stdin>" : path, buf,
                           len, 0, 0, from, diag);
  if (s && strcmp(path, "-") != 0)
    s->path = cn_xstrdup(path);
  return s;
}

void cn_src_free(cn_source *s) {
  if (!s)
    return;
  free(s->name);
  free(s->path);
  if (s->map) {
    unwatch_mapping(s);
    munmap(s->map, s->map_len);
  }
  else
    free(s->text);
  free(s->lines);
  free(s);
}

const char *cn_src_line(const cn_source *s, int line, size_t *len) {
  index_lines((cn_source *)s); /* the index is a cache of the text */
  if (line < 1 || (size_t)line > s->nlines) {
    *len = 0;
    return "";
  }
  size_t a = s->lines[line - 1];
  size_t b = (size_t)line < s->nlines ? s->lines[line] - 1 : s->len;
  const char *zeros = s->cut ? memchr(s->text + a, '\0', b - a) : NULL;
  if (zeros) /* a line cut short ends where the file does, on a whole
                 character */
    b = a + cn_utf8_validate(s->text + a, (size_t)(zeros - s->text) - a);
  if (b > a && s->text[b - 1] == '\r')
    b--;
  *len = b - a;
  return s->text + a;
}
