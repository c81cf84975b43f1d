/** UI strings of the explore pages, English (source of keys for this area). */
export const exploreEn = {
} as const;
