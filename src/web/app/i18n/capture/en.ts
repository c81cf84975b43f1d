/** UI strings of the capture pages, English (source of keys for this area). */
export const captureEn = {
} as const;
