import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/**/vendor/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    // Text from outside reaches the log only through src/logger.ts, which neutralises workflow commands.
    files: ['src/**/*.ts'],
    ignores: ['src/logger.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'core',
          property: 'info',
          message:
            'Print with actionsLogger.info (src/logger.ts): it neutralises workflow commands in text from outside'
        }
      ]
    }
  }
)
