/**
 * `keruen circle ...`: private groups whose records relays and couriers cannot read
 * (docs/circles.md). Members are nodes, named by their node key (`keruen peers whoami`).
 * Everything a circle sends (records, key shares, join requests) is a gift wrap in the main
 * store, so any sync or courier carries it; `circle sync` also answers the relay's NIP-42
 * challenge so it is served the wraps addressed to this node and its circles.
 */
import { Command } from 'commander';
import { renderUnicodeCompact } from 'uqr';
import { KeruenError } from '../../core/errors.ts';
import { nowSeconds, verifyWireEvent } from '../../core/event.ts';
import { encodeInvite, epochPubkey, joinRequestWrap, newCircle, newInvite, parseInvite } from '../../core/circles.ts';
import { CircleBook, circleAuthSecrets, nodeSecret, type ReceiveReport } from '../../node/circles.ts';
import { loadOrCreateNodeKey, npubOf, parsePeerKey } from '../../node/node-key.ts';
import { syncWith } from '../../sync/client.ts';
import type { CliContext } from '../context.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

function open(ctx: CliContext) {
  const root = ctx.dataDir.root;
  const key = loadOrCreateNodeKey(root);
  return { book: new CircleBook(root), self: nodeSecret(root), selfKey: key.pubkey as string };
}

function describe(r: ReceiveReport): string {
  const parts = [`${r.records} circle record${r.records === 1 ? '' : 's'} opened`, `${r.keyShares} key share${r.keyShares === 1 ? '' : 's'} taken`];
  if (r.admitted.length > 0) parts.push(`admitted ${r.admitted.map((k) => npubOf(k)).join(', ')} (sync again to send them the key)`);
  if (r.refused.length > 0) parts.push(`${r.refused.length} refused`);
  return parts.join('; ');
}

export function circleCommand(getContext: () => CliContext): Command {
  const circle = new Command('circle').description('private groups: records only members can read (docs/circles.md)');

  circle
    .command('create')
    .description('make a circle with this node as its only member')
    .argument('<name>', 'a name members see (never sent in clear)')
    .action((name: string) => {
      const { book, selfKey } = open(getContext());
      if (book.circles.some((c) => c.name === name)) throw KeruenError.usage(`a circle named "${name}" exists already`);
      const c = newCircle(name, selfKey);
      book.put(c);
      book.save();
      out(`circle "${c.name}" created (id ${c.id}); add members with \`keruen circle add ${c.name} <npub>\` or \`keruen circle invite ${c.name}\``);
    });

  circle
    .command('add')
    .description("add a node (its `keruen peers whoami` key): it is sent the circle's current key")
    .argument('<name>')
    .argument('<npub>')
    .action((name: string, npub: string) => {
      const ctx = getContext();
      const { book, self, selfKey } = open(ctx);
      const member = parsePeerKey(npub);
      const c = book.find(name);
      const next = { ...c, members: c.members.includes(member) ? c.members : [...c.members, member] };
      book.put(next);
      // Every member learns the new list; only the newcomer needed the key, the others already hold it.
      book.shareWith(next, next.members, ctx.store, self, selfKey);
      book.save();
      out(`${npubOf(member)} added to "${c.name}"; its key share waits in this node's store: sync to send it`);
    });

  circle
    .command('remove')
    .description('remove a member: a new epoch key goes to the others, so it cannot read what comes next')
    .argument('<name>')
    .argument('<npub>')
    .action((name: string, npub: string) => {
      const ctx = getContext();
      const { book, self, selfKey } = open(ctx);
      const member = parsePeerKey(npub);
      const c = book.find(name);
      if (!c.members.includes(member)) throw KeruenError.notFound(`${npubOf(member)} in circle "${c.name}"`);
      if (member === selfKey) throw KeruenError.usage('to remove this node, use `keruen circle leave`');
      const next = book.rotateFor(c, c.members.filter((m) => m !== member), ctx.store, self, selfKey);
      book.save();
      out(`${npubOf(member)} removed from "${c.name}"; epoch ${next.epoch} key sent to ${next.members.length - 1} member(s): sync to deliver it`);
    });

  circle
    .command('leave')
    .description("leave a circle: the others get a new epoch key; this node forgets the circle's keys")
    .argument('<name>')
    .action((name: string) => {
      const ctx = getContext();
      const { book, self, selfKey } = open(ctx);
      const c = book.find(name);
      const rest = c.members.filter((m) => m !== selfKey);
      if (rest.length > 0) book.rotateFor(c, rest, ctx.store, self, selfKey);
      book.drop(c);
      book.save();
      out(`left "${c.name}"${rest.length > 0 ? `; a new key for the ${rest.length} other member(s) waits in this node's store: sync to deliver it` : ''}`);
    });

  circle
    .command('invite')
    .description('print a one-time invite code (and a QR code) for a newcomer to `keruen circle join`')
    .argument('<name>')
    .option('--hours <n>', 'how long the code is valid', '24')
    .option('--no-qr', 'print the code only')
    .action((name: string, o: { hours: string; qr: boolean }) => {
      const { book, selfKey } = open(getContext());
      const hours = Number(o.hours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw KeruenError.usage('--hours must be a number of hours, up to 720');
      const c = book.find(name);
      const invite = newInvite(selfKey, c, Math.round(hours * 3600), nowSeconds());
      book.addInvite(c.id, invite.secret, invite.expires);
      book.save();
      const code = encodeInvite(invite);
      out(code);
      if (o.qr) out(renderUnicodeCompact(code.toUpperCase(), { border: 1 }));
      out(`valid once, until ${new Date(invite.expires * 1000).toISOString()}; the newcomer runs \`keruen circle join <code>\`, then both sync`);
    });

  circle
    .command('join')
    .description('ask to join with an invite code: a join request for the inviter waits in the store until a sync carries it')
    .argument('<code>')
    .action((code: string) => {
      const ctx = getContext();
      const { self } = open(ctx);
      const invite = parseInvite(code);
      if (invite.expires < nowSeconds()) throw KeruenError.usage('this invite has expired: ask for a new one');
      ctx.store.put(verifyWireEvent(joinRequestWrap(invite, self)));
      out(`join request for ${npubOf(invite.inviter)} written; sync with a relay the inviter also reaches, then \`keruen circle receive\``);
    });

  circle
    .command('receive')
    .description('open the wraps in this store meant for this node and its circles (records, keys, join requests)')
    .action(() => {
      const ctx = getContext();
      const { book, self, selfKey } = open(ctx);
      out(describe(book.receive(ctx.store, self, selfKey)));
      book.close();
    });

  circle
    .command('sync')
    .description("sync with a relay, authenticated (NIP-42) with this node's and its circles' keys, then receive")
    .argument('<url>', 'ws://host:port or http://host:port')
    .action(async (url: string) => {
      const ctx = getContext();
      const { book, self, selfKey } = open(ctx);
      const keys = () => [self, ...circleAuthSecrets(book)];
      const first = await syncWith(ctx.store, url, { authSecretKeys: keys(), workers: 1 });
      const report = book.receive(ctx.store, self, selfKey);
      // What arrived may hold new keys (more wraps to fetch) or admit someone (a share to send).
      if (report.keyShares > 0 || report.written > 0) {
        await syncWith(ctx.store, url, { authSecretKeys: keys(), workers: 1 });
        const again = book.receive(ctx.store, self, selfKey);
        report.records += again.records;
        report.keyShares += again.keyShares;
        report.refused.push(...again.refused);
      }
      out(`synced with ${url}: ${first.pushed.accepted} sent, ${first.pulled.stored} received; ${describe(report)}`);
      book.close();
    });

  circle
    .command('list')
    .description('the circles this node holds')
    .action(() => {
      const { book } = open(getContext());
      for (const c of book.circles) out(`${c.name}\tepoch ${c.epoch}\t${c.members.length} member(s)\t${npubOf(epochPubkey(c.secret))}`);
    });

  circle
    .command('records')
    .description("a circle's records, in clear (receives first)")
    .argument('<name>')
    .option('--json', 'one signed event per line')
    .action((name: string, o: { json?: boolean }) => {
      const ctx = getContext();
      const { book, self, selfKey } = open(ctx);
      book.receive(ctx.store, self, selfKey);
      const c = book.find(name);
      for (const e of book.records(c).query([{}])) {
        out(o.json === true ? JSON.stringify(e) : `${e.id}\t${e.kind}\t${e.content.slice(0, 120)}`);
      }
      book.close();
    });

  return circle;
}
