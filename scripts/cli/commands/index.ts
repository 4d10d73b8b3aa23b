// Registry of CLI commands: one module per command. Add new commands to this list.
import type { Command } from '../command.js';
import { applyCommand } from './apply.js';
import { diffCommand } from './diff.js';
import { exportLdifCommand } from './export-ldif.js';
import { historyCommand } from './history.js';
import { codeownersCommand } from './codeowners.js';
import { checkAuthorsCommand } from './authorize.js';
import { reportCommand } from './report.js';
import { generateCommand } from './generate.js';
import { siteCommand } from './site.js';
import { planCommand } from './plan.js';
import { startCommand } from './start.js';
import { validateCommand } from './validate.js';
import { suggestCommand } from './suggest.js';
import { addCommand } from './add.js';

export const commands: Command[] = [startCommand, validateCommand, generateCommand, diffCommand, historyCommand, codeownersCommand, checkAuthorsCommand, reportCommand, siteCommand, planCommand, applyCommand, exportLdifCommand, suggestCommand, addCommand];
