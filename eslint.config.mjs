import nx from '@nx/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const appScopes = ['gateway', 'orchestrator', 'cpu-worker', 'gpu', 'memory', 'skills'];

const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:infra',
      'type:contracts',
      'type:util',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:infra', 'type:contracts', 'type:util'],
  },
  {
    sourceTag: 'type:infra',
    onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:util'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util'],
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:infra', 'type:data-access', 'type:contracts', 'type:util'],
  },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts'],
    bannedExternalImports: [
      '@nestjs/*',
      'typeorm',
      'pg',
      '@nats-io/*',
      'chromadb',
      'class-validator',
      'pino',
      'prom-client',
      '@opentelemetry/*',
    ],
  },
  {
    // Black-box tests drive the system from outside; they may use feature libs to check outputs
    // (e.g. artifacts against the agents' schemas), never the infra the services run on.
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:util', 'type:feature'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...appScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/coverage',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@agentbus/*/src', '@agentbus/*/src/**'],
              message: 'Import a library through its index (@agentbus/<lib>).',
            },
            {
              group: ['@agentbus/testing'],
              message: '@agentbus/testing is for specs and test/ folders only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Nest injects through constructor parameter types: those imports must stay value imports.
    files: [
      '**/*.module.ts',
      '**/*.controller.ts',
      '**/*.service.ts',
      '**/*.handler.ts',
      '**/*.health.ts',
      '**/*.interceptor.ts',
      '**/*.filter.ts',
      '**/*.repository.ts',
      '**/*.relay.ts',
      '**/*.provider.ts',
      '**/*.explorer.ts',
      '**/*.publisher.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/test/**/*.ts',
      'libs/testing/**/*.ts',
      'apps/system-e2e/**/*.ts',
      'tools/**/*.ts',
    ],
    rules: { 'no-restricted-imports': 'off', 'no-console': 'off' },
  },
  {
    // Tests may use the test helpers whatever the project's type; the rest of the graph still holds.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['@agentbus/testing'],
          depConstraints,
        },
      ],
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
