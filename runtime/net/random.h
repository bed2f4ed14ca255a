/* random.h — the one pseudo-random generator of the measures (internal).
 *
 * splitmix64 (Steele, Lea and Flood, 2014): 64-bit state, one addition and
 * three xor-shift-multiply steps per draw.  Integer arithmetic only, so a
 * seed gives the same stream on every machine and compiler, and a measure
 * that gives each work item its own stream (cn_rand_stream) gives the same
 * result whatever the number of threads. */
#ifndef CN_RANDOM_H
#define CN_RANDOM_H

#include <stdint.h>

static inline uint64_t cn_rand_next(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

/* Uniform in [0, bound), bound > 0, by rejection (no modulo bias). */
static inline uint64_t cn_rand_below(uint64_t *x, uint64_t bound) {
  uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  for (;;) {
    uint64_t r = cn_rand_next(x);
    if (r < limit)
      return r % bound;
  }
}

/* The starting state of the item-th stream of a seed: the seed and the
 * item mixed by one splitmix64 step each, so neighbouring items do not
 * start on overlapping stretches of one stream. */
static inline uint64_t cn_rand_stream(uint64_t seed, uint64_t item) {
  uint64_t x = seed;
  uint64_t a = cn_rand_next(&x);
  x = a ^ item;
  return cn_rand_next(&x);
}

#endif
