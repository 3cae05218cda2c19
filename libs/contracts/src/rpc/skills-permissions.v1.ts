import { z } from 'zod';
import { defineQuery } from '../define-query';
import { Actor } from '../shared-schemas';

/** The largest permissions document either way (allowlists and mappings are bounded well below). */
const MAX_YAML_CHARS = 256_000;

/** Every agent's allowlist and every capability mapping, as the YAML document import reads. */
export const PermissionsExportV1 = defineQuery({
  version: 1,
  entity: 'permissions',
  verb: 'export',
  description: 'every skill allowlist and capability mapping as one YAML document',
  request: z.strictObject({}),
  response: z.strictObject({ yaml: z.string().max(MAX_YAML_CHARS) }),
});

/**
 * Replaces every allowlist and mapping with the document's, in one transaction (agents absent from
 * it lose their rules). Error code `invalid-permissions` names each bad entry by line and field;
 * nothing is changed then.
 */
export const PermissionsImportV1 = defineQuery({
  version: 1,
  entity: 'permissions',
  verb: 'import',
  description: 'replace every skill allowlist and capability mapping from a YAML document',
  request: z.strictObject({ yaml: z.string().max(MAX_YAML_CHARS), changedBy: Actor }),
  response: z.strictObject({
    agents: z.number().int().nonnegative(),
    capabilities: z.number().int().nonnegative(),
  }),
});
