/**
 * Rateless invertible Bloom lookup tables (Yang, Gilad, Alizadeh, "Practical Rateless Set
 * Reconciliation", SIGCOMM 2024): each side codes its set into a stream of symbols; the
 * difference of two streams peels into the symmetric difference after about 1.35 to 1.7 symbols
 * per differing item, whatever the sets' sizes. Pure (no Node APIs): runs in the browser too.
 */
export { itemsFromIds, prefixHex, ITEM_BYTES, ITEM_HEX, type ItemSet } from './items.ts';
export { SymbolEncoder, MAX_SYMBOLS } from './encoder.ts';
export { DifferenceDecoder, type DecoderOptions } from './decoder.ts';
export { decodeSymbols, encodeSymbols, emptySymbols, fromBase64, toBase64, type CodedSymbols } from './symbols.ts';
