import {
  definitionsInSource,
  familiesInCode,
  familiesOfExposition,
  PROMETHEUS_SERIES,
  queryableNames,
  seriesNamesOf,
} from './exported-metrics';
import { ROOT } from './monitoring-files';

describe(familiesInCode.name, () => {
  const { families, unreadable } = familiesInCode(ROOT);
  const byName = new Map(families.map((family) => [family.name, family]));

  it('reads every metric the services define, with its type', () => {
    expect(unreadable).toEqual([]);
    expect(byName.get('agent_bus_projects_total')?.type).toBe('counter');
    expect(byName.get('http_server_request_duration_seconds')?.type).toBe('histogram');
    expect(byName.get('agent_bus_queue_depth')?.type).toBe('gauge');
    expect(byName.get('agent_bus_llm_cost_dollars_total')?.file).toMatch(/worker-metrics\.ts$/);
  });

  it('finds each name defined once, and _total on counters only (promtool’s naming rule)', () => {
    const names = families.map(({ name }) => name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    const misnamed = families.filter(
      ({ name, type }) => name.endsWith('_total') !== (type === 'counter'),
    );
    expect(misnamed).toEqual([]);
  });
});

describe(definitionsInSource.name, () => {
  it('counts a definition whose name it cannot read, so such a file is reported', () => {
    const source = `
      new Counter({ name: 'a_total', help: 'x' });
      new Histogram<'stage'>({
        name: "b_seconds", help: 'y' });
      new Gauge({ help: 'name elsewhere', name: computed });
    `;
    expect(definitionsInSource(source)).toEqual({
      families: [
        { name: 'a_total', type: 'counter' },
        { name: 'b_seconds', type: 'histogram' },
      ],
      constructions: 3,
    });
  });
});

describe(queryableNames.name, () => {
  it('offers a histogram by its _bucket, _sum and _count series, not its bare name', () => {
    const names = queryableNames(
      familiesOfExposition(
        [
          '# HELP h_seconds x',
          '# TYPE h_seconds histogram',
          '# TYPE c_total counter',
          '# TYPE s summary',
          '# TYPE g gauge',
        ].join('\n'),
      ),
    );
    expect([...names].filter((name) => !PROMETHEUS_SERIES.includes(name)).sort()).toEqual([
      'c_total',
      'g',
      'h_seconds_bucket',
      'h_seconds_count',
      'h_seconds_sum',
      's',
      's_count',
      's_sum',
    ]);
    expect(seriesNamesOf({ name: 'h_seconds', type: 'histogram' })).not.toContain('h_seconds');
  });
});
