/**
 * onnxruntime's error message, said shortly: the sentences a person can read, without its error
 * code, source file and C++ assertion. A node that failed while running is named with its reason
 * ("its Gather node /model/embed_tokens/Gather failed: …"). The predictor's session and the query
 * encoder both report WebGPU's failures through it.
 */
export function ortReason(message: string): string {
  const node = /running (\w+) node\. Name:'([^']*)' Status Message: (?:\S+:\d+ \S+ )?(.*)$/s.exec(message);
  if (node) return `its ${node[1]} node ${node[2]} failed: ${node[3]!.trim()}`;
  return message
    .replace(/ERROR_CODE: \d+, ERROR_MESSAGE: /, '')
    .replace(/\S+\.(?:cc|cpp|h):\d+ .*? was false\. /, '')
    .trim();
}
