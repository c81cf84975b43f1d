import type { Message } from '../en.ts';
import type { captureEn } from './en.ts';

export const captureKk: Record<keyof typeof captureEn, Message> = {
};
