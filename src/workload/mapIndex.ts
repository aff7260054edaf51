import { segmentHas, type LambdaSegment } from '../router/lambdaMap';
import type { Candidate } from '../router/types';

/**
 * Many queries' λ maps (one router's) in flat typed arrays. The choice of every query at a
 * new λ is then a scan of a few numbers per query, with no segment objects read and nothing
 * allocated but the answer: a slider press over a 10,000-query workload stays a small part of
 * a frame, where walking the maps' objects took several milliseconds.
 */
export interface MapColumns {
  /** Query q's segments are first[q] … first[q + 1] − 1. */
  first: Int32Array;
  from: Float64Array;
  to: Float64Array;
  /** Bit 1: λ = from belongs to the segment; bit 2: λ = to does. */
  ends: Uint8Array;
  winners: readonly Candidate[];
}

export class MapIndex {
  constructor(private readonly columns: MapColumns) {}

  /** The index of these maps, one per query, in order. */
  static of(maps: readonly (readonly LambdaSegment[])[]): MapIndex {
    const builder = new MapIndexBuilder();
    for (const map of maps) builder.add(map);
    return builder.build();
  }

  get queries(): number {
    return this.columns.first.length - 1;
  }

  /** Each query's choice at λ, as winnerAt gives it from its map (null where none). */
  choicesAt(lambda: number): (Candidate | null)[] {
    const { first, from, to, ends, winners } = this.columns;
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

  /**
   * Adds the choices of queries `fromQuery` … `toQuery` − 1 at every λ of an ascending list to
   * `sums` (per λ: queries routed, their quality, their cost), walking each query's segments
   * once for all the λ, as winnersAlong does: a sweep of 50 λ over 200,000 queries costs a
   * walk of their maps, not 50 scans, and can be cut into ranges of queries.
   */
  sweep(lambdas: readonly number[], fromQuery: number, toQuery: number, sums: SweepSums): void {
    const { first, from, to, ends, winners } = this.columns;
    for (let q = fromQuery; q < toQuery; q++) {
      let k = first[q]!;
      const end = first[q + 1]!;
      for (let l = 0; l < lambdas.length; l++) {
        const lambda = lambdas[l]!;
        // Segments wholly below λ are behind every later λ too.
        while (k < end && (to[k]! < lambda || (to[k] === lambda && (ends[k]! & 2) === 0))) k++;
        if (k === end) break;
        if (!segmentHas(from[k]!, to[k]!, (ends[k]! & 1) !== 0, (ends[k]! & 2) !== 0, lambda)) continue;
        const c = winners[k]!;
        sums.routed[l]!++;
        sums.quality[l]! += c.quality;
        sums.cost[l]! += c.costUsd;
      }
    }
  }
}

/** What a sweep adds up per λ. */
export interface SweepSums {
  routed: Float64Array;
  quality: Float64Array;
  cost: Float64Array;
}

export function sweepSums(lambdas: number): SweepSums {
  return { routed: new Float64Array(lambdas), quality: new Float64Array(lambdas), cost: new Float64Array(lambdas) };
}

/** Fills a MapIndex's columns one query at a time, so a huge workload is indexed as it is routed, in slices. */
export class MapIndexBuilder {
  private first = new Int32Array(1024);
  private from = new Float64Array(4096);
  private to = new Float64Array(4096);
  private ends = new Uint8Array(4096);
  private readonly winners: Candidate[] = [];
  private queries = 0;

  add(map: readonly LambdaSegment[]): void {
    let k = this.winners.length;
    if (this.queries + 2 > this.first.length) this.first = grown(this.first, this.queries + 2);
    if (k + map.length > this.from.length) {
      const size = k + map.length;
      [this.from, this.to, this.ends] = [grown(this.from, size), grown(this.to, size), grown(this.ends, size)];
    }
    this.first[this.queries] = k;
    for (const s of map) {
      this.from[k] = s.from;
      this.to[k] = s.to;
      this.ends[k] = (s.withFrom ? 1 : 0) | (s.withTo ? 2 : 0);
      this.winners.push(s.winner);
      k++;
    }
    this.queries++;
    this.first[this.queries] = k;
  }

  /** The index of the maps added so far (views of the columns, not copies). */
  build(): MapIndex {
    const segments = this.winners.length;
    return new MapIndex({
      first: this.first.subarray(0, this.queries + 1),
      from: this.from.subarray(0, segments),
      to: this.to.subarray(0, segments),
      ends: this.ends.subarray(0, segments),
      winners: this.winners,
    });
  }
}

/** A copy at least `size` long, doubling, so adding n items copies O(n) in all. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  let length = array.length;
  while (length < size) length *= 2;
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
