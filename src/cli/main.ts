/** The `keruen` command line. Every command takes --data DIR so several nodes can share a machine. */
import { Command, CommanderError } from 'commander';
import { isKeruenError } from '../core/errors.ts';
import { CliContext } from './context.ts';
import { Exit, exitCodeFor } from './exit-codes.ts';
import { addCommand } from './commands/add.ts';
import { initCommand, identitiesCommand } from './commands/identity.ts';
import { listCommand, showCommand, searchCommand } from './commands/read.ts';
import { importCommand, exportCommand } from './commands/transfer.ts';
import { startCommand } from './commands/start.ts';
import { syncCommand } from './commands/sync.ts';
import { peersCommand } from './commands/peers.ts';
import { bundleCommand } from './commands/bundle.ts';
import { lockCommand } from './commands/lock.ts';
import { circleCommand } from './commands/circle.ts';
import { viewCommands } from './commands/views.ts';
import { publishCommand } from './commands/publish.ts';
import { exportUwaziCommand } from './commands/export-uwazi.ts';
import { custodyCommand } from './commands/custody.ts';
import { importArticleCommand } from './commands/import-article.ts';

let context: CliContext | undefined;

const program = new Command('keruen')
  .description('Keruen: keep testimony alive, attributable and safe through a shutdown, and move it out.')
  .option('--data <dir>', 'data folder of the node (default: $KERUEN_DATA or ~/.keruen)')
  .showHelpAfterError('(run `keruen --help` for the commands)')
  .exitOverride();

const getContext = (): CliContext => {
  context ??= new CliContext(program.opts<{ data?: string }>().data);
  return context;
};

program.addCommand(initCommand(getContext));
program.addCommand(identitiesCommand(getContext));
program.addCommand(startCommand(getContext));
program.addCommand(addCommand(getContext));
program.addCommand(listCommand(getContext));
program.addCommand(showCommand(getContext));
program.addCommand(searchCommand(getContext));
for (const c of viewCommands(getContext)) program.addCommand(c);
program.addCommand(importCommand(getContext));
program.addCommand(exportCommand(getContext));
program.addCommand(syncCommand(getContext));
program.addCommand(peersCommand(getContext));
program.addCommand(bundleCommand(getContext));
program.addCommand(lockCommand(getContext));
program.addCommand(circleCommand(getContext));
program.addCommand(publishCommand(getContext));
program.addCommand(exportUwaziCommand(getContext));
program.addCommand(custodyCommand(getContext));
program.addCommand(importArticleCommand(getContext));
// An encrypted folder is unlocked before any command runs (`keruen lock ...` asks on its own).
program.hook('preAction', (_p, action) => (action.parent?.name() === 'lock' ? undefined : getContext().unlock(action.opts())));

// Subcommands inherit the exit override so usage errors get our exit code.
for (const c of program.commands) {
  c.exitOverride();
  for (const sub of c.commands) sub.exitOverride();
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = report(e);
} finally {
  // `start` keeps its own store open until it stops.
  if (program.args[0] !== 'start') context?.close();
}

function report(e: unknown): number {
  if (e instanceof CommanderError) {
    // Commander already printed the message (or the help).
    return e.exitCode === 0 ? Exit.ok : Exit.usage;
  }
  if (isKeruenError(e)) {
    process.stderr.write(`keruen: ${e.message}\n`);
    return exitCodeFor(e.code);
  }
  process.stderr.write(`keruen: unexpected error: ${(e as Error).stack ?? String(e)}\nPlease report this; your data was not changed by the failed step.\n`);
  return Exit.failure;
}
