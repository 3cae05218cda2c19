import {
  AllowlistGetV1,
  AllowlistPutV1,
  PermissionsExportV1,
  PermissionsImportV1,
  SkillsGetV1,
  SkillsInstallGitV1,
  SkillsInstallV1,
  SkillsListV1,
  SkillsUninstallV1,
} from '@agentbus/contracts';
import { answer, connectBus, QueryFailedError, type QueryResponder } from '@agentbus/messaging';
import { natsUrl } from '@agentbus/testing';

/** Stops the double's responders and its connection. */
export type StopDouble = () => Promise<void>;

/**
 * A skills-registry that answers every admin query of the real contracts on the gateway's bus
 * (an empty catalog; installs refused as the registry refuses an unsafe archive), so suites that
 * drive every route reach each skills route's whole path instead of its 503 for a silent registry.
 */
export async function answerAsEmptySkillsRegistry(namespace: string): Promise<StopDouble> {
  const bus = await connectBus({ servers: await natsUrl(), name: 'registry-double', namespace });
  const responders: QueryResponder[] = [
    await answer(bus, SkillsListV1, async () => ({ skills: [] })),
    await answer(bus, SkillsGetV1, async ({ data }) => {
      throw new QueryFailedError('not-found', `skill ${data.name} is not installed`);
    }),
    await answer(bus, SkillsInstallV1, async () => {
      throw new QueryFailedError('invalid-archive', 'the upload is not a skill archive');
    }),
    await answer(bus, SkillsInstallGitV1, async () => {
      throw new QueryFailedError('git-disabled', 'installing from git is off');
    }),
    await answer(bus, SkillsUninstallV1, async ({ data }) => {
      throw new QueryFailedError('not-found', `skill ${data.name} is not installed`);
    }),
    await answer(bus, AllowlistGetV1, async ({ data }) => ({
      agent: data.agent,
      allow: [],
      deny: [],
      skills: [],
    })),
    await answer(bus, AllowlistPutV1, async ({ data }) => ({
      agent: data.agent,
      allow: data.allow,
      deny: data.deny,
      skills: [],
    })),
    await answer(bus, PermissionsExportV1, async () => ({
      yaml: 'agents: {}\ncapabilities: []\n',
    })),
    await answer(bus, PermissionsImportV1, async () => {
      throw new QueryFailedError(
        'invalid-permissions',
        'line 1: (document): not a permissions document',
      );
    }),
  ];
  return async () => {
    for (const responder of responders) await responder.stop();
    await bus.close();
  };
}
