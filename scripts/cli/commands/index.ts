// Registry of CLI commands: one module per command. Add new commands to this list.
import type { Command } from '../command.js';
import { diffCommand } from './diff.js';
import { generateCommand } from './generate.js';
import { siteCommand } from './site.js';
import { startCommand } from './start.js';
import { historyCommand } from './history.js';
import { validateCommand } from './validate.js';

export const commands: Command[] = [startCommand, validateCommand, generateCommand, diffCommand, siteCommand, historyCommand];
