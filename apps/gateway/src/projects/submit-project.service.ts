import { createEnvelope, ProjectSubmittedV1 } from '@agentbus/contracts';
import { withOutbox } from '@agentbus/persistence';
import { ProjectForecastRepository } from '../estimates/project-forecast.repository';
import { ProjectForecaster } from '../estimates/project-forecaster.service';
import { currentTraceHeaders } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { type Principal } from '../auth/principal';
import { commandId } from '../commands/command-id.util';
import { HttpProblemError } from '../http/problem/problem.errors';
import { ProjectQuota } from '../rate-limits/project-quota.service';
import { ProjectTemplateChecker } from './project-template.checker';
import { canonicalJson } from './canonical-json.util';
import { AdmissionService } from './admission.service';
import { type CreateProjectDto } from './create-project.dto';
import { IdempotencyRepository } from './idempotency.repository';
import { projectLinks } from './project-links.util';
import { type ProjectCreatedView } from './project.views';
import { SubmissionRepository } from './submission.repository';
import { submittedData } from './submitted-data.util';
import { submissionWorkspace } from '../workspaces/submission-workspace.util';
import { WorkspaceScopeRepository } from '../workspaces/workspace-scope.repository';

/** The answer to a submission, and whether it repeats an earlier one (same Idempotency-Key). */
export interface SubmitResult {
  readonly view: ProjectCreatedView;
  readonly replayed: boolean;
}

/**
 * Submits a project: the submission row, its workspace, the Idempotency-Key record and the
 * `ProjectSubmittedV1` command commit in one transaction (outbox), and the relay publishes the
 * command once it has committed. So a crash anywhere never loses the command nor sends it twice, and a retry with the
 * same key answers the stored response without publishing again.
 */
@Injectable()
export class SubmitProjectService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly idempotency: IdempotencyRepository,
    private readonly submissions: SubmissionRepository,
    private readonly admission: AdmissionService,
    private readonly quota: ProjectQuota,
    private readonly workspaces: WorkspaceScopeRepository,
    private readonly templates: ProjectTemplateChecker,
    private readonly forecaster: ProjectForecaster,
    private readonly forecasts: ProjectForecastRepository,
  ) {}

  async submit(
    dto: CreateProjectDto,
    by: Principal,
    key: string | undefined,
  ): Promise<SubmitResult> {
    const projectId = uuidv7();
    const workspace = submissionWorkspace(dto.workspace, by);
    const data = submittedData(dto, projectId, by.name, workspace);
    const { projectId: _id, submittedBy: _by, ...request } = data;
    const requestSha256 = createHash('sha256').update(canonicalJson(request)).digest('hex');
    const view: ProjectCreatedView = {
      id: projectId,
      status: 'queued',
      links: projectLinks(projectId),
    };
    // A retry of an accepted submission is answered even when the system is full. Admission reads
    // through the pool, so it must come before the transaction: inside it, concurrent submissions
    // holding every pooled connection would wait for the count forever.
    if (key !== undefined) {
      const earlier = await this.idempotency.find(this.db, by.keyId, key);
      if (earlier !== undefined) return replay(earlier, requestSha256);
    }
    // Checked before admission and the transaction: a slow memory holds neither a slot nor a connection.
    if (data.templateId !== undefined) await this.templates.check(data.templateId);
    await this.admission.admit();
    // After admission (a refused flood reads nothing) and before the transaction: it reads through
    // the pool, like admission.
    const forecast = await this.forecaster.forecastFor(dto.requirements, by);
    let created = false;
    return withOutbox(this.db, async (tx, outbox) => {
      if (key !== undefined) {
        const record = { apiKeyId: by.keyId, key, requestSha256, projectId, response: view };
        // A concurrent request with the same key won the claim: answer what it answered.
        const earlier = await this.idempotency.claim(tx, record);
        if (earlier !== undefined) return replay(earlier, requestSha256);
      }
      // After the claim: a replay of an accepted submission is answered whatever the quota.
      await this.quota.reserve(tx, by);
      created = true;
      await this.submissions.insert(tx, {
        id: projectId,
        name: data.name,
        submittedBy: by.name,
        principalId: by.keyId,
      });
      await this.workspaces.recordProject(tx, projectId, workspace);
      if (forecast !== undefined) {
        await this.forecasts.insert(tx, projectId, dto.requirements.length, forecast);
      }
      const meta = {
        source: 'gateway',
        correlationId: projectId,
        id: commandId('submitted', projectId),
      };
      await outbox.add(createEnvelope(ProjectSubmittedV1, data, meta), currentTraceHeaders());
      return { view, replayed: false };
    })
      .then((result) => {
        if (!created) this.admission.release();
        return result;
      })
      .catch((error: unknown) => {
        this.admission.release();
        throw error;
      });
  }
}

function replay(
  earlier: { requestSha256: string; response: object },
  requestSha256: string,
): SubmitResult {
  if (earlier.requestSha256 !== requestSha256) {
    throw new HttpProblemError(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
    );
  }
  return { view: earlier.response as ProjectCreatedView, replayed: true };
}
