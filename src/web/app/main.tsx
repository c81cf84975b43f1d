import { render } from 'preact';
import { App } from './App.tsx';
import './styles.css';

render(<App />, document.getElementById('app') as HTMLElement);

// The service worker keeps the app shell for offline use (public/sw.js). Browsers only allow
// it in a secure context (https or localhost): a phone on plain http over the LAN still works,
// online, and its drafts are still kept in IndexedDB. Not in `vite dev`, where it would cache
// modules that change under it.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
