/**
 * Every vector an embeddings server has sent, by its text: a text is asked for once, so a
 * Cancel, a retry, a failure part-way or a run resumed later never embeds it again. Bounded
 * (64 MB of float32 by default, 16,384 vectors of 1,024): past it the oldest go first. A
 * workload keeps its own predictions per query, so what is dropped here is long since routed.
 */
export class EmbeddingStore {
  private readonly vectors = new Map<string, Float32Array>();
  private floats = 0;

  constructor(private readonly maxFloats = 16 * 1024 * 1024) {}

  get(text: string): Float32Array | undefined {
    return this.vectors.get(text);
  }

  set(text: string, vector: Float32Array): void {
    const old = this.vectors.get(text);
    if (old) {
      this.floats -= old.length;
      this.vectors.delete(text);
    }
    this.vectors.set(text, vector);
    this.floats += vector.length;
    for (const [oldest, v] of this.vectors) {
      if (this.floats <= this.maxFloats || oldest === text) break;
      this.vectors.delete(oldest);
      this.floats -= v.length;
    }
  }

  get size(): number {
    return this.vectors.size;
  }
}
