/* run_limits.c — --max-steps=N and --max-memory=SIZE (see run_limits.h). */
#include "run_limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "eval.h"

/* Below this, cnet cannot even load its built-ins and a small case. */
#define MIN_MEMORY (16L << 20)

/* A whole number ≥ 1 with an optional K, M or G (powers of 1024). */
static int parse_size(const char *s, long *out, int suffixes) {
  char *end;
  errno = 0;
  long long n = strtoll(s, &end, 10);
  if (end == s || n < 1 || errno)
    return 0;
  long long unit = 1;
  if (suffixes && *end) {
    const char *units = "KMG";
    const char *u = strchr(units, *end);
    if (!u || end[1])
      return 0;
    unit = 1LL << (10 * (u - units + 1));
    end++;
  }
  if (*end || n > (long long)(__LONG_MAX__ / unit))
    return 0;
  *out = (long)(n * unit);
  return 1;
}

static const char *value_of(const char *arg, const char *option) {
  size_t n = strlen(option);
  return strncmp(arg, option, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

int cn_limit_option(const char *arg) {
  const char *v;
  long n;
  if ((v = value_of(arg, "--max-steps"))) {
    if (!parse_size(v, &n, 0)) {
      fprintf(stderr, "cnet: --max-steps takes a whole number of function "
                      "calls ≥ 1, not '%s'\nTry 'cnet --help'.\n", v);
      return -1;
    }
    cn_eval_step_limit = n;
    return 1;
  }
  if ((v = value_of(arg, "--max-memory"))) {
    if (!parse_size(v, &n, 1) || n < MIN_MEMORY) {
      fprintf(stderr, "cnet: --max-memory takes a size of at least 16M "
                      "(such as 512M or 2G), not '%s'\nTry 'cnet --help'.\n",
              v);
      return -1;
    }
    /* the address space: a malloc beyond it fails, and cnet says where it
     * was and exits 70 (arena.h) */
    struct rlimit r;
    if (getrlimit(RLIMIT_AS, &r) == 0 &&
        (r.rlim_max == RLIM_INFINITY || (rlim_t)n < r.rlim_max)) {
      r.rlim_cur = (rlim_t)n;
      setrlimit(RLIMIT_AS, &r);
    }
    return 1;
  }
  return 0;
}
