import js from '@eslint/js'
import jest from 'eslint-plugin-jest'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/**/vendor/', '**/*.js', '**/*.mjs', '**/*.cjs']
  },
  // Stryker's sandbox and reports (npm run mutation).
  { ignores: ['.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    // Type-aware checks for promises: a promise nobody awaits loses its rejection, and one passed where a
    // callback returning void is expected (an event handler, forEach) is never awaited by its caller.
    files: [
      'src/**/*.ts',
      'stand-in/**/*.ts',
      'test-support/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      '__tests__/**/*.ts'
    ],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error'
    }
  },

  {
    // A test that asserts nothing, asserts only on some paths, or asserts outside a test passes without proving.
    files: ['__tests__/**/*.ts'],
    plugins: { jest },
    rules: {
      'jest/expect-expect': [
        'error',
        {
          // The helpers that assert on a test's behalf (each ends in expect calls of its own).
          assertFunctionNames: [
            'expect',
            'expectOnlyCodeLayerUploaded',
            'expectNothingEscaped',
            'expectSucceeded'
          ]
        }
      ],
      'jest/no-conditional-expect': 'error',
      // dockerTest: __tests__/integration/helpers/docker.ts's testIn(), `test` when Docker is here.
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['dockerTest'] }]
    }
  },
  {
    // Text from outside reaches the log only through src/adapters/actions-runner/logger.ts, which neutralises workflow commands.
    files: ['src/**/*.ts'],
    ignores: ['src/adapters/actions-runner/logger.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'core',
          property: 'info',
          message:
            'Print with actionsLogger.info (src/adapters/actions-runner/logger.ts): it neutralises workflow commands in text from outside'
        }
      ]
    }
  }
)
