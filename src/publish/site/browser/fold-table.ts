/**
 * any-ascii restricted to a table cut at publish time (the full table is ~220 KB gzip; the
 * search page needs only the letters a reader can type against this archive). Letters outside
 * the table fold to nothing, as any-ascii does with symbols.
 */
export function tableAnyAscii(table: Readonly<Record<string, string>>): (s: string) => string {
  return (s) => {
    let out = '';
    for (const ch of s) out += (ch.codePointAt(0) as number) < 0x80 ? ch : (table[ch] ?? '');
    return out;
  };
}
