import type { Message } from '../en.ts';
import type { captureEn } from './en.ts';

export const captureRu: Record<keyof typeof captureEn, Message> = {
};
