/** Whether a content field is an approximate time (so the record page writes it as a date). */
import { approxTimeSchema, type ApproxTime } from '../../core/time.ts';

export function isApproxTime(v: unknown): v is ApproxTime {
  return typeof v === 'object' && v !== null && 'from' in v && approxTimeSchema.safeParse(v).success;
}
