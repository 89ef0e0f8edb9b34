#!/usr/bin/env node
// Entry point of the `xinfang` command: runs the TypeScript sources directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/adapters/cli/main.ts');
