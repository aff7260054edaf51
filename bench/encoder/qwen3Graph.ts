import type { Precision } from '../../src/encoder/exportFiles';
import { MS_DOMAIN, OnnxGraph } from './onnxFile';
import { dequantized, filled, randomBytes, uniform, values } from './weights';

/**
 * A Qwen3 decoder laid out as the transformers.js text-generation export of Qwen3-0.6B is
 * (onnx-community/Qwen3-0.6B-ONNX, made with onnxruntime-genai's model builder; sources and
 * doubts in bench/README.md): inputs input_ids, attention_mask, position_ids and an empty
 * KV cache; outputs logits and present.*; node and tensor names as the builder writes them,
 * so code that looks for the LM head's input finds it where it would in the real file.
 *
 * Per layer: SkipSimplifiedLayerNormalization (the first layer's input norm is a plain
 * SimplifiedLayerNormalization), Q/K/V projections, Q/K norms (SimplifiedLayerNormalization
 * over each 128-wide head), RotaryEmbedding on Q and K, GroupQueryAttention, the output
 * projection, and the SiLU-gated MLP (Sigmoid, Mul). The LM head is a projection to the
 * vocabulary on the final norm, with its own weight, as the builder stores it.
 */

export interface Qwen3Dims {
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
  vocab: number;
  /** Rows of the rotary cos/sin tables (max_position_embeddings). */
  maxPositions: number;
  ropeTheta: number;
  rmsEps: number;
}

/** Qwen/Qwen3-0.6B's config.json. */
export const QWEN3_0_6B: Qwen3Dims = {
  layers: 28,
  hidden: 1024,
  heads: 16,
  kvHeads: 8,
  headDim: 128,
  intermediate: 3072,
  vocab: 151_936,
  maxPositions: 40_960,
  ropeTheta: 1_000_000,
  rmsEps: 1e-6,
};

/** The same generator at a size the unit tests build and run in a moment. */
export const TINY_QWEN3: Qwen3Dims = {
  ...QWEN3_0_6B,
  layers: 2,
  hidden: 64,
  heads: 4,
  kvHeads: 2,
  headDim: 16,
  intermediate: 96,
  vocab: 300,
  maxPositions: 64,
};

/**
 * The precisions the bench builds at full size. fp32 is left out: over 2 GB, it needs external
 * data, and a 32-bit WASM heap cannot hold it with its working memory. The generator makes it at
 * small shapes (the tests).
 */
export type BuiltPrecision = Exclude<Precision, 'fp32'>;

/**
 * How each precision is made, following transformers.js's file names. q4 and q4f16: the model
 * builder's int4 export (MatMulNBits, block 32, symmetric, accuracy level 4) with float32 or
 * float16 activations. fp16: the builder's float16 export. q8 ("quantized"): transformers.js's
 * quantize.py on the float32 export, ORT's dynamic quantisation: MatMulInteger with uint8
 * weights (it picks uint8 when the graph has GroupQueryAttention) and a uint8 embedding table.
 * fp32, for tests at small sizes: q8's weights dequantized, float32 throughout, so it is the
 * model q8 approximates (q8 then differs from it by its activations' quantisation only).
 */
const SPEC: Record<Precision, { io: 'float' | 'float16'; matmul: 'float' | 'int4' | 'int8' | 'int8-dequantized' }> = {
  fp32: { io: 'float', matmul: 'int8-dequantized' },
  fp16: { io: 'float16', matmul: 'float' },
  q8: { io: 'float', matmul: 'int8' },
  q4f16: { io: 'float16', matmul: 'int4' },
  q4: { io: 'float', matmul: 'int4' },
};

const BLOCK = 32;
/** Weights uniform in ±0.05 keep each projection's output near unit scale (1024 inputs). */
const WEIGHT = 0.05;
/** 4-bit codes are uniform in −8..7, so this scale gives the same spread as WEIGHT. */
const INT4_SCALE = 0.006;
/** 8-bit codes are uniform in −128..127 around zero point 128. */
const INT8_SCALE = 0.0004;

/**
 * 'text-generation' is the Hub export's shape. 'feature-extraction' is the same decoder cut
 * at the final norm, as optimum's feature-extraction export is: no KV cache, no LM head,
 * the final normed state as `last_hidden_state`.
 */
export type ExportShape = 'text-generation' | 'feature-extraction';

export function qwen3Graph(d: Qwen3Dims, precision: Precision, shape: ExportShape): OnnxGraph {
  const generation = shape === 'text-generation';
  const { io, matmul } = SPEC[precision];
  const g = new OnnxGraph('main_graph');
  const ints = new Map<string, string>();
  /** An int64 constant, shared by every node that needs it. */
  const int64 = (data: number[]) => {
    const name = `/model/constants/INT64/${data.length === 1 ? data[0] : `[${data.join(', ')}]`}`;
    if (!ints.has(name))
      ints.set(name, g.constant(values(name, 'int64', data.length === 1 ? [] : [data.length], data)));
    return name;
  };
  const scalar1D = (v: number) => {
    const name = `/model/constants/INT64/1D/${v}`;
    if (!ints.has(name)) ints.set(name, g.constant(values(name, 'int64', [1], [v])));
    return name;
  };

  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'total_sequence_length']);
  const positions = g.input('position_ids', 'int64', ['batch_size', 'sequence_length']);
  if (generation) g.output('logits', io, ['batch_size', 'sequence_length', d.vocab]);
  const cacheDims = ['batch_size', d.kvHeads, 'past_sequence_length', d.headDim];
  const presentDims = ['batch_size', d.kvHeads, 'total_sequence_length', d.headDim];

  const quantized = new Map<string, string[]>();
  /** x·W for a weight of K×N, in the precision's operator. */
  const linear = (name: string, x: string, weight: string, k: number, n: number, out?: string): string => {
    const outputs = out ? { outputs: [out] } : {};
    if (matmul === 'float') {
      return g.node('MatMul', name, [x, g.constant(uniform(weight, io, [k, n], WEIGHT))], {}, outputs)[0]!;
    }
    if (matmul === 'int8-dequantized') {
      const w = g.constant(dequantized(weight, `${weight}_quantized`, [k, n], INT8_SCALE, 128));
      return g.node('MatMul', name, [x, w], {}, outputs)[0]!;
    }
    if (matmul === 'int4') {
      const packed = g.constant(randomBytes(`${weight}_Q4`, [n, k / BLOCK, BLOCK / 2]));
      const scales = g.constant(filled(`${weight}_scales`, io, [(n * k) / BLOCK], INT4_SCALE));
      const attrs = { K: k, N: n, bits: 4, block_size: BLOCK, accuracy_level: 4 };
      return g.node('MatMulNBits', name.replace(/MatMul$/, 'MatMulNBits'), [x, packed, scales], attrs, {
        ...outputs,
        domain: MS_DOMAIN,
      })[0]!;
    }
    // One quantisation per activation, shared by the projections that read it (as ORT's quantiser does).
    if (!quantized.has(x)) {
      const outputs = [`${x}_quantized`, `${x}_scale`, `${x}_zero_point`];
      quantized.set(x, g.node('DynamicQuantizeLinear', `${x}_QuantizeLinear`, [x], {}, { outputs }));
    }
    const [q, qScale, qZero] = quantized.get(x)!;
    const w = g.constant(randomBytes(`${weight}_quantized`, [k, n]));
    const wZero = g.constant(values(`${weight}_zero_point`, 'uint8', [], [128]));
    const wScale = g.constant(values(`${weight}_scale`, 'float', [], [INT8_SCALE]));
    const product = g.op('MatMulInteger', `${name}_quant`, [q!, w, qZero!, wZero]);
    const asFloat = g.op('Cast', `${name}_quant_output_0_cast`, [product], { to: 1 });
    const scale = g.op('Mul', `${name}_quant_scales_mul`, [qScale!, wScale]);
    return g.node('Mul', `${name}_quant_output_scale_mul`, [asFloat, scale], {}, outputs)[0]!;
  };

  const norm = (name: string, dims: number[]) => g.constant(filled(name, io, dims, 1));
  const eps = { float: d.rmsEps };

  // Embedding.
  let hidden: string;
  if (matmul === 'int8-dequantized') {
    const name = 'model.embed_tokens.weight';
    const table = g.constant(dequantized(name, `${name}_quantized`, [d.vocab, d.hidden], INT8_SCALE, 128));
    hidden = g.op('Gather', '/model/embed_tokens/Gather', [table, ids]);
  } else if (matmul === 'int8') {
    const table = g.constant(randomBytes('model.embed_tokens.weight_quantized', [d.vocab, d.hidden]));
    const gathered = g.op('Gather', '/model/embed_tokens/Gather', [table, ids]);
    const scale = g.constant(values('model.embed_tokens.weight_scale', 'float', [], [INT8_SCALE]));
    const zero = g.constant(values('model.embed_tokens.weight_zero_point', 'uint8', [], [128]));
    hidden = g.op('DequantizeLinear', '/model/embed_tokens/DequantizeLinear', [gathered, scale, zero]);
  } else {
    const table = g.constant(uniform('model.embed_tokens.weight', io, [d.vocab, d.hidden], WEIGHT));
    hidden = g.op('Gather', '/model/embed_tokens/Gather', [table, ids]);
  }

  // What GroupQueryAttention reads from the 2-D mask: each row's last index, and the total length.
  const maskSub = '/model/attn_mask_reformat/attn_mask_subgraph';
  const rowSum = g.op('ReduceSum', `${maskSub}/ReduceSum`, [mask, scalar1D(1)], { keepdims: 0 });
  const lastIndex = g.op('Sub', `${maskSub}/Sub`, [rowSum, int64([1])]);
  const seqlensK = g.op('Cast', `${maskSub}/Sub/Cast`, [lastIndex], { to: 6 });
  const maskShape = g.op('Shape', `${maskSub}/Shape`, [mask]);
  const totalLength = g.op(
    'Cast',
    `${maskSub}/Gather/Cast`,
    [g.op('Gather', `${maskSub}/Gather`, [maskShape, int64([1])], { axis: 0 })],
    { to: 6 },
  );

  // position_ids reshaped to [-1, sequence_length] for RotaryEmbedding.
  const pos = '/model/pos_ids_reformat';
  const idsShape = g.op('Shape', `${pos}/Shape`, [ids]);
  const length = g.op('Unsqueeze', `${pos}/Unsqueeze`, [
    g.op('Gather', `${pos}/Gather`, [idsShape, int64([1])], { axis: 0 }),
    scalar1D(0),
  ]);
  const posShape = g.op('Concat', `${pos}/Concat`, [scalar1D(-1), length], { axis: 0 });
  const positionIds = g.op('Reshape', `${pos}/Reshape`, [positions, posShape]);

  // Rotary tables, as the builder precomputes them: cos/sin(position × θ^(−2i/head_dim)).
  const half = d.headDim / 2;
  const angle = (p: number, i: number) => p * d.ropeTheta ** (-(2 * i) / d.headDim);
  const table = (f: (x: number) => number) =>
    Float32Array.from({ length: d.maxPositions * half }, (_, j) => f(angle(Math.floor(j / half), j % half)));
  const cos = g.constant(values('cos_cache', io, [d.maxPositions, half], table(Math.cos)));
  const sin = g.constant(values('sin_cache', io, [d.maxPositions, half], table(Math.sin)));

  /** SkipSimplifiedLayerNormalization: returns the normed state and (unless last) the residual sum. */
  const skipNorm = (name: string, root: string, skip: string, weight: string, last: boolean): [string, string] => {
    const outputs = last ? [`${name}/output_0`] : [`${name}/output_0`, '', '', `${name}/output_3`];
    g.node(
      'SkipSimplifiedLayerNormalization',
      `${name}/SkipLayerNorm`,
      [root, skip, norm(weight, [d.hidden])],
      { epsilon: eps },
      { outputs, domain: MS_DOMAIN },
    );
    return [outputs[0]!, outputs[3] ?? ''];
  };

  const q = d.heads * d.headDim;
  const kv = d.kvHeads * d.headDim;
  let residual = hidden;
  let [x] = g.node(
    'SimplifiedLayerNormalization',
    '/model/layers.0/input_layernorm/LayerNorm',
    [hidden, norm('model.layers.0.input_layernorm.weight', [d.hidden])],
    { epsilon: eps, axis: -1, stash_type: 1 },
    { outputs: ['/model/layers.0/input_layernorm/output_0'] },
  ) as [string];
  for (let i = 0; i < d.layers; i++) {
    const at = `/model/layers.${i}`;
    const w = `model.layers.${i}`;
    const cache = generation ? [`past_key_values.${i}.key`, `past_key_values.${i}.value`] : ['', ''];
    const present = generation ? [`present.${i}.key`, `present.${i}.value`] : ['', ''];
    for (const name of cache.filter(Boolean)) g.input(name, io, cacheDims);
    for (const name of present.filter(Boolean)) g.output(name, io, presentDims);

    let qs = linear(`${at}/attn/q_proj/MatMul`, x, `${w}.attn.q_proj.MatMul.weight`, d.hidden, q);
    let ks = linear(`${at}/attn/k_proj/MatMul`, x, `${w}.attn.k_proj.MatMul.weight`, d.hidden, kv);
    const vs = linear(`${at}/attn/v_proj/MatMul`, x, `${w}.attn.v_proj.MatMul.weight`, d.hidden, kv);
    // Qwen3's per-head RMS norms on Q and K, before the rotation.
    const headNorm = (which: 'q' | 'k', input: string, width: number) => {
      const base = `${at}/attn/${which}_norm`;
      const heads = g.op('Reshape', `${base}/Reshape_1`, [input, int64([0, -1, d.headDim])]);
      const weight = norm(`${w}.attn.${which}_norm.layernorm.weight`, [d.headDim]);
      const normed = g.op('SimplifiedLayerNormalization', `${base}/SimplifiedLayerNormalization`, [heads, weight], {
        epsilon: eps,
        axis: -1,
        stash_type: 1,
      });
      return g.op('Reshape', `${base}/Reshape_2`, [normed, int64([0, -1, width])]);
    };
    qs = headNorm('q', qs, q);
    ks = headNorm('k', ks, kv);
    const rotary = { interleaved: 0, num_heads: 0, rotary_embedding_dim: 0 };
    qs = g.op('RotaryEmbedding', `${at}/attn/q_rotary/RotaryEmbedding`, [qs, positionIds, cos, sin], rotary, MS_DOMAIN);
    ks = g.op('RotaryEmbedding', `${at}/attn/k_rotary/RotaryEmbedding`, [ks, positionIds, cos, sin], rotary, MS_DOMAIN);
    const attnName = `${at}/attn/GroupQueryAttention`;
    const [attended] = g.node(
      'GroupQueryAttention',
      attnName,
      [qs, ks, vs, cache[0]!, cache[1]!, seqlensK, totalLength],
      {
        num_heads: d.heads,
        kv_num_heads: d.kvHeads,
        scale: { float: 1 / Math.sqrt(d.headDim) },
        local_window_size: -1,
        softcap: { float: 0 },
        do_rotary: 0,
        rotary_interleaved: 0,
      },
      { outputs: [`${attnName}/output_0`, present[0]!, present[1]!], domain: MS_DOMAIN },
    );
    const projected = linear(`${at}/attn/o_proj/MatMul`, attended!, `${w}.attn.o_proj.MatMul.weight`, q, d.hidden);

    const postName = `${at}/post_attention_layernorm`;
    // Outputs 0 and 3: the normed state, and the residual sum the next norm adds to.
    [x, residual] = skipNorm(postName, residual, projected, `${w}.post_attention_layernorm.weight`, false);

    const gate = linear(`${at}/mlp/gate_proj/MatMul`, x, `${w}.mlp.gate_proj.MatMul.weight`, d.hidden, d.intermediate);
    const up = linear(`${at}/mlp/up_proj/MatMul`, x, `${w}.mlp.up_proj.MatMul.weight`, d.hidden, d.intermediate);
    const silu = g.op('Mul', `${at}/mlp/act_fn/Mul`, [gate, g.op('Sigmoid', `${at}/mlp/act_fn/Sigmoid`, [gate])]);
    const down = linear(
      `${at}/mlp/down_proj/MatMul`,
      g.op('Mul', `${at}/mlp/Mul`, [silu, up]),
      `${w}.mlp.down_proj.MatMul.weight`,
      d.intermediate,
      d.hidden,
    );

    const last = i === d.layers - 1;
    const nextName = last ? `/model/layers.${d.layers}/final_norm_layernorm` : `/model/layers.${i + 1}/input_layernorm`;
    const nextWeight = last
      ? 'model.layers.final_norm_layernorm.weight'
      : `model.layers.${i + 1}.input_layernorm.weight`;
    [x, residual] = skipNorm(nextName, residual, down, nextWeight, last);
  }

  if (generation) {
    linear('/lm_head/MatMul', x, 'lm_head.MatMul.weight', d.hidden, d.vocab, 'logits');
  } else {
    g.node('Identity', '/model/last_hidden_state/Identity', [x], {}, { outputs: ['last_hidden_state'] });
    g.output('last_hidden_state', io, ['batch_size', 'sequence_length', d.hidden]);
  }
  return g;
}

/** The ONNX Runtime tensor type of the export's KV cache (and activations, and logits). */
export function cacheType(precision: Precision): 'float32' | 'float16' {
  return SPEC[precision].io === 'float16' ? 'float16' : 'float32';
}
