/**
 * Whether this browser's WebGPU adapter can run float16 shaders (the shader-f16 feature):
 * onnxruntime-web needs it for fp16 and q4f16 graphs on WebGPU.
 */
export async function gpuHasF16(): Promise<boolean> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ features: ReadonlySet<string> } | null> } }).gpu;
  try {
    return (await gpu?.requestAdapter())?.features.has('shader-f16') ?? false;
  } catch {
    return false;
  }
}
