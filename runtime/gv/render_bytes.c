/* render_bytes.c — the last touches to a rendered file's bytes, where
 * cairo leaves something a journal or a reproducible build needs: a PNG's
 * resolution (pHYs: cairo writes none, so the image opens at 72 dpi and
 * prints at four times its size) and one colour type (cairo writes RGBA
 * when a pixel is not opaque — Graphviz leaves the last row and column
 * partly outside the background — else RGB), an EPS's bounding box (cairo's is the
 * ink's, not the page's), and the creation date of a PDF or EPS, which
 * is SOURCE_DATE_EPOCH when that is set (reproducible-builds.org) so
 * that the same figure gives the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

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

/* A PNG chunk: length, type, data, CRC. */
static unsigned char *put_chunk(unsigned char *p, const char *type,
                                const unsigned char *data, uint32_t n) {
  put_be32(p, n);
  memcpy(p + 4, type, 4);
  if (n)
    memcpy(p + 8, data, n);
  put_be32(p + 8 + n, crc32_of(p + 4, 4 + (size_t)n));
  return p + 12 + n;
}

static uint32_t get_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Undo a row's PNG filter (ISO 15948 §9) in place, given the row above. */
static void unfilter(int type, unsigned char *row, const unsigned char *up,
                     size_t n, size_t bpp) {
  for (size_t i = 0; i < n; i++) {
    int a = i >= bpp ? row[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
    int add = 0;
    if (type == 1)
      add = a;
    else if (type == 2)
      add = b;
    else if (type == 3)
      add = (a + b) / 2;
    else if (type == 4) {
      int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
      add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    row[i] = (unsigned char)(row[i] + add);
  }
}

/* cairo's 8-bit RGB or RGBA PNG as 8-bit RGB on white (the figure's own
 * background), with its resolution: the same colour type for every
 * figure.  The pixels are inflated, unfiltered, laid on white and written
 * again unfiltered. */
static int png_normalise(double dpi, char **data, size_t *len) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  const unsigned char *in = (const unsigned char *)*data;
  if (*len < 33 || memcmp(in, sig, 8) != 0 || memcmp(in + 12, "IHDR", 4) != 0)
    return -1;
  uint32_t w = get_be32(in + 16), h = get_be32(in + 20);
  int depth = in[24], type = in[25], interlace = in[28];
  size_t bpp = type == 6 ? 4 : type == 2 ? 3 : 0;
  if (depth != 8 || !bpp || interlace || !w || !h || w > 100000 || h > 100000)
    return -1;
  /* the compressed pixels: every IDAT, in order */
  size_t zlen = 0;
  for (size_t off = 8; off + 12 <= *len;) {
    uint32_t n = get_be32(in + off);
    if (n > *len - off - 12)
      return -1;
    if (memcmp(in + off + 4, "IDAT", 4) == 0)
      zlen += n;
    off += 12 + n;
  }
  unsigned char *z = malloc(zlen ? zlen : 1);
  size_t stride = w * bpp, rawlen = (stride + 1) * h;
  unsigned char *raw = malloc(rawlen);
  unsigned char *rgb = malloc((w * 3 + 1) * (size_t)h);
  unsigned char *up = calloc(stride, 1);
  int rc = -1;
  if (!z || !raw || !rgb || !up)
    goto done;
  size_t k = 0;
  for (size_t off = 8; off + 12 <= *len;) {
    uint32_t n = get_be32(in + off);
    if (memcmp(in + off + 4, "IDAT", 4) == 0) {
      memcpy(z + k, in + off + 8, n);
      k += n;
    }
    off += 12 + n;
  }
  uLongf got = (uLongf)rawlen;
  if (uncompress(raw, &got, z, (uLong)zlen) != Z_OK || got != rawlen)
    goto done;
  for (uint32_t y = 0; y < h; y++) {
    unsigned char *row = raw + y * (stride + 1);
    if (row[0] > 4)
      goto done;
    unfilter(row[0], row + 1, up, stride, bpp);
    memcpy(up, row + 1, stride);
    unsigned char *o = rgb + y * (w * 3 + 1);
    o[0] = 0; /* no filter */
    for (uint32_t x = 0; x < w; x++) {
      const unsigned char *px = row + 1 + x * bpp;
      int alpha = bpp == 4 ? px[3] : 255;
      for (int c = 0; c < 3; c++) /* cairo's alpha is not premultiplied in PNG */
        o[1 + x * 3 + (uint32_t)c] =
            (unsigned char)((px[c] * alpha + 255 * (255 - alpha) + 127) / 255);
    }
  }
  uLongf cap = compressBound((uLong)((w * 3 + 1) * (size_t)h));
  unsigned char *out = malloc(8 + 25 + 21 + 12 + cap + 12);
  if (!out)
    goto done;
  unsigned char ihdr[13], phys[9];
  put_be32(ihdr, w);
  put_be32(ihdr + 4, h);
  ihdr[8] = 8;
  ihdr[9] = 2; /* RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5); /* pixels per metre */
  put_be32(phys, ppm);
  put_be32(phys + 4, ppm);
  phys[8] = 1; /* the unit is the metre */
  memcpy(out, sig, 8);
  unsigned char *p = put_chunk(out + 8, "IHDR", ihdr, 13);
  p = put_chunk(p, "pHYs", phys, 9);
  uLongf clen = cap;
  if (compress2(p + 8, &clen, rgb, (uLong)((w * 3 + 1) * (size_t)h),
                Z_DEFAULT_COMPRESSION) != Z_OK) {
    free(out);
    goto done;
  }
  put_be32(p, (uint32_t)clen);
  memcpy(p + 4, "IDAT", 4);
  put_be32(p + 8 + clen, crc32_of(p + 4, 4 + (size_t)clen));
  p += 12 + clen;
  p = put_chunk(p, "IEND", NULL, 0);
  free(*data);
  *data = (char *)out;
  *len = (size_t)(p - out);
  rc = 0;
done:
  free(z);
  free(raw);
  free(rgb);
  free(up);
  return rc;
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
    return png_normalise(dpi, data, len);
  if (strcmp(format, "pdf") == 0 && dated)
    pdf_date(&tm, *data, *len);
  if (strcmp(format, "eps") == 0)
    return eps_box(width, &tm, dated, data, len);
  return 0;
}
