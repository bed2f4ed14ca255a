/* fuzz_parse.c — libFuzzer harness: parse and validate a script from bytes. */
#include <stdint.h>
#include <stdio.h>

#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FILE *devnull;
  if (!devnull)
    devnull = fopen("/dev/null", "w");
  cn_diag diag;
  cn_diag_init(&diag, devnull);
  cn_case c;
  cn_case_init(&c);
  cn_load_text(&c, "<fuzz>", (const char *)data, size, &diag);
  if (!cn_diag_full(&diag))
    cn_load_finish(&c, &diag);
  cn_case_free(&c);
  return 0;
}
