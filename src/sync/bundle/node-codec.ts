/** The frame codec on Node: zlib's raw deflate and node:crypto's sha256 (native, fast). */
import { createHash } from 'node:crypto';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FrameCodec } from './format.ts';

export const nodeCodec: FrameCodec = {
  sha256: (bytes) => createHash('sha256').update(bytes).digest(),
  deflate: (bytes) => deflateRawSync(bytes, { level: constants.Z_DEFAULT_COMPRESSION }),
  // maxOutputLength makes zlib throw instead of inflating a bomb.
  inflate: (bytes, maxBytes) => inflateRawSync(bytes, { maxOutputLength: maxBytes }),
};
