/**
 * /capture. The form (language detection, time parsing, photo stripping, signing) is loaded
 * only when someone opens this page, so readers of the timeline do not pay for it; the
 * service worker caches its chunk, so it still opens offline. The router shows the previous
 * page while the chunk loads.
 */
import { lazy } from 'preact-iso';

const CaptureForm = lazy(() => import('../capture/CaptureForm.tsx'));

export function CapturePage() {
  return <CaptureForm />;
}
