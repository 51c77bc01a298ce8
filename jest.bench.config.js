/** Benchmarks: `npm run bench`. They print ratios; they never fail on timing. */
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/bench'], testMatch: ['**/*.bench.ts'], testTimeout: 120000 };
