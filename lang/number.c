/* number.c — numbers and years as text (see number.h). */
#include "number.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Integers below this magnitude are written in full (every integer up to
 * 2^53 ≈ 9.007e15 is a double). */
static const double FULL_INTEGER = 1e16;

static size_t put(char *buf, size_t n, const char *s) {
  size_t len = strlen(s);
  if (n)
    snprintf(buf, n, "%s", s);
  return len;
}

/* "1e+20" -> "1e20", "1e-07" -> "1e-7": the exponent as people write it. */
static void tidy_exponent(char *s) {
  char *e = strchr(s, 'e');
  if (!e)
    return;
  char *w = e + 1, *r = e + 1;
  if (*r == '+')
    r++;
  else if (*r == '-')
    *w++ = *r++;
  while (*r == '0' && r[1])
    r++;
  memmove(w, r, strlen(r) + 1);
}

static const char *not_finite(double x) {
  return isnan(x) ? "NaN" : x < 0 ? "-Inf" : "Inf";
}

size_t cn_num_text(char *buf, size_t n, double x) {
  char t[CN_NUM_BUF];
  if (!isfinite(x))
    return put(buf, n, not_finite(x));
  if (x == floor(x) && fabs(x) < FULL_INTEGER) {
    snprintf(t, sizeof t, "%.0f", x);
    return put(buf, n, t);
  }
  /* The shortest is the first precision that reads back.  Starting at 15
   * loses nothing: when some p <= 15 reads back, its digits D are within
   * half an ulp of x (< 1.2e-16 x), closer than half a unit of the 15th
   * digit (>= 5e-16 x), so %.15g rounds x to D too, and %g drops the
   * trailing zeros.  Subnormal numbers have coarser ulps: from 1. */
  for (int prec = fabs(x) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
    snprintf(t, sizeof t, "%.*g", prec, x);
    if (strtod(t, NULL) == x)
      break;
  }
  tidy_exponent(t);
  return put(buf, n, t);
}

size_t cn_num_fixed(char *buf, size_t n, double x, int decimals) {
  char t[CN_NUM_BUF];
  if (!isfinite(x) || x == floor(x) || fabs(x) >= FULL_INTEGER)
    return cn_num_text(buf, n, x);
  snprintf(t, sizeof t, "%.*f", decimals < 0 ? 0 : decimals > 17 ? 17 : decimals,
           x);
  return put(buf, n, t);
}

size_t cn_num_json(char *buf, size_t n, double x) {
  char t[CN_NUM_BUF];
  if (isfinite(x))
    return cn_num_text(buf, n, x);
  snprintf(t, sizeof t, "\"%s\"", not_finite(x));
  return put(buf, n, t);
}

size_t cn_years_text(char *buf, size_t n, double from, double to) {
  char a[CN_NUM_BUF], b[CN_NUM_BUF], t[CN_YEARS_BUF];
  int lo = !isinf(from), hi = !isinf(to);
  cn_num_text(a, sizeof a, from);
  cn_num_text(b, sizeof b, to);
  if (lo && hi && from == to)
    snprintf(t, sizeof t, "%s", a);
  else
    snprintf(t, sizeof t, "%s%s%s", lo ? a : "", lo || hi ? ".." : "",
             hi ? b : "");
  return put(buf, n, t);
}
