import { segmentHas, type LambdaSegment } from '../router/lambdaMap';
import type { Candidate } from '../router/types';

/**
 * Many queries' λ maps (one router's) in flat typed arrays. The choice of every query at a
 * new λ is then a scan of a few numbers per query, with no segment objects read and nothing
 * allocated but the answer: a slider press over a 10,000-query workload stays a small part of
 * a frame, where walking the maps' objects took several milliseconds.
 */
export class MapIndex {
  /** Query q's segments are first[q] … first[q + 1] − 1. */
  private readonly first: Int32Array;
  private readonly from: Float64Array;
  private readonly to: Float64Array;
  /** Bit 1: λ = from belongs to the segment; bit 2: λ = to does. */
  private readonly ends: Uint8Array;
  private readonly winners: Candidate[] = [];

  constructor(maps: readonly (readonly LambdaSegment[])[]) {
    const total = maps.reduce((n, m) => n + m.length, 0);
    this.first = new Int32Array(maps.length + 1);
    this.from = new Float64Array(total);
    this.to = new Float64Array(total);
    this.ends = new Uint8Array(total);
    let k = 0;
    maps.forEach((map, q) => {
      this.first[q] = k;
      for (const s of map) {
        this.from[k] = s.from;
        this.to[k] = s.to;
        this.ends[k] = (s.withFrom ? 1 : 0) | (s.withTo ? 2 : 0);
        this.winners.push(s.winner);
        k++;
      }
    });
    this.first[maps.length] = k;
  }

  get queries(): number {
    return this.first.length - 1;
  }

  /** Each query's choice at λ, as winnerAt gives it from its map (null where none). */
  choicesAt(lambda: number): (Candidate | null)[] {
    const { first, from, to, ends, winners } = this;
    const out = new Array<Candidate | null>(this.queries);
    for (let q = 0; q < out.length; q++) {
      let choice: Candidate | null = null;
      for (let k = first[q]!, end = first[q + 1]!; k < end; k++) {
        if (segmentHas(from[k]!, to[k]!, (ends[k]! & 1) !== 0, (ends[k]! & 2) !== 0, lambda)) {
          choice = winners[k]!;
          break;
        }
      }
      out[q] = choice;
    }
    return out;
  }
}
