/**
 * Consistent probability sampling by trace id.
 *
 * The decision is a pure function of the trace id: the low 52 bits of the W3C trace id (its
 * random part) as a fraction in [0, 1). A span is kept when fraction < p. Every service using
 * this function keeps the same traces at the same rate, and the kept set at rate p is a subset
 * of the kept set at any rate q > p: lowering the rate only removes traces, never swaps them.
 */
const TWO_POW_52 = 2 ** 52;

export function traceIdFraction(traceId: string): number {
  // 13 hex digits = 52 bits, exactly representable in a double.
  const low = Number.parseInt(traceId.slice(-13), 16);
  return Number.isFinite(low) ? low / TWO_POW_52 : 0;
}

export function keepByTraceId(traceId: string, probability: number): boolean {
  if (probability >= 1) return true;
  if (probability <= 0) return false;
  return traceIdFraction(traceId) < probability;
}
