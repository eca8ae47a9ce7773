// Jest runs the built package (npm-package/dist, CommonJS entry): build it
// first with scripts/build_npm.sh.
module.exports = {
  rootDir: __dirname,
  testMatch: ['**/*.test.cjs'],
  testEnvironment: 'node',
  testTimeout: 30000,
};
