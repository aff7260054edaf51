import { describe, expect, it } from 'vitest';
import { ortReason } from './ortReason';

describe('ortReason', () => {
  it('keeps the sentences of onnxruntime’s error a person can read', () => {
    expect(
      ortReason(
        "Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: /mnt/w/onnxruntime/core/optimizer/transformer_memcpy.cc:254 bool onnxruntime::TransformerMemcpyImpl::IsNodeCompatibleWithProvider(const onnxruntime::Node &) const !node_provider_type.empty() was false. Provider type for Cast node with name 'Cast_0' is not set.\n",
      ),
    ).toBe("Can't create a session. Provider type for Cast node with name 'Cast_0' is not set.");
  });

  it('names a node that failed while running, and why', () => {
    expect(
      ortReason(
        "failed to call OrtRun(). ERROR_CODE: 1, ERROR_MESSAGE: Non-zero status code returned while running Gather node. Name:'/model/embed_tokens/Gather' Status Message: shader_helper.cc:416 GenerateSourceCode Program Gather requires f16 but the device does not support it.",
      ),
    ).toBe(
      'its Gather node /model/embed_tokens/Gather failed: Program Gather requires f16 but the device does not support it.',
    );
  });

  it('keeps a message it does not recognise as it is', () => {
    expect(ortReason('Buffer too large')).toBe('Buffer too large');
  });
});
