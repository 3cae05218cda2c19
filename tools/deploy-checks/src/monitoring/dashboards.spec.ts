import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { queryableFromCode } from './exported-metrics';
import {
  allPanels,
  dashboardExpressions,
  DASHBOARDS_DIR,
  type Expression,
  filesIn,
  loadDashboard,
  loadRules,
  PROVISIONING_DIR,
  readYaml,
  ROOT,
  unknownMetrics,
} from './monitoring-files';
import { invalidExpressions } from './promtool';

const EXPECTED = [
  'agents-and-stages.json',
  'gpu-jobs.json',
  'llm-tokens-and-cost.json',
  'overview.json',
  'queues-and-dlq.json',
];

const FIXTURE = join(__dirname, 'fixtures/misnamed-metrics.dashboard.json');

const files = filesIn(DASHBOARDS_DIR, '.json');
const dashboards = files.map((file) => ({ file: basename(file), dashboard: loadDashboard(file) }));
const ruleExpressions: Expression[] = loadRules().map((rule) => ({
  where: `${rule.file} ${rule.alert ?? rule.record}`,
  expr: rule.expr,
}));
const dashboardQueries = dashboards.flatMap(({ file, dashboard }) =>
  dashboardExpressions(dashboard, file),
);

describe('Grafana dashboards (deploy/monitoring/grafana/dashboards)', () => {
  it('are the five dashboards, each with its own uid and title, tagged agent-bus', () => {
    expect(files.map((file) => basename(file))).toEqual(EXPECTED);
    const uids = dashboards.map(({ dashboard }) => dashboard.uid);
    const titles = dashboards.map(({ dashboard }) => dashboard.title);
    expect(new Set(uids).size).toBe(uids.length);
    expect(new Set(titles).size).toBe(titles.length);
    for (const { dashboard } of dashboards) {
      expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(dashboard.tags).toContain('agent-bus');
    }
  });

  it('lay out panels with unique ids inside the 24-column grid, without overlaps', () => {
    for (const { file, dashboard } of dashboards) {
      const panels = allPanels(dashboard);
      const ids = panels.map((panel) => panel.id);
      expect({ file, duplicates: ids.filter((id, index) => ids.indexOf(id) !== index) }).toEqual({
        file,
        duplicates: [],
      });
      const cells = new Map<string, string>();
      for (const panel of panels) {
        const pos = panel.gridPos;
        expect({
          file,
          panel: panel.title,
          fits: pos && pos.x >= 0 && pos.x + pos.w <= 24,
        }).toEqual({
          file,
          panel: panel.title,
          fits: true,
        });
        if (!pos) continue;
        for (let y = pos.y; y < pos.y + pos.h; y++) {
          for (let x = pos.x; x < pos.x + pos.w; x++) {
            const other = cells.get(`${x},${y}`);
            expect({ file, overlap: other && `${other} / ${panel.title}` }).toEqual({
              file,
              overlap: undefined,
            });
            cells.set(`${x},${y}`, panel.title ?? '');
          }
        }
      }
    }
  });

  it('query the provisioned Prometheus through their datasource variable', () => {
    const { datasources } = readYaml(join(PROVISIONING_DIR, 'datasources/agent-bus.yaml')) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    const prometheus = datasources.find((source) => source.type === 'prometheus');
    expect(prometheus?.url).toBe('http://prometheus:9090');
    for (const { file, dashboard } of dashboards) {
      const variable = dashboard.templating?.list.find((v) => v.name === 'datasource') as
        { type: string; query: string; current: { value: string } } | undefined;
      expect({ file, variable }).toMatchObject({
        file,
        variable: { type: 'datasource', query: 'prometheus', current: { value: prometheus?.uid } },
      });
      for (const panel of allPanels(dashboard).filter((p) => p.type !== 'row')) {
        expect({ file, panel: panel.title, uid: panel.datasource?.uid }).toEqual({
          file,
          panel: panel.title,
          uid: '${datasource}',
        });
        expect(panel.targets?.length).toBeGreaterThan(0);
      }
    }
  });

  it('are loaded from where compose mounts them', () => {
    const { providers } = readYaml(join(PROVISIONING_DIR, 'dashboards/agent-bus.yaml')) as {
      providers: { type: string; options: { path: string } }[];
    };
    const compose = parse(readFileSync(join(ROOT, 'deploy/compose/compose.yaml'), 'utf8')) as {
      services: { grafana: { volumes: string[] } };
    };
    const mounts = new Map(
      compose.services.grafana.volumes.map((volume) => {
        const [source, target] = volume.split(':');
        return [source, target];
      }),
    );
    expect(providers.map((provider) => provider.options.path)).toEqual([
      mounts.get('../monitoring/grafana/dashboards'),
    ]);
    expect(mounts.get('../monitoring/grafana/provisioning')).toBe('/etc/grafana/provisioning');
  });

  it('hold valid PromQL, as rules do (promtool check rules)', () => {
    expect(dashboardQueries.length).toBeGreaterThan(50);
    expect(invalidExpressions(dashboardQueries)).toEqual([]);
  });
});

describe('metrics named by dashboards and alert rules', () => {
  let queryable: Set<string>;
  beforeAll(async () => {
    queryable = await queryableFromCode(ROOT);
  });

  it('are all exported by some service (read from the services’ metric definitions)', () => {
    expect(unknownMetrics([...dashboardQueries, ...ruleExpressions], queryable)).toEqual([]);
  });

  it('include the misspelt and the suffix-less ones of a fixture, which the check reports', () => {
    const fixture = loadDashboard(FIXTURE);
    const expressions = dashboardExpressions(fixture, 'fixture');
    expect(invalidExpressions(expressions)).toEqual([]);
    expect(unknownMetrics(expressions, queryable)).toEqual([
      { where: 'fixture panel "Spend (a typo)" A', metrics: ['agent_bus_llm_cost_dolars_total'] },
      {
        where: 'fixture panel "A histogram queried without a suffix" A',
        metrics: ['agent_bus_stage_duration_seconds'],
      },
      { where: 'fixture variable $consumer', metrics: ['agent_bus_queue_dept'] },
    ]);
  });
});
