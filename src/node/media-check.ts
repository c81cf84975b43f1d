/**
 * The node's second look at a shared file before it keeps it: the browser strips photos, and
 * the node refuses any that still carry metadata (EXIF with its GPS position and camera serial,
 * XMP, IPTC, text comments), because one forgotten location can cost a witness their freedom.
 * Images are read with sharp (libvips, shipped with the package); formats it cannot vouch for
 * (HEIC, AVIF, TIFF) are refused with the advice to convert them.
 */
import { KeruenError } from '../core/errors.ts';

const CHECKED_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const SHARP_FORMAT: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };
const UNCHECKABLE = new Set(['image/heic', 'image/avif', 'image/tiff']);

/** Whether an EXIF block (as sharp returns it: "Exif\0\0" + TIFF) points to a GPS section. */
export function exifHasGps(exif: Uint8Array): boolean {
  const base = exif.length >= 6 && String.fromCharCode(...exif.subarray(0, 4)) === 'Exif' ? 6 : 0;
  if (exif.length < base + 8) return false;
  const view = new DataView(exif.buffer, exif.byteOffset, exif.byteLength);
  const order = String.fromCharCode(exif[base] as number, exif[base + 1] as number);
  if (order !== 'II' && order !== 'MM') return false;
  const le = order === 'II';
  const ifd0 = base + view.getUint32(base + 4, le);
  if (ifd0 + 2 > exif.length) return false;
  const count = view.getUint16(ifd0, le);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 2 > exif.length) return false;
    // 0x8825: GPSInfo, the pointer to the GPS section.
    if (view.getUint16(entry, le) === 0x8825) return true;
  }
  return false;
}

/** Location markers of phone videos (QuickTime/MP4 user data): the common carriers of GPS. */
const VIDEO_LOCATION_MARKERS = [Buffer.from('\xa9xyz', 'latin1'), Buffer.from('location.ISO6709', 'latin1')];

/**
 * Throws `invalid_content` (422) for a file that still carries metadata, `unsupported_media`
 * (415) for an image the node cannot read or check. Other files pass as they are.
 */
export async function checkShareable(bytes: Buffer, type: string): Promise<void> {
  if (UNCHECKABLE.has(type)) {
    throw new KeruenError('unsupported_media', `this node cannot check ${type} photos for hidden location data: convert to JPEG, PNG or WebP (metadata removed) before sharing`);
  }
  if (type === 'video/mp4' || type === 'video/quicktime') {
    if (VIDEO_LOCATION_MARKERS.some((m) => bytes.includes(m))) {
      throw new KeruenError('invalid_content', 'strip metadata before sharing: this video still carries its GPS location');
    }
    return;
  }
  if (!CHECKED_IMAGES.has(type)) return;
  // Loaded only when a photo arrives: the relay and the CLI never pay for libvips.
  const sharp = (await import('sharp')).default;
  let meta;
  try {
    meta = await sharp(bytes, { failOn: 'error' }).metadata();
  } catch {
    throw new KeruenError('unsupported_media', `this file starts like ${type} but is not a readable image`);
  }
  if (meta.format !== SHARP_FORMAT[type]) throw new KeruenError('unsupported_media', `this file starts like ${type} but reads as ${meta.format}`);
  const carried: string[] = [];
  if (meta.exif !== undefined && meta.exif.length > 0) carried.push(exifHasGps(meta.exif) ? 'GPS/EXIF' : 'EXIF');
  if (meta.xmp !== undefined && meta.xmp.length > 0) carried.push('XMP');
  if (meta.iptc !== undefined && meta.iptc.length > 0) carried.push('IPTC');
  if (meta.tifftagPhotoshop !== undefined && meta.tifftagPhotoshop.length > 0) carried.push('Photoshop');
  if (meta.comments !== undefined && meta.comments.length > 0) carried.push('text comment');
  if (carried.length > 0) {
    throw new KeruenError('invalid_content', `strip metadata before sharing: this photo still carries ${carried.join(', ')} data`);
  }
}

/** Largest photo `redactPhoto` reads; a phone's camera makes far less. */
export const MAX_PHOTO_BYTES = 64 * 1024 * 1024;
/** Images of more pixels are refused before they are decoded (a small file can claim a huge image). */
const MAX_PHOTO_PIXELS = 100_000_000;

export interface RedactedPhoto {
  bytes: Buffer;
  /** image/jpeg or image/webp. */
  type: string;
  width: number;
  height: number;
}

/**
 * The copy of a photo that may be shared: decoded, turned upright (EXIF orientation applied to
 * the pixels, since the tag goes), and encoded anew, so nothing of the original file's metadata
 * is carried: no EXIF (GPS, time, camera serial), XMP, IPTC, maker notes, comments, nor an ICC
 * profile (the pixels are converted to sRGB, the web's default, and no profile is written).
 * JPEG, PNG and WebP are read; WebP stays WebP, the others become JPEG. The copy is then checked
 * as any upload is (`checkShareable`): a libvips that one day carried something over must fail
 * here, not leak a witness's position.
 */
export async function redactPhoto(original: Uint8Array): Promise<RedactedPhoto> {
  if (original.length > MAX_PHOTO_BYTES) throw KeruenError.tooLarge('photo', original.length, MAX_PHOTO_BYTES);
  const sharp = (await import('sharp')).default;
  const input = Buffer.from(original.buffer, original.byteOffset, original.byteLength);
  let format: string | undefined;
  try {
    format = (await sharp(input, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).metadata()).format;
  } catch {
    throw new KeruenError('unsupported_media', 'this file is not a readable photo (JPEG, PNG or WebP)');
  }
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') {
    throw new KeruenError('unsupported_media', `this photo is ${format ?? 'of an unknown format'}: convert it to JPEG, PNG or WebP first`);
  }
  const webp = format === 'webp';
  let out: { data: Buffer; info: { width: number; height: number } };
  try {
    // sharp writes no metadata unless asked (withMetadata / keepExif / keepIccProfile), and
    // converts to sRGB on output; `rotate()` with no angle applies the EXIF orientation.
    const pipeline = sharp(input, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).rotate();
    out = await (webp ? pipeline.webp({ quality: 88 }) : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 88 })).toBuffer({ resolveWithObject: true });
  } catch {
    throw new KeruenError('unsupported_media', `this ${format.toUpperCase()} photo is damaged: it could not be decoded`);
  }
  const type = webp ? 'image/webp' : 'image/jpeg';
  await checkShareable(out.data, type);
  return { bytes: out.data, type, width: out.info.width, height: out.info.height };
}
