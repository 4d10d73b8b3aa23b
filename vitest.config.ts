import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // One throwaway slapd for the LDAP integration tests (provided to them as inject('ldap')).
    globalSetup: ['test/ldap/global-setup.ts'],
  },
});
