import type { Message } from '../en.ts';
import type { exploreEn } from './en.ts';

export const exploreFr: Record<keyof typeof exploreEn, Message> = {
};
