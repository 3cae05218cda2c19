import { metricNamesOf, withGrafanaVariablesResolved } from './promql';

describe(metricNamesOf.name, () => {
  it.each([
    ['a bare selector', 'up', ['up']],
    ['a selector with matchers', 'up{job=~"gateway|memory-service", route!="/x{y}"}', ['up']],
    [
      'functions, aggregations and grouping labels',
      'histogram_quantile(0.95, sum by (stage, le) (rate(agent_bus_stage_duration_seconds_bucket{stage=~"$stage"}[$__rate_interval])))',
      ['agent_bus_stage_duration_seconds_bucket'],
    ],
    [
      'both sides of binary operators, with on/ignoring/group_left lists',
      'sum by (service) (rate(a_total[5m])) / ignoring (le) group_left (team) sum without (instance) (b_total) and on (service) c > bool 0.5',
      ['a_total', 'b_total', 'c'],
    ],
    ['offsets, numbers and scientific notation', 'x offset 1h30m * 1e3 + 0x1f - Inf', ['x']],
    [
      'a __name__ matcher',
      '{__name__="agent_bus_dlq_messages", stream="X"}',
      ['agent_bus_dlq_messages'],
    ],
    [
      'or vector() fallbacks and subqueries',
      'max_over_time(deriv(q[10m])[1h:5m]) or vector(0)',
      ['q'],
    ],
    ['keywords spelt as metric-looking words in strings', 'y{outcome!="and",kind="by"}', ['y']],
    ['a repeated metric once', 'm / m', ['m']],
  ])('reads %s', (_case, expr, names) => {
    expect(metricNamesOf(expr)).toEqual(names);
  });
});

describe(withGrafanaVariablesResolved.name, () => {
  it('makes range variables a duration and template variables a match-anything regex', () => {
    expect(
      withGrafanaVariablesResolved(
        'sum(rate(x{agent=~"$agent",model=~"${model}"}[$__rate_interval])) / increase(x[$__range])',
      ),
    ).toBe('sum(rate(x{agent=~".*",model=~".*"}[5m])) / increase(x[5m])');
  });
});
