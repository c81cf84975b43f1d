/** NIP-77 client verbs; apart from relay/negentropy.ts so messages.ts can name them without an import cycle. */
export type NegVerb = 'NEG-OPEN' | 'NEG-MSG' | 'NEG-CLOSE';

export function isNegVerb(type: string): type is NegVerb {
  return type === 'NEG-OPEN' || type === 'NEG-MSG' || type === 'NEG-CLOSE';
}
