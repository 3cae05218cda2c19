import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { type AppConfigLoader, appConfigOf, unknownKeys } from './app-config';
import {
  bindSources,
  type ComposeFile,
  type ComposeService,
  durationMs,
  interpolate,
  InterpolationError,
  parseCompose,
} from './compose';
import { environmentOf, lastOf, parseDockerfile, stageNamed } from './dockerfile';
import { readRepoFile, REPO_ROOT, serviceApps } from './workspace';

const COMPOSE_DIR = join(REPO_ROOT, 'deploy/compose');
const compose: ComposeFile = parseCompose(readRepoFile('deploy/compose/compose.yaml'));
const dockerfile = parseDockerfile(readRepoFile('Dockerfile'));
const APPS = serviceApps();

/** What an operator puts in deploy/compose/.env at least. */
const SAMPLE_ENV = { GATEWAY_ADMIN_API_KEY: 'a'.repeat(48) };

const serviceOf = (name: string): ComposeService => {
  const service = compose.services[name];
  if (service === undefined) throw new Error(`compose.yaml has no service ${name}`);
  return service;
};

/** A service's environment after interpolation, as the container gets it. */
function environmentIn(name: string, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(serviceOf(name).environment ?? {}).map(([key, value]) => [
      key,
      interpolate(String(value ?? ''), env),
    ]),
  );
}

const imagePort = (app: string): string | undefined => {
  const stage = stageNamed(dockerfile, `runtime-${app}`);
  return stage && environmentOf(dockerfile, stage).get('HTTP_PORT');
};

const hostOf = (url: string | undefined): string => new URL(url ?? 'invalid:').hostname;

describe('deploy/compose/compose.yaml', () => {
  const configs = new Map<string, AppConfigLoader>();
  beforeAll(async () => {
    for (const app of APPS) configs.set(app, await appConfigOf(app));
  }, 120_000);

  it('runs the infrastructure, the six services and the observability stack', () => {
    const expected = [
      'nats',
      'postgres',
      'chroma',
      'prometheus',
      'grafana',
      'otel-collector',
      'jaeger',
    ];
    expect(Object.keys(compose.services).sort()).toEqual([...expected, ...APPS].sort());
  });

  it('builds each service from the repository Dockerfile, for an app that exists', () => {
    const built = Object.entries(compose.services).filter(([, service]) => service.build);
    expect(built.map(([name]) => name).sort()).toEqual(APPS);
    for (const [name, service] of built) {
      const context = resolve(COMPOSE_DIR, service.build?.context ?? '.');
      expect(context).toBe(REPO_ROOT);
      expect(existsSync(join(context, service.build?.dockerfile ?? 'Dockerfile'))).toBe(true);
      const app = service.build?.args?.['APP'];
      expect(app).toBe(name);
      expect(existsSync(join(REPO_ROOT, 'apps', app ?? '', 'project.json'))).toBe(true);
      expect(stageNamed(dockerfile, `runtime-${app}`)).toBeDefined();
      expect(service.image).toMatch(new RegExp(`^agent-bus/${app}:`));
    }
  });

  it('mounts only files of deploy/ that exist', () => {
    const mounts = Object.values(compose.services).flatMap(bindSources);
    expect(mounts.length).toBeGreaterThanOrEqual(4); // prometheus, grafana x2, otel collector
    for (const source of mounts) {
      const path = resolve(COMPOSE_DIR, source);
      expect([source, relative(REPO_ROOT, path).startsWith('deploy/')]).toEqual([source, true]);
      expect([source, existsSync(path)]).toEqual([source, true]);
    }
  });

  it('refers only to services that exist, and waits only on ones that report health', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const dependencies = Array.isArray(service.depends_on)
        ? service.depends_on.map((d) => [d, undefined] as const)
        : Object.entries(service.depends_on ?? {}).map(([d, c]) => [d, c.condition] as const);
      for (const [dependency, condition] of dependencies) {
        const target = compose.services[dependency];
        expect([name, dependency, target !== undefined]).toEqual([name, dependency, true]);
        if (condition === 'service_healthy') {
          const healthcheck = (target as Record<string, unknown> | undefined)?.['healthcheck'];
          const imageHealthcheck = target?.build !== undefined; // the Dockerfile's HEALTHCHECK
          expect([dependency, healthcheck !== undefined || imageHealthcheck]).toEqual([
            dependency,
            true,
          ]);
        }
      }
    }
  });

  it('keeps NATS JetStream data on a named volume', () => {
    const nats = serviceOf('nats');
    const args = (nats.command as string[]).join(' ');
    expect(args).toMatch(/--jetstream\b/);
    const storeDir = /--store_dir\s+(\S+)/.exec(args)?.[1];
    const volume = (nats.volumes ?? []).find(
      (v) => typeof v === 'string' && v.endsWith(`:${storeDir}`),
    );
    const volumeName = typeof volume === 'string' ? volume.split(':')[0] : undefined;
    expect(Object.keys(compose.volumes ?? {})).toContain(volumeName);
  });

  it('publishes ports on 127.0.0.1 only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) {
        expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:/)]);
      }
    }
  });

  it('needs the gateway admin key from .env, and commits no secret value', () => {
    expect(() => environmentIn('gateway', {})).toThrow(InterpolationError);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/(KEY|PASSWORD|SECRET|TOKEN)$/.test(key)) {
          expect([name, key, String(value)]).toEqual([name, key, expect.stringMatching(/^\$\{/)]);
        }
      }
    }
  });

  it('documents in .env.example only variables compose.yaml reads, the required ones included', () => {
    const text = readRepoFile('deploy/compose/compose.yaml');
    const used = new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]));
    const example = readFileSync(join(COMPOSE_DIR, '.env.example'), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(documented.filter((name) => !used.has(name))).toEqual([]);
    const required = [...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*):?\?/g)].map((m) => m[1]);
    expect(required.filter((name) => !documented.includes(name))).toEqual([]);
  });

  describe.each(APPS)('%s', (app) => {
    it('runs read-only with a tmpfs /tmp, no capabilities, and the image entrypoint (tini)', () => {
      const service = serviceOf(app);
      expect(service.read_only).toBe(true);
      expect(service.tmpfs?.some((mount) => mount.split(':')[0] === '/tmp')).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
      expect(service.entrypoint).toBeUndefined();
      expect(service.command).toBeUndefined();
    });

    it('starts with an environment its config accepts, pointing at the services of this file', () => {
      const env = environmentIn(app, SAMPLE_ENV);
      const config = configs.get(app) as AppConfigLoader;
      expect(unknownKeys(config, env)).toEqual([]);
      const loaded = config.load(env);
      expect(loaded['HTTP_PORT']).toBe(Number(imagePort(app)));
      const hosts = [hostOf(String(loaded['NATS_URL'])), hostOf(String(loaded['DATABASE_URL']))];
      if (app === 'memory-service') hosts.push(hostOf(String(loaded['CHROMA_URL'])));
      if (env['OTEL_EXPORTER_OTLP_ENDPOINT']) {
        hosts.push(hostOf(env['OTEL_EXPORTER_OTLP_ENDPOINT']));
      }
      for (const host of hosts) expect(Object.keys(compose.services)).toContain(host);
    });

    it('gets longer to stop than it takes to drain', () => {
      const service = serviceOf(app);
      const shutdown = (configs.get(app) as AppConfigLoader).load(environmentIn(app, SAMPLE_ENV))[
        'SHUTDOWN_TIMEOUT_MS'
      ] as number;
      expect(durationMs(service.stop_grace_period ?? '10s')).toBeGreaterThan(shutdown);
    });

    it('is scraped by Prometheus at its compose name and image port', () => {
      const prometheus = parse(readRepoFile('deploy/monitoring/prometheus/prometheus.yml')) as {
        scrape_configs: {
          job_name: string;
          static_configs?: { targets: string[] }[];
          dns_sd_configs?: { names: string[]; port: number }[];
        }[];
      };
      const job = prometheus.scrape_configs.find((j) => j.job_name === app);
      const targets = [
        ...(job?.static_configs ?? []).flatMap((c) => c.targets),
        ...(job?.dns_sd_configs ?? []).flatMap((c) => c.names.map((n) => `${n}:${c.port}`)),
      ];
      expect(targets).toEqual([`${app}:${imagePort(app)}`]);
    });
  });

  it('runs the worker on the offline model unless .env names a provider', () => {
    const config = configs.get('cpu-agent-worker') as AppConfigLoader;
    const offline = config.load(environmentIn('cpu-agent-worker', SAMPLE_ENV));
    expect(offline['LLM_PROVIDER']).toBe('offline');
    const real = config.load(
      environmentIn('cpu-agent-worker', {
        ...SAMPLE_ENV,
        LLM_PROVIDER: 'anthropic',
        ANTHROPIC_API_KEY: 'sk-ant-x',
      }),
    );
    expect(real).toMatchObject({ LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-x' });
  });

  it('keeps the image healthcheck of every service it builds', () => {
    for (const app of APPS) {
      const stage = stageNamed(dockerfile, `runtime-${app}`);
      expect(stage && lastOf(dockerfile, stage, 'HEALTHCHECK')).toBeDefined();
      expect((serviceOf(app) as Record<string, unknown>)['healthcheck']).toBeUndefined();
    }
  });
});

describe(interpolate.name, () => {
  it('applies defaults, keeps set values, escapes $$ and fails on required ones', () => {
    const env = { SET: 'x', EMPTY: '' };
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} $SET $$SET', env)).toBe(
      'x d  d x $SET',
    );
    expect(() => interpolate('${EMPTY:?needed}', env)).toThrow(/EMPTY: needed/);
    expect(interpolate('${EMPTY?needed}', env)).toBe('');
  });
});

describe(durationMs.name, () => {
  it('reads Compose durations', () => {
    expect(durationMs('30s')).toBe(30_000);
    expect(durationMs('1m30s')).toBe(90_000);
    expect(() => durationMs('30')).toThrow();
  });
});
