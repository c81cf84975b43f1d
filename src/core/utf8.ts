/**
 * Where bytes stop being UTF-8, for error messages that name the byte ("byte 1234 starts no valid
 * character"). The platform's strict decoder (TextDecoder, fatal) decides; we only search for
 * the offset, so the rules (no overlongs, no surrogates) are the standard's, not ours.
 */

function decodes(b: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream });
    return true;
  } catch {
    return false;
  }
}

/** The offset of the first byte that is not part of valid UTF-8, or -1 when all of it is. */
export function firstInvalidUtf8(b: Uint8Array): number {
  if (decodes(b, false)) return -1;
  // The longest prefix that decodes when a cut last character is allowed: prefixes that decode
  // shrink to prefixes that decode, so a binary search finds it.
  let lo = 0;
  let hi = b.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (decodes(b.subarray(0, mid), true)) lo = mid;
    else hi = mid;
  }
  // Back to the start of the character the error is in (a character is at most 4 bytes).
  for (let k = lo; k >= Math.max(0, lo - 3); k--) if (decodes(b.subarray(0, k), false)) return k;
  return Math.max(0, lo - 3);
}
