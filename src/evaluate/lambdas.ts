/**
 * The λ sweep. Costs are ~1e-6..1e-3 USD per query, so the useful trade-offs sit at
 * λ/(1 − λ) between about 10 and 10⁹ quality points per dollar: λ = r/(1 + r) for
 * log10 r from −1 to 9 in `steps` steps (0.05 each by default), plus the two ends λ = 0 and λ = 1.
 */
export function lambdaGrid(steps = 200): number[] {
  // 10 / 200 is the same double as 0.05: the default grid is the one reports have always used.
  const step = 10 / steps;
  const out = [0];
  for (let i = 0; i <= steps; i++) {
    const r = 10 ** (-1 + i * step);
    out.push(r / (1 + r));
  }
  out.push(1);
  return out;
}
