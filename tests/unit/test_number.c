/* test_number.c — lang/number.c: the texts of chosen numbers, and for
 * 100,000 pseudo-random doubles (random bit patterns, decimals, years,
 * tiny and huge magnitudes) that cn_num_text reads back as the same double
 * and is never longer than the shortest %.{1..17}g that does.  Last line:
 * "N passed, N failed". */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

static int pass, fail;

static void check_text(const char *what, const char *got, const char *want) {
  if (strcmp(got, want) == 0) {
    pass++;
  } else {
    fail++;
    printf("FAIL %s: got \"%s\", want \"%s\"\n", what, got, want);
  }
}

static void text_is(double x, const char *want) {
  char b[CN_NUM_BUF], what[64];
  cn_num_text(b, sizeof b, x);
  snprintf(what, sizeof what, "cn_num_text(%.17g)", x);
  check_text(what, b, want);
}

/* Significant digits of a %g or cn_num_text string. */
static int digits(const char *s) {
  int n = 0, lead = 1;
  for (; *s && *s != 'e'; s++) {
    if (*s < '0' || *s > '9')
      continue;
    if (*s == '0' && lead)
      continue;
    lead = 0;
    n++;
  }
  return n;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static double sample(int kind) {
  uint64_t r = next();
  double x;
  switch (kind) {
  case 0: memcpy(&x, &r, sizeof x); return x; /* any double */
  case 1: return (double)(r % 100000000) / 1000.0;
  case 2: return (double)(r % 1000000) / 1e6 * pow(10, (int)(r % 60) - 30);
  case 3: return 1900 + (double)(r % 100000) / 8.0 + ((double)(r >> 40 & 3) - 1) * 1e-13;
  default: return (double)(r % 1000) / 7.0 * 1e-310; /* subnormal */
  }
}

static void random_doubles(int n) {
  int bad = 0;
  for (int i = 0; i < n; i++) {
    double x = sample(i % 5);
    if (!isfinite(x))
      continue;
    char got[CN_NUM_BUF], ref[CN_NUM_BUF];
    cn_num_text(got, sizeof got, x);
    for (int p = 1; p <= 17; p++) {
      snprintf(ref, sizeof ref, "%.*g", p, x);
      if (strtod(ref, NULL) == x)
        break;
    }
    int whole = x == floor(x) && fabs(x) < 1e16; /* written in full */
    if (strtod(got, NULL) != x || (!whole && digits(got) > digits(ref))) {
      if (bad++ < 10)
        printf("FAIL %.17g: \"%s\" (shortest \"%s\")\n", x, got, ref);
    }
  }
  if (bad) {
    fail++;
    printf("FAIL %d of %d random doubles\n", bad, n);
  } else {
    pass++;
  }
}

int main(void) {
  text_is(2000.125, "2000.125");
  text_is(1999.9999999999998, "1999.9999999999998");
  text_is(0.1 + 0.2, "0.30000000000000004");
  text_is(1e-7, "1e-7");
  text_is(1.5e-7, "1.5e-7");
  text_is(0.0001, "0.0001");
  text_is(12345678901234567.0, "12345678901234568");
  text_is(9007199254740993.0, "9007199254740992");
  text_is(1e16, "1e16");
  text_is(1e21, "1e21");
  text_is(1970, "1970");
  text_is(-3, "-3");
  text_is(0.25, "0.25");
  text_is(-2.5e-10, "-2.5e-10");
  text_is(DBL_MAX, "1.7976931348623157e308");
  text_is(5e-324, "5e-324");
  text_is(NAN, "NaN");
  text_is(INFINITY, "Inf");
  text_is(-INFINITY, "-Inf");

  char b[CN_YEARS_BUF];
  cn_num_json(b, sizeof b, NAN);
  check_text("cn_num_json(NaN)", b, "\"NaN\"");
  cn_num_json(b, sizeof b, -INFINITY);
  check_text("cn_num_json(-Inf)", b, "\"-Inf\"");
  cn_num_json(b, sizeof b, 2000.125);
  check_text("cn_num_json(2000.125)", b, "2000.125");
  cn_num_fixed(b, sizeof b, 0.26530612244897955, 4);
  check_text("cn_num_fixed(0.2653…, 4)", b, "0.2653");
  cn_num_fixed(b, sizeof b, 3, 4);
  check_text("cn_num_fixed(3, 4)", b, "3");
  cn_num_fixed(b, sizeof b, 1e300, 4);
  check_text("cn_num_fixed(1e300, 4)", b, "1e300");
  cn_years_text(b, sizeof b, 2000.125, 2010);
  check_text("years 2000.125..2010", b, "2000.125..2010");
  cn_years_text(b, sizeof b, 1980, INFINITY);
  check_text("years 1980..", b, "1980..");
  cn_years_text(b, sizeof b, -INFINITY, 1999.9999999999998);
  check_text("years ..1999.9999999999998", b, "..1999.9999999999998");
  cn_years_text(b, sizeof b, 1997, 1997);
  check_text("years 1997", b, "1997");
  cn_years_text(b, sizeof b, -INFINITY, INFINITY);
  check_text("years of all time", b, "");
  cn_num_text(b, 4, 2000.125); /* a short buffer is cut, never overrun */
  check_text("cn_num_text into 4 bytes", b, "200");

  random_doubles(100000);
  printf("%d passed, %d failed\n", pass, fail);
  return fail != 0;
}
