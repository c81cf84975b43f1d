#!/usr/bin/env node
// Entry point of the `keruen` command. Sources are TypeScript, compiled on the fly by tsx,
// so a fresh clone runs after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
