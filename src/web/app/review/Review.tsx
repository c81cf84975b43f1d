/**
 * /review and /review/:id, loaded as their own chunk (the router shows the previous page while
 * it loads): readers of the timeline never pay for the review, and the extractors load later
 * still, in a worker, only when a document is opened.
 */
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { ReviewDocument } from './ReviewDocument.tsx';
import { ReviewList } from './ReviewList.tsx';
import './review.css';

export default function Review({ id }: { id?: string }) {
  return <ArchiveGate>{(a) => (id === undefined || id === '' ? <ReviewList a={a} /> : <ReviewDocument id={id} />)}</ArchiveGate>;
}
