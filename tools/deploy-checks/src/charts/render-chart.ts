// `helm template` without Helm: the chart tree's values coalesced, every template of every enabled
// chart rendered with its own values and Chart object (the library's only as defines), split into
// YAML documents. See render.ts for what this renderer is and is not.
import { type K8sObject, parseObjects } from '../k8s/manifests';
import { type Chart, chartAndDependencies, valuesNode } from './chart-tree';
import { type Values, coalesce, isMap, valueAt } from './helm-values';
import { type RenderRoot, Renderer } from './render';
import { collectDefines } from './template-analysis';

export interface RenderedChart {
  /** Rendered manifests by template file (`<chart>/templates/<file>`). */
  readonly files: ReadonlyMap<string, string>;
  /** NOTES.txt of the top chart. */
  readonly notes: string;
  readonly objects: readonly K8sObject[];
}

export interface Release {
  readonly name: string;
  readonly namespace: string;
}

const DEFAULT_RELEASE: Release = { name: 'agent-bus', namespace: 'agent-bus' };

/** Renders a chart for an install with the given user values (-f files and --set, merged). */
export function renderChart(
  chart: Chart,
  user: Values = {},
  { release = DEFAULT_RELEASE, strict = false }: { release?: Release; strict?: boolean } = {},
): RenderedChart {
  const renderer = new Renderer(
    collectDefines(chartAndDependencies(chart).flatMap((c) => c.templates)),
    strict,
  );
  const files = new Map<string, string>();
  let notes = '';
  const visit = (node: Chart, values: Values, top: boolean): void => {
    if (node.meta.type === 'library') return;
    const root: RenderRoot = {
      Values: values,
      Chart: {
        Name: node.meta.name,
        Version: node.meta.version,
        AppVersion: node.meta.appVersion ?? '',
        Type: node.meta.type ?? 'application',
      },
      Release: {
        Name: release.name,
        Namespace: release.namespace,
        Service: 'Helm',
        IsInstall: true,
        IsUpgrade: false,
        Revision: 1n,
      },
      Capabilities: { KubeVersion: { Version: 'v1.31.0', Major: '1', Minor: '31' } },
      Template: { BasePath: `${node.meta.name}/templates` },
    };
    for (const template of node.templates) {
      const name = template.file.slice(template.file.lastIndexOf('/') + 1);
      if (name.startsWith('_')) continue;
      const text = renderer.render(
        template.nodes,
        { ...root, Template: { ...root.Template, Name: template.file } },
        template.file,
      );
      if (name === 'NOTES.txt') {
        if (top) notes = text;
      } else {
        files.set(template.file, text);
      }
    }
    for (const dep of node.dependencies) {
      const condition = node.meta.dependencies?.find((d) => d.name === dep.meta.name)?.condition;
      if (condition !== undefined && valueAt(values, condition.split('.')) === false) continue;
      const own = values[dep.meta.name];
      visit(dep, isMap(own) ? own : {}, false);
    }
  };
  visit(chart, coalesce(valuesNode(chart), user), true);
  const objects = [...files].flatMap(([file, text]) => parseObjects(text, file));
  return { files, notes, objects };
}
