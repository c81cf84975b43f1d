/**
 * `keruen add <kind>`: write a record from flags or from a JSON file, sign it with one of
 * the node's identities, store it. Prints the new record's id.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeruenError } from '../../core/errors.ts';
import { signEvent, nowSeconds, type EventTemplate, type VerifiedEvent } from '../../core/event.ts';
import { Kind, kindSlugs } from '../../core/kinds.ts';
import { buildRecord, validateRecord, REF_ROLES, type Ref, type RefRole, type Place } from '../../core/records.ts';
import { parseApproxTime, prepareTimeParsing } from '../../core/parse-time.ts';
import { readPassphrase } from '../passphrase.ts';
import type { CliContext } from '../context.ts';
import { redactPhoto } from '../../node/media-check.ts';
import { assertCanKeepOriginals, keepOriginal as keepOriginalFile } from '../../node/originals.ts';
import { decodeEventRef } from '../context.ts';
import { wrapForCircle } from '../../core/circles.ts';
import { CircleBook, storeForCircle } from '../../node/circles.ts';
import { receivingStore } from '../../store/provenance.ts';

type Opts = Record<string, unknown>;
const collect = (v: string, prev: string[] = []) => [...prev, v];

interface KindForm {
  kind: number;
  describe: string;
  options: Option[];
  /** Builds content (without lang/sources) and extra refs from the flags. */
  build(o: Opts, ctx: CliContext): { content: Record<string, unknown>; refs: Ref[] };
}

const opt = (flags: string, description: string) => new Option(flags, description);
const many = (flags: string, description: string) => new Option(flags, description).argParser(collect);

function str(o: Opts, key: string, flag: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw KeruenError.usage(`${flag} is required`);
  return v;
}
const maybe = (o: Opts, key: string) => (typeof o[key] === 'string' ? (o[key] as string) : undefined);
const list = (o: Opts, key: string) => (Array.isArray(o[key]) ? (o[key] as string[]) : []);
const ids = (o: Opts, key: string, role: RefRole): Ref[] => list(o, key).map((r) => ({ id: decodeEventRef(r), role }));

function when(o: Opts, key = 'when'): Record<string, unknown> {
  const v = maybe(o, key);
  if (v === undefined) return {};
  return { [key]: parseApproxTime(v, { lang: maybe(o, 'lang'), label: maybe(o, `${key}Label`), circa: o.circa === true }) };
}

/** "Almaty" or "Almaty@43.238,76.946". */
export function parsePlace(s: string | undefined): { where?: Place } {
  if (s === undefined) return {};
  const m = /^(.*?)@(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)$/.exec(s);
  return { where: m ? { name: (m[1] ?? '').trim(), lat: Number(m[2]), lon: Number(m[3]) } : { name: s.trim() } };
}

const whenOptions = [
  opt('--when <time>', 'when: 2022-01-05, 2022-01-04T23:00+06:00/2022-01-05T04:00+06:00, or words ("5 janvier 2022 vers 10 heures")'),
  opt('--when-label <words>', "the source's own words for the time"),
  opt('--circa', 'the time is approximate'),
  opt('--where <place>', 'place name, optionally with coordinates: "Almaty@43.238,76.946"'),
];

const FORMS: Record<string, KindForm> = {
  source: {
    kind: Kind.SourceDocument,
    describe: 'a source document (article, report, transcript); its content hash pins the text that citations quote',
    options: [opt('--path <file>', 'the document file (hashed)'), opt('--title <title>', 'title'), opt('--publisher <name>', 'publisher'), many('--author <name>', 'author (repeatable)'), opt('--url <url>', 'where it was published'), opt('--published <time>', 'when it was published'), opt('--mime <type>', 'MIME type (default text/plain; charset=utf-8)')],
    build(o) {
      const path = str(o, 'path', '--path');
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (e) {
        throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
      }
      const published = maybe(o, 'published');
      return {
        content: {
          title: maybe(o, 'title') ?? basename(path),
          ...(maybe(o, 'publisher') ? { publisher: maybe(o, 'publisher') } : {}),
          ...(list(o, 'author').length ? { authors: list(o, 'author') } : {}),
          ...(maybe(o, 'url') ? { url: maybe(o, 'url') } : {}),
          ...(published ? { published: parseApproxTime(published) } : {}),
          sha256: bytesToHex(sha256(bytes)),
          size: bytes.length,
          mime: maybe(o, 'mime') ?? 'text/plain; charset=utf-8',
        },
        refs: [],
      };
    },
  },
  testimony: {
    kind: Kind.Testimony,
    describe: 'what a witness saw or heard, in their words',
    options: [opt('--text <text>', 'the testimony'), opt('--witness <description>', 'who speaks, as safely as they chose ("a nurse in Almaty")'), opt('--secondhand', 'the witness reports what others told them'), ...whenOptions, many('--event <id>', 'event this testimony is about'), many('--person <id>', 'person of concern it mentions')],
    build: (o) => ({
      content: { text: str(o, 'text', '--text'), witness: { description: str(o, 'witness', '--witness'), firsthand: o.secondhand !== true }, ...when(o), ...parsePlace(maybe(o, 'where')) },
      refs: [...ids(o, 'event', 'event'), ...ids(o, 'person', 'person')],
    }),
  },
  event: {
    kind: Kind.Event,
    describe: 'something that happened, at a time and place, documented by testimonies and sources',
    options: [opt('--title <title>', 'title'), opt('--summary <text>', 'summary'), many('--category <c>', 'strike, protest, clash, shooting, arson, occupation, arrest, shutdown, ... (repeatable)'), ...whenOptions, many('--testimony <id>', 'testimony that documents it')],
    build: (o) => {
      if (maybe(o, 'when') === undefined) throw KeruenError.usage('--when is required for an event');
      return {
        content: { title: str(o, 'title', '--title'), summary: str(o, 'summary', '--summary'), categories: list(o, 'category').length ? list(o, 'category') : ['other'], ...when(o), ...parsePlace(maybe(o, 'where')) },
        refs: ids(o, 'testimony', 'testimony'),
      };
    },
  },
  person: {
    kind: Kind.PersonOfConcern,
    describe: 'a person of concern (detained, missing, ...); their status comes from status reports',
    options: [opt('--name <name>', 'name, any script'), many('--alias <name>', 'other spelling or script (repeatable)'), opt('--role <role>', 'journalist, union activist, ...'), opt('--description <text>', 'why they are of concern')],
    build: (o) => ({
      content: { name: str(o, 'name', '--name'), ...(list(o, 'alias').length ? { aliases: list(o, 'alias') } : {}), ...(maybe(o, 'role') ? { role: maybe(o, 'role') } : {}), ...(maybe(o, 'description') ? { description: maybe(o, 'description') } : {}) },
      refs: [],
    }),
  },
  status: {
    kind: Kind.PersonStatus,
    describe: "a report of a person's status: detained, missing, injured, killed, released, found",
    options: [opt('--person <id>', 'the person of concern'), opt('--status <status>', 'detained | missing | injured | killed | released | found'), opt('--note <text>', 'what is known'), ...whenOptions, many('--evidence <id>', 'record this report rests on (repeatable)')],
    build: (o) => ({
      content: { status: str(o, 'status', '--status'), ...(maybe(o, 'note') ? { note: maybe(o, 'note') } : {}), ...when(o), ...parsePlace(maybe(o, 'where')) },
      refs: [{ id: decodeEventRef(str(o, 'person', '--person')), role: 'person' }, ...ids(o, 'evidence', 'evidence')],
    }),
  },
  claim: {
    kind: Kind.Claim,
    describe: 'who said what, when: an official figure or narrative, quoted',
    options: [opt('--statement <text>', 'what was said'), opt('--claimant <name>', 'who said it'), opt('--claimant-role <role>', 'their role'), opt('--said <time>', 'when it was said'), opt('--figure <n>', 'a number the claim states'), opt('--unit <unit>', 'killed | detained | injured | missing | troops | participants | other'), opt('--qualifier <q>', 'exactly | about | at least | at most | up to')],
    build: (o) => ({
      content: {
        statement: str(o, 'statement', '--statement'),
        claimant: { name: str(o, 'claimant', '--claimant'), ...(maybe(o, 'claimantRole') ? { role: maybe(o, 'claimantRole') } : {}) },
        ...when(o, 'said'),
        ...(maybe(o, 'figure') !== undefined ? { figure: { value: Number(maybe(o, 'figure')), unit: maybe(o, 'unit') ?? 'other', ...(maybe(o, 'qualifier') ? { qualifier: maybe(o, 'qualifier') } : {}) } } : {}),
      },
      refs: [],
    }),
  },
  assessment: {
    kind: Kind.Assessment,
    describe: "a curator's signed judgement of a record: verifies, supports, contradicts, duplicates",
    options: [opt('--target <id>', 'the record judged'), opt('--verdict <v>', 'verifies | supports | contradicts | duplicates'), opt('--note <text>', 'the reasoning'), many('--evidence <id>', 'record the judgement rests on (repeatable)')],
    build: (o) => ({
      content: { verdict: str(o, 'verdict', '--verdict'), note: str(o, 'note', '--note') },
      refs: [{ id: decodeEventRef(str(o, 'target', '--target')), role: 'target' }, ...ids(o, 'evidence', 'evidence')],
    }),
  },
  translation: {
    kind: Kind.Translation,
    describe: 'a translation of a record (use --lang for the language of the translation)',
    options: [opt('--of <id>', 'the record translated'), opt('--from <lang>', 'language of the original'), opt('--text <text>', 'translated text (field "text")'), many('--field <name=text>', 'translated field, e.g. title=... (repeatable)'), opt('--translator <name>', 'who translated'), opt('--machine', 'machine translation')],
    build: (o) => {
      const fields: Record<string, string> = {};
      if (maybe(o, 'text') !== undefined) fields.text = maybe(o, 'text') as string;
      for (const f of list(o, 'field')) {
        const i = f.indexOf('=');
        if (i < 1) throw KeruenError.usage(`--field wants name=text, got "${f}"`);
        fields[f.slice(0, i)] = f.slice(i + 1);
      }
      return {
        content: { from: str(o, 'from', '--from'), fields, machine: o.machine === true, ...(maybe(o, 'translator') ? { translator: maybe(o, 'translator') } : {}) },
        refs: [{ id: decodeEventRef(str(o, 'of', '--of')), role: 'translates' }],
      };
    },
  },
};

/** JSON file form: { "kind": "testimony", "content": {...}, "refs": [{ "id": "...", "role": "event" }] }. */
function fromJsonFile(path: string, kindSlug: string | undefined): EventTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path === '-' ? 0 : path, 'utf8'));
  } catch (e) {
    throw KeruenError.invalidJson(path, (e as Error).message);
  }
  const r = raw as { kind?: unknown; content?: unknown; refs?: unknown; tags?: unknown };
  const slug = typeof r.kind === 'string' ? r.kind : kindSlug;
  const kind = typeof r.kind === 'number' ? r.kind : slug !== undefined ? kindSlugs[slug] : undefined;
  if (kind === undefined) throw KeruenError.usage(`${path}: say which kind ("kind": "testimony", ...) in the file or on the command line`);
  if (kind === Kind.MediaDescriptor) {
    const template = { kind, created_at: nowSeconds(), tags: (r.tags ?? []) as string[][], content: String(r.content ?? '') };
    validateRecord(template);
    return template;
  }
  const refs = Array.isArray(r.refs) ? (r.refs as { id: string; role: string }[]) : [];
  for (const ref of refs) if (!(REF_ROLES as readonly string[]).includes(ref.role)) throw KeruenError.usage(`${path}: unknown reference role "${ref.role}"`);
  return buildRecord(kind, r.content, refs.map((x) => ({ id: decodeEventRef(x.id), role: x.role as RefRole })));
}

async function signAndStore(ctx: CliContext, template: EventTemplate, o: Opts): Promise<VerifiedEvent> {
  const identity = ctx.keystore.find(maybe(o, 'as'));
  const passphrase = await readPassphrase({ passphraseFile: maybe(o, 'passphraseFile') }, `Passphrase for ${identity.name}: `);
  const sk = ctx.keystore.unlock(identity, passphrase);
  try {
    const event = signEvent(template, sk);
    const circleName = maybe(o, 'circle');
    if (circleName === undefined) receivingStore(ctx.store, 'local').put(event);
    else {
      // For a circle: only the wrap goes to the main store (what sync and the relay carry); the
      // clear copy goes to the circle's own store, which nothing serves (docs/circles.md).
      const book = new CircleBook(ctx.dataDir.root);
      const circle = book.find(circleName);
      storeForCircle(book, circle, event, wrapForCircle(event, sk, circle), receivingStore(ctx.store, 'local'));
      book.close();
    }
    return event;
  } finally {
    sk.fill(0);
  }
}

export function addCommand(getContext: () => CliContext): Command {
  const add = new Command('add').description('write a record, sign it with one of your identities, and store it');
  const common = (c: Command) =>
    c
      .option('--lang <code>', 'language of the text: fr, ru, kk, en, ...', 'en')
      .option('--cite <id>', 'a source document this record cites (repeatable; pair with --quote)', collect)
      .option('--quote <passage>', 'the exact passage quoted from the matching --cite (repeatable)', collect)
      .option('--corrects <id>', 'an earlier record of yours that this one corrects')
      .option('--as <identity>', 'identity to sign with (name or npub; default: the default identity)')
      .option('--passphrase-file <file>', 'read the passphrase from a file (else KERUEN_PASSPHRASE or a prompt)')
      .option('--json', 'print the signed event as JSON')
      .option('--circle <name>', 'for this circle only: stored gift-wrapped, readable by its members (docs/circles.md)');
  for (const [slug, form] of Object.entries(FORMS)) {
    const c = common(new Command(slug).description(form.describe));
    for (const o of form.options) c.addOption(o);
    c.action(async (o: Opts) => {
      const ctx = getContext();
      await prepareTimeParsing([maybe(o, 'when'), maybe(o, 'said'), maybe(o, 'published')]);
      const { content, refs } = form.build(o, ctx);
      const cites = list(o, 'cite');
      const quotes = list(o, 'quote');
      if (cites.length !== quotes.length) throw KeruenError.usage('give one --quote for each --cite, in the same order');
      const sources = cites.map((id, i) => ({ source: decodeEventRef(id), quote: quotes[i] as string }));
      const allRefs = [...refs, ...(maybe(o, 'corrects') ? [{ id: decodeEventRef(maybe(o, 'corrects') as string), role: 'corrects' as const }] : [])];
      const template = buildRecord(form.kind, { lang: o.lang, ...content, ...(sources.length ? { sources } : {}) }, allRefs);
      const event = await signAndStore(ctx, template, o);
      process.stdout.write(o.json === true ? `${JSON.stringify(event)}\n` : `${event.id}\n`);
    });
    add.addCommand(c);
  }
  const file = common(new Command('file').description('a record from a JSON file: {"kind": "testimony", "content": {...}, "refs": [...]}').argument('<file>', 'JSON file, or - for standard input').option('--kind <kind>', 'kind, if the file does not say'));
  file.action(async (path: string, o: Opts) => {
    const ctx = getContext();
    const event = await signAndStore(ctx, fromJsonFile(path, maybe(o, 'kind')), o);
    process.stdout.write(o.json === true ? `${JSON.stringify(event)}\n` : `${event.id}\n`);
  });
  add.addCommand(file);
  add.addCommand(mediaCommand(getContext));
  return add;
}

/**
 * `keruen add media <photo>`: the photo re-encoded without metadata (media-check.ts) goes to the
 * blob store, and a signed media descriptor (kind 1063) refers to it; with --keep-original, the
 * camera's file is also kept, sealed, in `<data>/originals/` (encrypted folders only). The record
 * is stored last, so no record ever points at a blob this node lacks.
 */
function mediaCommand(getContext: () => CliContext): Command {
  return new Command('media')
    .description('share a photo: a copy re-encoded without EXIF, GPS, XMP, IPTC or maker notes is stored, with a signed media record')
    .argument('<photo>', 'JPEG, PNG or WebP')
    .option('--caption <text>', 'what the photo shows (the record\'s text)')
    .option('--alt <text>', 'a short description for people who cannot see it')
    .option('--keep-original', 'also keep the original file (with its metadata), encrypted, on this device only; needs an encrypted data folder')
    .addOption(many('--event <id>', 'event the photo documents (repeatable)'))
    .addOption(many('--testimony <id>', 'testimony it belongs to (repeatable)'))
    .addOption(many('--source <id>', 'source document it comes from (repeatable)'))
    .option('--as <identity>', 'identity to sign with (name or npub; default: the default identity)')
    .option('--passphrase-file <file>', 'read the passphrase from a file (else KERUEN_PASSPHRASE or a prompt)')
    .option('--json', 'print the signed event as JSON')
    .action(async (path: string, o: Opts) => {
      const ctx = getContext();
      const keepOriginal = o.keepOriginal === true;
      // Refused before anything is read or written: a plain folder never holds an original.
      if (keepOriginal) assertCanKeepOriginals(ctx.dataDir.root);
      let original: Buffer;
      try {
        original = readFileSync(path);
      } catch (e) {
        throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
      }
      const shared = await redactPhoto(original);
      const x = bytesToHex(sha256(shared.bytes));
      const ox = bytesToHex(sha256(original));
      const tags: string[][] = [
        ['x', x],
        ['m', shared.type],
        ['size', String(shared.bytes.length)],
        ['dim', `${shared.width}x${shared.height}`],
        ['redaction', 'exif-gps-removed'],
        // The original's hash only when the original is kept: it lets the witness prove the link
        // later, and would otherwise only help someone holding the original to find its author.
        ...(keepOriginal ? [['ox', ox]] : []),
        ...(maybe(o, 'alt') !== undefined ? [['alt', maybe(o, 'alt') as string]] : []),
        ...[...ids(o, 'event', 'event'), ...ids(o, 'testimony', 'testimony'), ...ids(o, 'source', 'source')].map((r) => ['e', r.id, '', r.role]),
      ];
      const template: EventTemplate = { kind: Kind.MediaDescriptor, created_at: nowSeconds(), tags, content: maybe(o, 'caption') ?? '' };
      validateRecord(template);
      const identity = ctx.keystore.find(maybe(o, 'as'));
      const passphrase = await readPassphrase({ passphraseFile: maybe(o, 'passphraseFile') }, `Passphrase for ${identity.name}: `);
      const sk = ctx.keystore.unlock(identity, passphrase);
      let event: VerifiedEvent;
      try {
        event = signEvent(template, sk);
      } finally {
        sk.fill(0);
      }
      await ctx.blobs.put(shared.bytes);
      if (keepOriginal) keepOriginalFile(ctx.dataDir.root, original, ox);
      receivingStore(ctx.store, 'local').put(event);
      process.stdout.write(o.json === true ? `${JSON.stringify(event)}\n` : `${event.id}\n`);
      process.stderr.write(`Shared copy: ${shared.type}, ${shared.width}x${shared.height}, ${shared.bytes.length} bytes, metadata removed (blob ${x}).${keepOriginal ? ' Original kept encrypted on this device only.' : ''}\n`);
    });
}
