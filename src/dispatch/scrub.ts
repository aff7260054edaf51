const HIDDEN = '[API key hidden]';

/** Bearer tokens and common key shapes (sk-…, sk-or-v1-…), in case a provider echoes a key we don't hold. */
const KEY_LIKE = /\bBearer\s+\S+|\bsk-[A-Za-z0-9_-]{16,}/g;

/** Removes the API key from text that may reach the screen or a file (a key pasted into a query by mistake). */
export function scrubSecret(text: string, apiKey: string): string {
  const key = apiKey.trim();
  return key.length > 0 ? text.split(key).join(HIDDEN) : text;
}

/** For text a provider wrote (error bodies): they sometimes echo the key, whole or as another credential. */
export function scrubProviderText(text: string, apiKey: string): string {
  return scrubSecret(text, apiKey).replace(KEY_LIKE, HIDDEN);
}
