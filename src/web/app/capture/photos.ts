/**
 * Photos leave the device only as a copy re-encoded through a canvas: pixels in, a fresh JPEG
 * out, so EXIF (GPS position, camera serial, time), XMP and IPTC are not carried over. The copy
 * is then checked for metadata segments before anyone may keep it: a browser that one day
 * copies them across must fail loudly, not leak a witness's position.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Long side of the copy: enough to read faces and signs, small enough to move in a short window. */
const MAX_SIDE = 2560;
const QUALITY = 0.88;

export interface StrippedPhoto {
  blob: Blob;
  width: number;
  height: number;
}

export async function stripPhoto(file: Blob): Promise<StrippedPhoto> {
  // 'from-image' applies the EXIF orientation to the pixels, since the tag itself is dropped.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2D canvas in this browser');
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode JPEG'))), 'image/jpeg', QUALITY),
    );
    const found = jpegMetadataSegments(new Uint8Array(await blob.arrayBuffer()));
    if (found.length > 0) throw new Error(`the re-encoded photo still carries ${found.join(', ')}`);
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}

/**
 * Names of the JPEG segments that can carry identifying metadata (APP1: EXIF or XMP; APP13:
 * IPTC; COM: comments), read from the markers before the image data. Empty means clean.
 */
export function jpegMetadataSegments(bytes: Uint8Array): string[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return ['not a JPEG'];
  const found: string[] = [];
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return [...found, 'a damaged segment'];
    const marker = bytes[i + 1] as number;
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end: no more headers
    const len = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    if (marker === 0xe1) {
      const sig = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
      found.push(sig === 'Exif' ? 'EXIF' : 'XMP');
    } else if (marker === 0xed) found.push('IPTC');
    else if (marker === 0xfe) found.push('a comment');
    i += 2 + len;
  }
  return found;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  // @noble rather than crypto.subtle: subtle exists only in secure contexts, and a phone on
  // the LAN reaches the node over plain http://192.168.x.y.
  return bytesToHex(sha256(new Uint8Array(await blob.arrayBuffer())));
}

export function randomId(): string {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(8)));
}
