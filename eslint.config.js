// ESLint flat config: TypeScript, Lit templates, their accessibility and custom-element rules.
// Formatting is Prettier's job (`npm run format`), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import jsdoc from 'eslint-plugin-jsdoc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test-artifacts/',
      '.cache/',
      'demo/.local/',
      'demo/*/dist/',
      'demo/node_modules/',
      'demo/consumer/snippets/', // the docs' code blocks, written by scripts/docs-snippets.mjs
      '**/mockServiceWorker.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  wc.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The public surface is documented: every exported class has an @example, and every
    // member a user can reach (not `#private`, not `private`/`protected`) says what it does.
    files: ['src/**/*.ts'],
    plugins: { jsdoc },
    rules: {
      'jsdoc/require-jsdoc': [
        'error',
        {
          require: { FunctionDeclaration: false },
          contexts: [
            'ExportNamedDeclaration > :matches(FunctionDeclaration, ClassDeclaration, TSInterfaceDeclaration, TSTypeAliasDeclaration)',
            'MethodDefinition:not([key.type="PrivateIdentifier"]):not([accessibility=/private|protected/]):not([kind="constructor"])',
            'PropertyDefinition:not([key.type="PrivateIdentifier"]):not([accessibility=/private|protected/])',
          ],
        },
      ],
      'jsdoc/require-example': [
        'error',
        { contexts: ['ExportNamedDeclaration > ClassDeclaration'], exemptNoArguments: false },
      ],
    },
  },
  {
    files: ['sw/**', 'test/fixtures/*sw*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: [
      'scripts/**',
      'test/e2e/**',
      'test/node/**',
      'test/plugins/**',
      'demo/server.mjs',
      '*.config.*',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.mocha } },
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
