// The encoder's onnxruntime-web is an npm alias (package.json), whose own declarations name
// their modules 'onnxruntime-web/…'; its API is onnxruntime-web's.
declare module 'onnxruntime-web-encoder/webgpu' {
  export * from 'onnxruntime-web';
}
declare module 'onnxruntime-web-encoder/wasm' {
  export * from 'onnxruntime-web';
}
