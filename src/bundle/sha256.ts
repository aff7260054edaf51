/** SHA-256 of `bytes` in lowercase hex, as `sha256sum` prints it; null where the browser offers no Web Crypto. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (https://, localhost).
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
