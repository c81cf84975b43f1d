/** The page talks to the node that served it: same host, WebSocket for the relay. */
export function nodeRelayUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}
