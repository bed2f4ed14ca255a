/* test_source.c — large scripts are mapped, not read (lang/source.c): the
 * text is the file's, ends in a NUL whatever the file's size, keeps reading
 * the same after its pages are handed back, skips a byte-order mark, and
 * an encoding fault far into it is found and located as in a small file;
 * a file cut short by another program while it is parsed is an error that
 * names it, not a SIGBUS.  Last line: "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "lang.h"
#include "source.h"

#include "check.h"

/* A file of `size` bytes: `head`, then lines "a -- b\n" (a last partial
 * line cut short), with `tail` written over its end.  Its path (free it). */
static char *write_file(size_t size, const char *head, const char *tail) {
  const char *dir = getenv("TMPDIR");
  char *path = malloc(4096);
  snprintf(path, 4096, "%s/cnet-test-source-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  char *buf = malloc(size);
  for (size_t i = 0; i < size; i++)
    buf[i] = "a -- b\n"[i % 7];
  memcpy(buf, head, strlen(head));
  memcpy(buf + size - strlen(tail), tail, strlen(tail));
  CHECK(fd >= 0 && write(fd, buf, size) == (ssize_t)size);
  close(fd);
  free(buf);
  return path;
}

/* cn_src_load, its messages kept in *msg (free it). */
static cn_source *load(const char *path, char **msg) {
  size_t len = 0;
  *msg = NULL;
  FILE *m = open_memstream(msg, &len);
  cn_diag diag;
  cn_diag_init(&diag, m);
  cn_source *s = cn_src_load(path, &diag, NULL);
  fclose(m);
  return s;
}

static void test_mapped(size_t size, const char *head) {
  char *path = write_file(size, head, "x\n");
  char *msg;
  cn_source *s = load(path, &msg);
  CHECK(s != NULL && s->map != NULL && msg && !*msg);
  if (s) {
    size_t skip = strlen(head) >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0;
    CHECK(s->len == size - 3 * skip);
    CHECK(s->text[s->len] == '\0');
    CHECK(memcmp(s->text + s->len - 2, "x\n", 2) == 0);
    char first = s->text[0];
    cn_src_release(s, s->len); /* handed back, and read again the same */
    CHECK(s->text[0] == first && s->text[s->len - 2] == 'x');
    size_t n;
    const char *line = cn_src_line(s, 2, &n);
    CHECK(n == 6 && memcmp(line, "a -- b", 6) == 0);
    cn_src_free(s);
  }
  free(msg);
  unlink(path);
  free(path);
}

/* An invalid byte near the end of a mapped file: reported at its line. */
static void test_fault(void) {
  size_t size = (size_t)9 << 20;
  char *path = write_file(size, "a -- b\n", "\xFF\n");
  char *msg;
  cn_source *s = load(path, &msg);
  CHECK(s == NULL);
  char want[64];
  snprintf(want, sizeof want, ":%zu:7:", (size - 2) / 7 + 1);
  CHECK(msg && strstr(msg, "invalid UTF-8 byte 0xFF") && strstr(msg, want));
  free(msg);
  unlink(path);
  free(path);
}

static int count_stmt(cn_parser *P, cn_ast *stmt) {
  (void)stmt;
  (*(long *)P->ud)++;
  return 0;
}

/* Mapped and checked, then cut to 1 MB by another program, then parsed:
 * the parse stops at the cut with one error naming the file, and the
 * lines past the cut read as empty, never as a fault. */
static void test_cut(void) {
  size_t size = (size_t)9 << 20, cut = (size_t)1 << 20;
  char *path = write_file(size, "a -- b\n", "x\n");
  char *msg;
  cn_source *s = load(path, &msg);
  free(msg);
  CHECK(s != NULL && s->map != NULL);
  if (!s)
    return;
  CHECK(truncate(path, (off_t)cut) == 0);
  size_t len = 0;
  FILE *m = open_memstream(&msg, &len);
  cn_diag diag;
  cn_diag_init(&diag, m);
  cn_names names;
  cn_intern_init(&names);
  cn_arena keep;
  cn_arena_init(&keep);
  long stmts = 0;
  int errors = cn_parse_text(s, &names, &diag, &keep, count_stmt, &stmts);
  fclose(m);
  CHECK(s->cut && errors > 0 && diag.errors == 1);
  CHECK(msg && strstr(msg, "changed while it was read: it was cut short") &&
        strstr(msg, path));
  CHECK(stmts >= (long)(cut / 7) - 1 && stmts <= (long)(cut / 7));
  size_t n = 1;
  cn_src_line(s, (int)(size / 7), &n); /* past the cut: nothing */
  CHECK(n == 0);
  cn_src_line(s, (int)(cut / 7) + 1, &n); /* the line cut: up to the cut */
  CHECK(n == cut % 7);
  free(msg);
  cn_src_free(s);
  cn_arena_free(&keep);
  cn_intern_free(&names);
  unlink(path);
  free(path);
}

/* A SIGBUS that is no fault of a mapped script still ends the program. */
static void test_other_sigbus(void) {
  char *path = write_file((size_t)9 << 20, "a -- b\n", "x\n");
  pid_t pid = fork();
  if (pid == 0) {
    char *msg;
    cn_source *s = load(path, &msg); /* the handler is in place */
    int quiet = open("/dev/null", O_WRONLY);
    if (s && quiet >= 0 && dup2(quiet, STDERR_FILENO) >= 0) /* ASan's words */
      raise(SIGBUS);
    _exit(0);
  }
  int status = 0;
  CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
        !(WIFEXITED(status) && WEXITSTATUS(status) == 0));
  unlink(path);
  free(path);
}

/* A mapped file of 9 MB with bytes written over it at two places: the
 * encoding is checked in two halves at once; what is reported must not
 * depend on where they meet. */
static void test_halves(size_t at1, const char *b1, size_t at2,
                        const char *b2, const char *want_msg, int want_line,
                        int want_col) {
  size_t size = (size_t)9 << 20;
  char *path = write_file(size, "a -- b\n", "x\n");
  FILE *f = fopen(path, "r+b");
  CHECK(f != NULL);
  if (f) {
    fseek(f, (long)at1, SEEK_SET);
    fwrite(b1, 1, strlen(b1) + !*b1, f); /* "" writes a NUL */
    if (b2) {
      fseek(f, (long)at2, SEEK_SET);
      fwrite(b2, 1, strlen(b2) + !*b2, f);
    }
    fclose(f);
  }
  char *msg;
  cn_source *s = load(path, &msg);
  if (!want_msg) {
    CHECK(s != NULL && msg && !*msg);
  } else {
    char want[64];
    snprintf(want, sizeof want, ":%d:%d:", want_line, want_col);
    CHECK(s == NULL && msg && strstr(msg, want_msg) && strstr(msg, want));
    if (!(msg && strstr(msg, want)))
      printf("  got: %s  wanted %s\n", msg ? msg : "(none)", want);
  }
  cn_src_free(s);
  free(msg);
  unlink(path);
  free(path);
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);
  test_mapped((size_t)9 << 20, "a -- b\n");           /* a whole number of pages */
  test_mapped(((size_t)9 << 20) + 123, "\xEF\xBB\xBF"); /* a mark, a part page */
  test_mapped(((size_t)8 << 20) + (size_t)page - 1, "a -- b\n");
  test_fault();
  test_cut();
  test_other_sigbus();
  size_t mid = ((size_t)9 << 20) / 2; /* 7 divides neither: mid-line */
  int mid_line = (int)(mid / 7) + 1, mid_col = (int)(mid % 7) + 1;
  /* faults in both halves: the first is reported */
  test_halves(700, "\xFF", mid + 700, "\xFE", "invalid UTF-8 byte 0xFF", 101, 1);
  test_halves(mid + 7000, "\xFE", 70000, "\xC0", "invalid UTF-8 byte 0xC0",
              10001, 1);
  /* a character cut short just before the middle, or its tail just after */
  test_halves(mid - 1, "\xE4", 0, NULL, "invalid UTF-8 byte 0xE4", mid_line,
              mid_col - 1);
  test_halves(mid, "\xB8\x80", 0, NULL, "invalid UTF-8 byte 0xB8", mid_line,
              mid_col);
  /* a whole character across the middle is no fault */
  test_halves(mid - 1, "\xE4\xB8\x80", 0, NULL, NULL, 0, 0);
  test_halves(mid - 2, "\xE4\xB8\x80", 0, NULL, NULL, 0, 0);
  /* a NUL anywhere is reported before any other fault */
  test_halves(700, "\xFF", mid + 700, "", "NUL byte", mid_line + 100, mid_col);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
