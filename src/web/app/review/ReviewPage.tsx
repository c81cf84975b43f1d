/** The review's route: its pages load as their own chunk, only when someone opens them. */
import { lazy } from 'preact-iso';

export const ReviewPage = lazy(() => import('./Review.tsx'));
