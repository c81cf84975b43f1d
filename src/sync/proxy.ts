/**
 * Outgoing connections through a proxy: SOCKS (Tor's 127.0.0.1:9050, `ssh -D`) or an HTTP proxy,
 * as an `http.Agent` that ws, node:http requests and media fetches all accept. Errors say whose
 * fault a failure is (the proxy unreachable, the proxy refusing, a bad proxy address), because
 * a user in a short window must know whether to fix the proxy or the peer's address.
 */
import type http from 'node:http';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { KeruenError } from '../core/errors.ts';

export type ProxyKind = 'socks' | 'http';

export interface ProxySpec {
  url: URL;
  kind: ProxyKind;
  /** The address without user name or password, fit to print. */
  display: string;
}

/**
 * How a request reaches its target through an HTTP proxy. `tunnel`: CONNECT, then our own bytes
 * (WebSocket, TLS). `forward`: the proxy makes a plain http:// request for us, which is all some
 * networks let through. A SOCKS proxy always tunnels.
 */
export type ProxyRoute = 'tunnel' | 'forward';

const SOCKS_PROTOCOLS = new Set(['socks:', 'socks4:', 'socks4a:', 'socks5:', 'socks5h:']);
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/** Reads a proxy address; a wrong one is a usage error that names what is accepted. */
export function parseProxyUrl(text: string): ProxySpec {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw KeruenError.usage(`proxy "${text}" is not a URL: give it like socks5h://127.0.0.1:9050 (Tor) or http://proxy.example:3128`);
  }
  const kind: ProxyKind | undefined = SOCKS_PROTOCOLS.has(url.protocol) ? 'socks' : url.protocol === 'http:' ? 'http' : undefined;
  if (kind === undefined) {
    throw KeruenError.usage(`proxy "${url.protocol}//${url.host}" is not supported: use socks5://, socks5h:// (names resolved by the proxy, as Tor needs), socks4:// or http://`);
  }
  if (url.hostname === '') throw KeruenError.usage(`proxy "${text}" has no host`);
  if (url.port === '') throw KeruenError.usage(`proxy "${text}" has no port: Tor's is usually 9050, an HTTP proxy's often 3128 or 8080`);
  if (url.pathname !== '/' && url.pathname !== '') throw KeruenError.usage(`proxy "${text}" has a path: give only scheme, host and port`);
  return { url, kind, display: `${url.protocol}//${url.host}` };
}

/**
 * An agent that sends connections through `proxy`. One agent per link: its CONNECT answer is
 * watched to tell a proxy's refusal from the peer's. Keep-alive, so the POST binding reuses
 * one tunnel for its requests.
 */
export function proxyAgent(proxy: string | ProxySpec, route: ProxyRoute = 'tunnel'): http.Agent {
  const spec = typeof proxy === 'string' ? parseProxyUrl(proxy) : proxy;
  const agentOpts = { keepAlive: true };
  if (spec.kind === 'socks') return new SocksProxyAgent(spec.url, agentOpts);
  if (route === 'forward') return new HttpProxyAgent(spec.url, agentOpts);
  const agent = new HttpsProxyAgent(spec.url, agentOpts);
  agent.on('proxyConnect', (res: { statusCode: number }) => connectStatus.set(agent, res.statusCode));
  return agent;
}

/** The status an HTTP proxy last answered a CONNECT through this agent with. */
const connectStatus = new WeakMap<http.Agent, number>();

/**
 * The proxy to use, from the environment: KERUEN_PROXY first, then ALL_PROXY / all_proxy.
 * Honoured by default because someone who set ALL_PROXY to Tor would be exposed if Keruen
 * quietly went direct; `none` (or `direct`) in KERUEN_PROXY turns it off for Keruen alone.
 */
export function proxyFromEnv(env: Record<string, string | undefined>): string | undefined {
  for (const name of ['KERUEN_PROXY', 'ALL_PROXY', 'all_proxy']) {
    const value = env[name]?.trim();
    if (value === undefined || value === '') continue;
    return value === 'none' || value === 'direct' ? undefined : value;
  }
  return undefined;
}

/**
 * Turns a failure seen through a proxy into an error that says whose it was. Network errors
 * on our side can only be with the proxy (it makes the onward connection), so they mean it is
 * unreachable; SOCKS replies and CONNECT answers are the proxy refusing.
 */
export function explainProxyFailure(e: unknown, spec: ProxySpec, target: string, agent?: http.Agent): KeruenError | undefined {
  const err = e as { code?: unknown; message?: unknown } | null;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  // The SOCKS client reports a failed connection to the proxy in its message, with no code.
  const code = typeof err?.code === 'string' ? err.code : ([...CONNECT_ERRORS].find((c) => message.includes(c)) ?? '');
  if (CONNECT_ERRORS.has(code)) {
    const hint = spec.kind === 'socks' ? ' (is Tor running? its SOCKS port is usually 9050, Tor Browser\'s 9150)' : '';
    return new KeruenError('io', `the proxy ${spec.display} is unreachable: ${code}${hint}`);
  }
  if (/authentication failed/i.test(message)) {
    return new KeruenError('unauthorized', `the proxy ${spec.display} refused our user name or password`);
  }
  const socks = /Socks[45a]* proxy rejected connection(?: - (\w+))?/i.exec(message);
  if (socks) return new KeruenError('io', `the proxy ${spec.display} refused to connect to ${target}${socks[1] ? ` (${socks[1]})` : ''}`);
  if (/Proxy connection timed out|Socket closed/i.test(message) && spec.kind === 'socks') {
    return new KeruenError('io', `the proxy ${spec.display} did not complete the connection to ${target}: ${message}`);
  }
  const status = agent === undefined ? undefined : connectStatus.get(agent);
  if (status !== undefined && status !== 200) {
    if (status === 407) return new KeruenError('unauthorized', `the proxy ${spec.display} wants a user name and password: put them in the proxy URL (http://user:pass@host:port)`);
    return new KeruenError('io', `the proxy ${spec.display} refused to connect to ${target}: HTTP ${status}`);
  }
  return undefined;
}
