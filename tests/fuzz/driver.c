/* driver.c — runs a fuzz harness over saved inputs without libFuzzer: the
 * regression tests for every input a fuzzer once crashed on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  int bad = 0;
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f) {
      perror(argv[i]);
      bad = 1;
      continue;
    }
    size_t cap = 4096, n = 0, k;
    uint8_t *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
      n += k;
      if (n == cap) {
        uint8_t *b2 = realloc(buf, cap *= 2);
        if (!b2)
          free(buf);
        buf = b2;
      }
    }
    fclose(f);
    if (!buf)
      return 70;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
  }
  return bad;
}
