// The rules every province shares. Province profiles compose these with their naming rules.
import type { Rule } from '../types.js';

export const commonRules: Rule[] = [];
