// Registry of CLI commands: one module per command, listed here in the order `danhba help`
// shows them (the main job, the validator and naming, LDAP, site, git, tooling).
import type { Command } from '../command.js';
import { addCommand } from './add.js';
import { applyCommand } from './apply.js';
import { auditCommand } from './audit.js';
import { checkAuthorsCommand } from './authorize.js';
import { codeownersCommand } from './codeowners.js';
import { diffCommand } from './diff.js';
import { exportLdifCommand } from './export-ldif.js';
import { generateCommand } from './generate.js';
import { historyCommand } from './history.js';
import { importCommand } from './import.js';
import { mailConfigCommand } from './mail-config.js';
import { passwordCommand } from './password.js';
import { planCommand } from './plan.js';
import { reorganizeCommand } from './reorganize.js';
import { reportCommand } from './report.js';
import { siteCommand } from './site.js';
import { startCommand } from './start.js';
import { suggestCommand } from './suggest.js';
import { validateCommand } from './validate.js';
import { workdaysCommand } from './workdays.js';

export const commands: Command[] = [
  startCommand,
  validateCommand,
  suggestCommand,
  addCommand,
  importCommand,
  planCommand,
  applyCommand,
  exportLdifCommand,
  passwordCommand,
  mailConfigCommand,
  siteCommand,
  diffCommand,
  checkAuthorsCommand,
  codeownersCommand,
  historyCommand,
  reportCommand,
  reorganizeCommand,
  auditCommand,
  workdaysCommand,
  generateCommand,
];
