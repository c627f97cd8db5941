/**
 * Queueing approximations for one tier. Response time R ~ S / (1 - rho^m) for a pool of m servers
 * (xaprb.com "queueing knee", after Millsap, ACM Queue 2010); m = 1 is M/M/1's R = S / (1 - rho).
 * Real pools have bounded queues: past `queueBound` service times a request is rejected instead of
 * waiting, so the served requests' mean response time is capped there.
 */
export function responseTimeMs(serviceMs: number, rho: number, m: number, queueBound: number): number {
  if (rho >= 1) return serviceMs * queueBound;
  const slack = 1 - powInt(rho, m);
  return serviceMs / Math.max(slack, 1 / queueBound);
}

/**
 * Share of requests a tier fails in an hour whose mean utilization is `rho`. Load within the hour is
 * bursty ("averages hide bursts": Brendan Gregg, USE method), modelled as normal with coefficient of
 * variation `cv`; the share failed is the expected excess over capacity, E[max(0, X - 1)] / E[X].
 */
export function overloadFailure(rho: number, cv: number): number {
  if (rho <= 0) return 0;
  const sigma = rho * cv;
  if (sigma <= 0) return rho > 1 ? 1 - 1 / rho : 0;
  const d = (rho - 1) / sigma;
  // Below 5 standard deviations the expected excess is under 1e-7 of the load: skip the exponentials.
  if (d < -5) return 0;
  const pdf = normalPdf(d);
  const excess = sigma * pdf + (rho - 1) * normalCdf(d, pdf);
  return Math.min(1, Math.max(0, excess / rho));
}

/** x^n for a whole n >= 0 by squaring: Math.pow is far slower, and this runs every simulated hour. */
export function powInt(x: number, n: number): number {
  let result = 1;
  let base = x;
  let e = n;
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e >>= 1;
  }
  return result;
}

function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) * 0.3989422804014327;
}

/** Abramowitz and Stegun 26.2.17 (|error| < 7.5e-8), given the density at x. */
function normalCdf(x: number, pdf: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = pdf * poly;
  return x >= 0 ? 1 - upper : upper;
}
