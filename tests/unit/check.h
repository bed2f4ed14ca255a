/* check.h — the counting CHECK of the front end's unit tests: a failed
 * condition is printed with its place; main prints "N passed, N failed". */
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

#endif
