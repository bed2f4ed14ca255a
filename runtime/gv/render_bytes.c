/* render_bytes.c — the last touches to a rendered file's bytes, where
 * cairo leaves something a journal or a reproducible build needs: a PNG's
 * resolution (pHYs: cairo writes none, so the image opens at 72 dpi and
 * prints at four times its size), an EPS's bounding box (cairo's is the
 * ink's, not the page's), and the creation date of a PDF or EPS, which
 * is SOURCE_DATE_EPOCH when that is set (reproducible-builds.org) so
 * that the same figure gives the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render.h"

/* CRC-32 of PNG chunks (ISO 3309, the polynomial 0xEDB88320 reflected). */
static uint32_t crc32_of(const unsigned char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c ^ 0xFFFFFFFFu;
}

static void put_be32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* A pHYs chunk after the IHDR (the first chunk, 8 + 25 bytes in). */
static int png_resolution(double dpi, char **data, size_t *len) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  enum { IHDR_END = 8 + 8 + 13 + 4, PHYS_LEN = 8 + 9 + 4 };
  if (*len < IHDR_END || memcmp(*data, sig, 8) != 0 ||
      memcmp(*data + 12, "IHDR", 4) != 0)
    return -1;
  unsigned char chunk[PHYS_LEN];
  uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5); /* pixels per metre */
  put_be32(chunk, 9);
  memcpy(chunk + 4, "pHYs", 4);
  put_be32(chunk + 8, ppm);
  put_be32(chunk + 12, ppm);
  chunk[16] = 1; /* the unit is the metre */
  put_be32(chunk + 17, crc32_of(chunk + 4, 4 + 9));
  char *out = malloc(*len + PHYS_LEN);
  if (!out)
    return -1;
  memcpy(out, *data, IHDR_END);
  memcpy(out + IHDR_END, chunk, PHYS_LEN);
  memcpy(out + IHDR_END + PHYS_LEN, *data + IHDR_END, *len - IHDR_END);
  free(*data);
  *data = out;
  *len += PHYS_LEN;
  return 0;
}

/* SOURCE_DATE_EPOCH as a time, when it is set and valid. */
static int source_date(struct tm *tm) {
  const char *s = getenv("SOURCE_DATE_EPOCH");
  if (!s || !*s)
    return 0;
  char *end;
  long long v = strtoll(s, &end, 10);
  if (*end || v < 0)
    return 0;
  time_t t = (time_t)v;
  return gmtime_r(&t, tm) != NULL;
}

static char *find(char *data, size_t len, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= len; i++)
    if (memcmp(data + i, needle, k) == 0)
      return data + i;
  return NULL;
}

/* PDF: cairo writes /CreationDate (D:YYYYMMDDHHMMSSZ): the same number
 * of digits in its place, so that the cross-reference offsets hold. */
static void pdf_date(const struct tm *tm, char *data, size_t len) {
  char *p = find(data, len, "/CreationDate (D:");
  if (!p || (size_t)(p - data) + 17 + 14 > len)
    return;
  char digits[15];
  strftime(digits, sizeof digits, "%Y%m%d%H%M%S", tm);
  memcpy(p + 17, digits, 14);
}

/* Replace the line that starts with `key` by `line` (EPS comments). */
static int replace_line(char **data, size_t *len, const char *key,
                        const char *line) {
  char *p = find(*data, *len, key);
  if (!p)
    return 0;
  char *eol = memchr(p, '\n', *len - (size_t)(p - *data));
  if (!eol)
    return -1;
  size_t head = (size_t)(p - *data), tail = *len - (size_t)(eol - *data);
  size_t n = strlen(line);
  char *out = malloc(head + n + tail);
  if (!out)
    return -1;
  memcpy(out, *data, head);
  memcpy(out + head, line, n);
  memcpy(out + head + n, eol, tail);
  free(*data);
  *data = out;
  *len = head + n + tail;
  return 0;
}

/* EPS: the bounding box is the page's (width × height), not the ink's,
 * so that the figure keeps the width it was composed for; the height is
 * the page's, as cairo flips it ("1 0 0 -1 0 H cm"). */
static int eps_box(double width, const struct tm *tm, int dated, char **data,
                   size_t *len) {
  char *cm = find(*data, *len, "1 0 0 -1 0 ");
  double height;
  if (!cm || sscanf(cm + 11, "%lf cm", &height) != 1)
    return -1;
  char line[96];
  snprintf(line, sizeof line, "%%%%BoundingBox: 0 0 %d %d",
           (int)(width + 0.5), (int)(height + 0.5));
  if (replace_line(data, len, "%%BoundingBox:", line) != 0)
    return -1;
  snprintf(line, sizeof line, "%%%%PageBoundingBox: 0 0 %d %d",
           (int)(width + 0.5), (int)(height + 0.5));
  if (replace_line(data, len, "%%PageBoundingBox:", line) != 0)
    return -1;
  if (dated) {
    char date[64];
    strftime(date, sizeof date, "%%%%CreationDate: %a %b %e %H:%M:%S %Y", tm);
    if (replace_line(data, len, "%%CreationDate:", date) != 0)
      return -1;
  }
  return 0;
}

int cn_render_finish(const char *format, double width, double dpi,
                     char **data, size_t *len) {
  struct tm tm;
  int dated = source_date(&tm);
  if (strcmp(format, "png") == 0)
    return png_resolution(dpi, data, len);
  if (strcmp(format, "pdf") == 0 && dated)
    pdf_date(&tm, *data, *len);
  if (strcmp(format, "eps") == 0)
    return eps_box(width, &tm, dated, data, len);
  return 0;
}
