/* fuzz_fmt.c — libFuzzer harness for `cnet --fmt`: a script that formats
 * formats again to the same text (idempotence), and the formatted text
 * parses without error whenever the input did. */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "harness.h"

/* The canonical layout of text, or NULL if it has syntax errors (heap). */
static char *format_text(const char *name, const char *text, size_t len,
                         size_t *outlen) {
  cn_diag diag;
  cn_diag_init(&diag, fz_quiet());
  cn_names names;
  cn_intern_init(&names);
  char *out = NULL;
  cn_source *src = cn_src_from_text(name, text, len, &diag);
  if (src) {
    FILE *m = open_memstream(&out, outlen);
    if (!m)
      abort();
    int rc = cn_format_source(src, &names, &diag, m);
    fclose(m);
    if (rc != 0 || diag.errors) {
      free(out);
      out = NULL;
    }
    cn_src_free(src);
  }
  cn_intern_free(&names);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t n1, n2;
  char *once = format_text("<fuzz>", (const char *)data, size, &n1);
  if (!once)
    return 0;
  char *twice = format_text("<formatted>", once, n1, &n2);
  if (!twice) {
    fprintf(stderr, "--fmt wrote text it cannot parse:\n%s\n", once);
    abort();
  }
  if (n1 != n2 || memcmp(once, twice, n1) != 0) {
    fprintf(stderr, "--fmt is not idempotent:\n--- once\n%s\n--- twice\n%s\n",
            once, twice);
    abort();
  }
  free(once);
  free(twice);
  return 0;
}
