import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import {
  type V1Job,
  type V1JobStatus,
  type V1Pod,
  type V1PodStatus,
} from '@kubernetes/client-node';

/** One request the fake served, for assertions. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
}

interface Watcher {
  readonly res: ServerResponse;
  readonly selector: Map<string, string>;
}

const status = (code: number, reason: string, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
});

/**
 * A Kubernetes API server for the calls the controller makes, speaking the real wire format:
 * batch/v1 Jobs (create, get, list, watch, delete), core/v1 Pods (list) and pod logs; 409
 * AlreadyExists, 404 NotFound Status bodies; watches as newline-delimited JSON events from a
 * resourceVersion, an ERROR event with a 410 Status for a resourceVersion older than the last
 * compaction, and connections that can be dropped. Tests play the cluster: they move Jobs and
 * Pods through their phases.
 */
export class FakeKubeApi {
  readonly requests: SeenRequest[] = [];
  /** The name of every Job a POST asked for, answered 201 or 409. */
  readonly creates: string[] = [];
  private readonly jobs = new Map<string, V1Job>();
  private readonly pods = new Map<string, V1Pod>();
  private readonly logs = new Map<string, string>();
  private readonly watchers = new Set<Watcher>();
  private readonly sockets = new Set<Socket>();
  private history: { rv: number; type: string; object: V1Job }[] = [];
  private rv = 100;
  private compactedBefore = 0;
  private server: Server | undefined;

  constructor(readonly namespace = 'gpu-test') {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.route(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A kubeconfig for this server (what KUBECONFIG points the controller at). */
  kubeconfig(server: string): string {
    return JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'fake', cluster: { server, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'tester', user: { token: 'fake-token' } }],
      contexts: [
        { name: 'fake', context: { cluster: 'fake', user: 'tester', namespace: this.namespace } },
      ],
      'current-context': 'fake',
    });
  }

  job(name: string): V1Job | undefined {
    return this.jobs.get(name);
  }

  jobNames(): string[] {
    return [...this.jobs.keys()];
  }

  count(method: string, pathPart: string): number {
    return this.requests.filter((r) => r.method === method && r.path.includes(pathPart)).length;
  }

  createsOf(name: string): number {
    return this.creates.filter((created) => created === name).length;
  }

  /** A Job as if created by an earlier controller process (the crash-after-create case). */
  seedJob(job: V1Job): void {
    this.store('ADDED', this.stamp(structuredClone(job)));
  }

  /** The scheduler made a pod for the Job that cannot be placed (no GPU node). */
  unschedulable(jobName: string, message: string): void {
    this.putPod(jobName, {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
    });
  }

  running(jobName: string): void {
    this.putPod(jobName, { phase: 'Running' });
    this.setStatus(jobName, { active: 1, ready: 1, startTime: new Date() });
  }

  succeeded(jobName: string, log: string): void {
    const pod = this.putPod(jobName, {
      phase: 'Succeeded',
      containerStatuses: [this.terminated(0, 'Completed')],
    });
    this.logs.set(pod, log);
    this.setStatus(jobName, {
      succeeded: 1,
      conditions: [{ type: 'Complete', status: 'True' }],
      completionTime: new Date(),
    });
  }

  failed(jobName: string, log: string, exitCode: number, reason = 'Error'): void {
    const pod = this.putPod(jobName, {
      phase: 'Failed',
      containerStatuses: [this.terminated(exitCode, reason)],
    });
    this.logs.set(pod, log);
    this.setStatus(jobName, {
      failed: 1,
      conditions: [
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
      ],
    });
  }

  /** Every open watch gets a 410 Gone ERROR event and ends; older resourceVersions are gone. */
  expireWatches(): void {
    // Other objects changed meanwhile and history was compacted: a watch from before is too old.
    this.rv += 5;
    this.compactedBefore = this.rv;
    this.history = [];
    for (const watcher of this.watchers) {
      watcher.res.write(
        `${JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version') })}\n`,
      );
      watcher.res.end();
    }
    this.watchers.clear();
  }

  /** Every open watch connection is cut (a load balancer or API server restart). */
  dropWatches(): void {
    for (const watcher of this.watchers) watcher.res.socket?.destroy();
    this.watchers.clear();
  }

  get openWatches(): number {
    return this.watchers.size;
  }

  private terminated(exitCode: number, reason: string) {
    return {
      name: 'task',
      image: 'bench',
      imageID: '',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode, reason, finishedAt: new Date() } },
    };
  }

  private putPod(jobName: string, podStatus: V1PodStatus): string {
    const name = `${jobName}-pod`;
    this.pods.set(name, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: this.namespace,
        labels: { 'job-name': jobName, 'batch.kubernetes.io/job-name': jobName },
        creationTimestamp: new Date(),
      },
      spec: { nodeName: 'gpu-node-1', containers: [{ name: 'task', image: 'bench' }] },
      status: podStatus,
    });
    return name;
  }

  private setStatus(jobName: string, jobStatus: V1JobStatus): void {
    const job = this.jobs.get(jobName);
    if (!job) throw new Error(`no job ${jobName}`);
    this.store('MODIFIED', { ...job, status: { ...job.status, ...jobStatus } });
  }

  private stamp(job: V1Job): V1Job {
    job.metadata = {
      ...job.metadata,
      namespace: this.namespace,
      uid: `uid-${job.metadata?.name ?? ''}`,
      creationTimestamp: new Date(),
    };
    job.status ??= {};
    return job;
  }

  private store(type: 'ADDED' | 'MODIFIED' | 'DELETED', job: V1Job): void {
    this.rv += 1;
    const object = { ...job, metadata: { ...job.metadata, resourceVersion: String(this.rv) } };
    const name = object.metadata.name ?? '';
    if (type === 'DELETED') this.jobs.delete(name);
    else this.jobs.set(name, object);
    this.history.push({ rv: this.rv, type, object });
    for (const watcher of this.watchers) {
      if (matches(object, watcher.selector)) {
        watcher.res.write(`${JSON.stringify({ type, object })}\n`);
      }
    }
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
    });
    const jobs = `/apis/batch/v1/namespaces/${this.namespace}/jobs`;
    const pods = `/api/v1/namespaces/${this.namespace}/pods`;
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const selector = parseSelector(url.searchParams.get('labelSelector'));
      if (
        url.pathname === jobs &&
        req.method === 'GET' &&
        url.searchParams.get('watch') === 'true'
      ) {
        return this.watch(res, Number(url.searchParams.get('resourceVersion') || 0), selector);
      }
      if (url.pathname === jobs && req.method === 'GET') {
        const items = [...this.jobs.values()].filter((job) => matches(job, selector));
        return send(200, {
          apiVersion: 'batch/v1',
          kind: 'JobList',
          metadata: { resourceVersion: String(this.rv) },
          items,
        });
      }
      if (url.pathname === jobs && req.method === 'POST') {
        const job = JSON.parse(body) as V1Job;
        const name = job.metadata?.name ?? '';
        this.creates.push(name);
        if (this.jobs.has(name)) {
          return send(409, status(409, 'AlreadyExists', `jobs.batch "${name}" already exists`));
        }
        this.store('ADDED', this.stamp(job));
        return send(201, this.jobs.get(name));
      }
      if (url.pathname.startsWith(`${jobs}/`)) {
        const name = url.pathname.slice(jobs.length + 1);
        const job = this.jobs.get(name);
        if (!job) return send(404, status(404, 'NotFound', `jobs.batch "${name}" not found`));
        if (req.method === 'GET') return send(200, job);
        if (req.method === 'DELETE') {
          this.store('DELETED', job);
          for (const [podName, pod] of this.pods) {
            if (pod.metadata?.labels?.['job-name'] === name) this.pods.delete(podName);
          }
          return send(200, { ...status(200, '', ''), status: 'Success' });
        }
      }
      if (url.pathname === pods && req.method === 'GET') {
        const items = [...this.pods.values()].filter((pod) =>
          [...selector].every(([key, value]) => pod.metadata?.labels?.[key] === value),
        );
        return send(200, {
          apiVersion: 'v1',
          kind: 'PodList',
          metadata: { resourceVersion: String(this.rv) },
          items,
        });
      }
      const log = /^\/api\/v1\/namespaces\/[^/]+\/pods\/([^/]+)\/log$/.exec(url.pathname);
      if (log && req.method === 'GET') {
        const text = this.logs.get(log[1] ?? '');
        if (text === undefined) return send(404, status(404, 'NotFound', 'pod not found'));
        const tail = Number(url.searchParams.get('tailLines') || 0);
        const lines = text.split('\n');
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(tail > 0 ? lines.slice(-tail).join('\n') : text);
      }
      send(404, status(404, 'NotFound', `no route ${req.method ?? ''} ${url.pathname}`));
    });
  }

  private watch(res: ServerResponse, from: number, selector: Map<string, string>): void {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders(); // a watch answers at once; events follow as they happen
    if (from < this.compactedBefore) {
      res.end(
        `${JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', `too old resource version: ${from}`) })}\n`,
      );
      return;
    }
    for (const event of this.history) {
      if (event.rv > from && matches(event.object, selector)) {
        res.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
      }
    }
    const watcher = { res, selector };
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
  }
}

function parseSelector(text: string | null): Map<string, string> {
  const selector = new Map<string, string>();
  for (const term of (text ?? '').split(',').filter(Boolean)) {
    const [key = '', value = ''] = term.split('=');
    selector.set(key, value);
  }
  return selector;
}

const matches = (job: V1Job, selector: Map<string, string>) =>
  [...selector].every(([key, value]) => job.metadata?.labels?.[key] === value);
