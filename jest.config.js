// Jest in ESM mode (the @actions packages are ESM-only): run through
// `NODE_OPTIONS=--experimental-vm-modules`, see package.json.
const common = {
  preset: 'ts-jest/presets/default-esm',
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Stryker's sandbox (npm run mutation) holds a copy of the project.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/']
}

export default {
  projects: [
    // Pure core and adapters with fakes: no Docker, no network, seconds.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    // Real components: the AWS stand-in, the registry, the Docker daemon.
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
      slowTestThreshold: 120
    }
  ],
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov']
}
