// The LDAP tests alone: `npx vitest run -c vitest.ldap.config.ts`. The project's
// vitest.config.ts wires the same global setup (see test/ldap/global-setup.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/ldap/**/*.test.ts'],
    globalSetup: ['test/ldap/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
