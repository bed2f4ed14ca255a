/* source.h — a script's text: loaded from a file, standard input or memory,
 * checked to be UTF-8, with a line index for diagnostics. */
#ifndef CN_SOURCE_H
#define CN_SOURCE_H

#include <signal.h>
#include <stddef.h>

struct cn_diag;

/* A stretch of a text made up from command-line options (`--render F
 * --stage S` runs render(to="F", stage="S")) and the words typed for it:
 * a message there names those words, not text the user never wrote. */
typedef struct cn_src_origin {
  int first_column, last_column; /* on line 1; last is one past the end */
  const char *typed;             /* "--stage 中期" */
} cn_src_origin;

typedef struct cn_source {
  char *name;         /* as shown in diagnostics: path, "<stdin>", "<repl>" */
  char *path;         /* file path used to resolve includes, or NULL */
  char *text;         /* NUL-terminated; a leading BOM is already skipped */
  size_t len;
  size_t *lines;      /* byte offset where each line starts */
  size_t nlines;
  int line_base;      /* added to line numbers shown (REPL continues) */
  int quiet;          /* its lines are never shown (an included file whose
                         name is not *.cnet: it may be no text of the
                         user's, such as a key) */
  void *map;          /* a large file's text is mapped, not read: the
                         mapping (NULL when the text is in memory) */
  size_t map_len;
  size_t released;    /* bytes of the mapping handed back so far */
  volatile sig_atomic_t cut; /* the file was cut short under its mapping
                                while it was read: from the fault on, the
                                text reads as zeros (source.c) */
  struct cn_source *next; /* list of every source of a session */
  int library;        /* cnet's own code (the prelude): an error inside it
                         is reported at the user's call (diag.h) */
  const cn_src_origin *origins; /* made from command-line options: the
                                   first stretch holding a message's
                                   column names it, else the last one
                                   (not owned) */
  size_t norigins;
} cn_source;

/* A location: lines and columns from 1, columns in code points; the last
 * column is one past the last character. */
typedef struct cn_loc {
  int first_line, first_column, last_line, last_column;
  const cn_source *src;
} cn_loc;

/// Read a file ("-" = standard input).  On failure reports through diag
/// (at `from` if given, e.g. an include statement) and returns NULL.  A
/// file a script names (`from` given) must be a regular file, not of /proc
/// or /sys (checked before any read: a FIFO cannot block, a device cannot
/// fill memory), and an encoding error in it is reported at `from`, the
/// place in words: none of its lines is shown.
cn_source *cn_src_load(const char *path, struct cn_diag *diag,
                       const cn_loc *from);
/// A source over a copy of text[0..len), named `name`.  Returns NULL (after
/// a diagnostic) if the text is not UTF-8 or holds a NUL byte.
cn_source *cn_src_from_text(const char *name, const char *text, size_t len,
                            struct cn_diag *diag);
/// The same for text typed at a prompt: its lines are shown from
/// line_base + 1 (they count on across inputs) and its errors speak of
/// the input, not of a file (no BOM skipped, no file signatures).
cn_source *cn_src_from_input(const char *name, const char *text, size_t len,
                             int line_base, struct cn_diag *diag);
void cn_src_free(cn_source *s);
/// What a file of mode m is, when it is no regular file: "it is a
/// directory", "it is a FIFO", "it is a device", …
const char *cn_file_kind(unsigned mode);

/// The text before byte `upto` will not be read again soon: a mapped file
/// lets the kernel take those pages back (they are read again from the
/// file if a message needs them), so that reading a large script costs a
/// window of it in memory, not all of it.  Text in memory stays.
void cn_src_release(const cn_source *s, size_t upto);
/// Start and length (without the line end) of line `line` (1-based).
const char *cn_src_line(const cn_source *s, int line, size_t *len);

/* ---- long reads ----
 * Whoever reads a source from start to end (the scanner, the importer)
 * calls cn_src_reading every CN_READ_STEP bytes: it reports how far the
 * reading is (base/progress.h) and says whether to stop. */
#define CN_READ_STEP ((size_t)1 << 20)
enum { CN_READ_ON, CN_READ_INTERRUPTED, CN_READ_CUT };
/// The reading of s has reached byte `at`: CN_READ_ON, CN_READ_INTERRUPTED
/// (Ctrl-C) or CN_READ_CUT (the file was cut short under its mapping:
/// what follows is not the file's).
int cn_src_reading(const cn_source *s, size_t at);
/// Report why the reading of s stopped (`why` from cn_src_reading), at
/// `at` (NULL: the file as a whole).
void cn_src_read_stopped(struct cn_diag *diag, const cn_loc *at,
                         const cn_source *s, int why);

#endif
