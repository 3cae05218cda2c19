import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A project the bench runs: its name and requirements text. */
export interface BenchProject {
  readonly id: string;
  readonly name: string;
  readonly requirements: string;
}

const root = join(__dirname, '../../..');

// The demo is read from the CLI's source rather than imported: the bench must measure exactly the
// text `agent-bus demo` submits, and a tool may not import an app.
const demo = (): BenchProject => {
  const source = readFileSync(join(root, 'apps/cli/src/demo/demo-requirements.ts'), 'utf8');
  const name = /DEMO_NAME = '([^']+)'/.exec(source)?.[1];
  const requirements = /DEMO_REQUIREMENTS = `([^`]+)`/.exec(source)?.[1];
  if (name === undefined || requirements === undefined) {
    throw new Error(
      'apps/cli/src/demo/demo-requirements.ts no longer has DEMO_NAME/DEMO_REQUIREMENTS',
    );
  }
  return { id: 'demo', name, requirements };
};

const shipped = (id: string, file: string): BenchProject => {
  const requirements = readFileSync(join(__dirname, 'projects', file), 'utf8');
  const name = /^#\s+(.+)$/m.exec(requirements)?.[1] ?? id;
  return { id, name, requirements };
};

/** The demo and three shipped requirement texts, smallest to largest besides the demo. */
export const benchProjects = (): BenchProject[] => [
  demo(),
  shipped('small', 'small-clinic-queue.md'),
  shipped('medium', 'medium-field-inspections.md'),
  shipped('large', 'large-freight-marketplace.md'),
];
