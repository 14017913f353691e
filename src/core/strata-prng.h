/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small seeded PRNG (xoshiro256** seeded through splitmix64) so that the
 * demo and the benchmarks give the same numbers on every machine; rand()
 * differs between C libraries. */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} StrataPrng;

static inline guint64
strata_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Seeds from any number of keys (seed, customer, period...): streams with
 * different keys are independent. */
static inline void
strata_prng_init (StrataPrng *prng,
                  guint64     seed,
                  guint64     key1,
                  guint64     key2)
{
  guint64 sm = seed;

  sm = strata_splitmix64 (&sm) ^ (key1 * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  sm = strata_splitmix64 (&sm) ^ (key2 * G_GUINT64_CONSTANT (0x8CB92BA72F3D8DD7));
  for (int i = 0; i < 4; i++)
    prng->s[i] = strata_splitmix64 (&sm);
}

static inline guint64
strata_prng_rotl (guint64 x,
                  int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
strata_prng_next (StrataPrng *prng)
{
  guint64 *s = prng->s;
  guint64 result = strata_prng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = strata_prng_rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double
strata_prng_double (StrataPrng *prng)
{
  return (double) (strata_prng_next (prng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [0, n). */
static inline guint32
strata_prng_below (StrataPrng *prng,
                   guint32     n)
{
  return (guint32) (((strata_prng_next (prng) >> 32) * (guint64) n) >> 32);
}

static inline gboolean
strata_prng_chance (StrataPrng *prng,
                    double      p)
{
  return strata_prng_double (prng) < p;
}

/* Standard normal (Box-Muller; one value per call keeps streams simple). */
static inline double
strata_prng_normal (StrataPrng *prng)
{
  double u1 = 1.0 - strata_prng_double (prng);   /* (0, 1] */
  double u2 = strata_prng_double (prng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Poisson by multiplication; fine for the small means the demo uses. */
static inline guint
strata_prng_poisson (StrataPrng *prng,
                     double      mean)
{
  double limit = exp (-mean);
  double p = 1.0;
  guint k = 0;

  if (mean <= 0)
    return 0;
  for (;;)
    {
      p *= strata_prng_double (prng);
      if (p <= limit || k >= 1000)
        return k;
      k++;
    }
}

G_END_DECLS
