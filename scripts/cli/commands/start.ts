// `npm start`: the main job on the embedded default — validate every province in directory/.
// Later stages (LDAP sync into an embedded slapd, the public site) are chained here.
import type { Command } from '../command.js';
import { validateCommand } from './validate.js';

export const startCommand: Command = {
  name: 'start',
  summary: { vi: 'Kiểm tra mọi tỉnh trong directory/ và in tóm tắt', en: 'Validate every province in directory/ and print a summary' },
  usage: 'danhba start',
  async run(argv, env) {
    return validateCommand.run(argv, env);
  },
};
