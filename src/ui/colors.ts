/** One stable colour per pool position, distinguishable on light and dark backgrounds. */
const PALETTE = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c', '#4f46e5', '#0d9488', '#9333ea', '#b45309', '#be123c', '#475569', '#15803d'];

export function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
