/**
 * An 87-byte ONNX graph, y = Identity(x). Opening a session on it makes onnxruntime-web fetch,
 * compile and start its 14 MB .wasm while the real bundle is still downloading: ORT has no
 * public call that only initialises. warmUpModel.test.ts rebuilds it with GraphBuilder.
 */
const BASE64 =
  'CAgSAnIyOkkKHAoBeBIBeRoKSWRlbnRpdHlfMCIISWRlbnRpdHkSB3dhcm0tdXBaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAR';

export function warmUpModel(): Uint8Array {
  return Uint8Array.from(atob(BASE64), (c) => c.charCodeAt(0));
}
