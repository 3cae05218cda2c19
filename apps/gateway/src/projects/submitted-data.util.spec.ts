import { RequestValidationError } from '../http/problem/problem.errors';
import { type CreateProjectDto } from './create-project.dto';
import { submittedData } from './submitted-data.util';

const PROJECT_ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';
const aDto = (overrides: Partial<CreateProjectDto> = {}): CreateProjectDto =>
  ({ name: 'Dashboard', requirements: 'Show weather.', ...overrides }) as CreateProjectDto;

describe(submittedData.name, () => {
  it('maps the body to the command with the contract defaults filled in', () => {
    expect(submittedData(aDto(), PROJECT_ID, 'ci', 'team-a')).toEqual({
      projectId: PROJECT_ID,
      name: 'Dashboard',
      requirements: 'Show weather.',
      options: { gates: { prd_approval: true, delivery_approval: false } },
      submittedBy: 'ci',
      workspace: 'team-a',
    });
  });

  it('keeps the options that were given, and drops the ones left out', () => {
    const dto = aDto({
      options: { gates: { delivery_approval: true }, budget: { maxCostUsd: 2.5 } },
    } as Partial<CreateProjectDto>);
    expect(submittedData(dto, PROJECT_ID, 'ci', 'team-a').options).toEqual({
      gates: { prd_approval: true, delivery_approval: true },
      budget: { maxCostUsd: 2.5 },
    });
  });

  it('passes gate timeouts on: a timeout, null (no timeout), a gate left out stays out', () => {
    const dto = aDto({
      options: {
        gateTimeouts: {
          prd_approval: { afterSeconds: 3_600, action: 'remind', maxReminders: 2 },
          delivery_approval: null,
        },
      },
    } as Partial<CreateProjectDto>);
    expect(submittedData(dto, PROJECT_ID, 'ci', 'team-a').options.gateTimeouts).toEqual({
      prd_approval: { afterSeconds: 3_600, action: 'remind', maxReminders: 2 },
      delivery_approval: null,
    });
    const one = aDto({
      options: { gateTimeouts: { delivery_approval: { afterSeconds: 60, action: 'approve' } } },
    } as Partial<CreateProjectDto>);
    expect(submittedData(one, PROJECT_ID, 'ci', 'team-a').options.gateTimeouts).toEqual({
      delivery_approval: { afterSeconds: 60, action: 'approve' },
    });
  });

  it('refuses maxReminders on a timeout that does not remind, naming the field', () => {
    const dto = aDto({
      options: {
        gateTimeouts: { prd_approval: { afterSeconds: 60, action: 'approve', maxReminders: 2 } },
      },
    } as Partial<CreateProjectDto>);
    expect(() => submittedData(dto, PROJECT_ID, 'ci', 'team-a')).toThrow(
      /options\.gateTimeouts\.prd_approval\.maxReminders/,
    );
  });

  it('refuses what the contract refuses, naming the field (a budget needs a limit)', () => {
    const dto = aDto({ options: { budget: {} } } as Partial<CreateProjectDto>);
    expect(() => submittedData(dto, PROJECT_ID, 'ci', 'team-a')).toThrow(RequestValidationError);
    expect(() => submittedData(dto, PROJECT_ID, 'ci', 'team-a')).toThrow(/options\.budget/);
  });
});
