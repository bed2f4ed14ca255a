/* check.h — the counting CHECK of the unit tests: a failed condition is
 * printed with its place (CHECK) or its words (CHECK_THAT); main prints
 * "N passed, N failed". */
#ifndef CN_TEST_CHECK_H
#define CN_TEST_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (cond) {                                                              \
      passed++;                                                              \
    } else {                                                                 \
      failed++;                                                              \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                 \
    }                                                                        \
  } while (0)

/* The same with words for what failed, said on standard error (for tests
 * whose standard output is the program's own). */
#define CHECK_THAT(cond, what)                                               \
  do {                                                                       \
    if (cond) {                                                              \
      passed++;                                                              \
    } else {                                                                 \
      failed++;                                                              \
      fprintf(stderr, "FAIL %s\n", what);                                    \
    }                                                                        \
  } while (0)

#endif
