import { GATE_IDS } from '@agentbus/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { SpendView, StageSpendView } from '../estimates/estimate.dtos';
import { GateTimeoutView } from './gate-timeout.views';
import { ProjectSummaryView } from './project.views';

/** Tokens and cost of the LLM calls made so far (every attempt counts). */
export class UsageView {
  @ApiProperty({ description: 'Prompt tokens not read from or written to the provider cache' })
  inputTokens!: number;
  @ApiProperty({ description: "Prompt tokens read from the provider's cache (priced lower)" })
  cachedTokens!: number;
  @ApiProperty({ description: 'Prompt tokens written to the cache (Anthropic prices them higher)' })
  cacheWriteTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty({ description: 'input + cached + cache write + output' }) totalTokens!: number;
  @ApiProperty({ description: 'US dollars at the pricing table, each kind of token at its rate' })
  costUsd!: number;
  @ApiProperty() llmCalls!: number;
}

/** One stage's forecast beside what it has spent. */
export class ForecastStageView extends StageSpendView {
  @ApiProperty({ description: 'Spent on the stage so far (every attempt)' })
  actualCostUsd!: number;
}

/**
 * The cost forecast made when the project was submitted (as `POST /v1/projects/estimate` answers),
 * and how the actual spend compares with it.
 */
export class ForecastView {
  @ApiProperty({ format: 'date-time' }) madeAt!: string;
  @ApiProperty({ description: 'Completed projects the forecast rested on' })
  basedOnProjects!: number;
  @ApiProperty() requirementsChars!: number;
  @ApiProperty({ type: () => SpendView, description: 'Forecast for the whole project' })
  total!: SpendView;
  @ApiProperty({
    type: () => [ForecastStageView],
    description: 'Forecast per stage, in pipeline order',
  })
  stages!: ForecastStageView[];
  @ApiProperty({ description: 'Spent so far; once the project ended, what it spent in all' })
  actualCostUsd!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      '(actual − forecast) / forecast × 100 once the project completed (positive: it cost more); ' +
      'null while it runs, when it failed or was cancelled, or when 0 was forecast',
  })
  errorPct!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) reconciledAt!: string | null;
}

/** The memory patterns a stage's accepted artifact was written with. */
export class StageMemoryView {
  @ApiProperty({
    type: [String],
    description:
      'Pattern ids in the prompt, best first (the project template first); exclude one with POST /v1/projects/:id/restart {fromStage, excludePatterns}',
  })
  patternIds!: string[];
  @ApiProperty({
    description: 'Memory did not answer in time: the artifact was written without it',
  })
  unavailable!: boolean;
}

export class StageView {
  @ApiProperty() stage!: string;
  @ApiProperty({
    description: 'pending, dispatched, running, succeeded, failed, skipped, cancelled',
  })
  state!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty() failures!: number;
  @ApiProperty({ type: String, nullable: true, enum: ['cpu', 'gpu'] }) target!: string | null;
  @ApiProperty({ type: Number, nullable: true }) artifactVersion!: number | null;
  @ApiProperty({ type: () => StageMemoryView, nullable: true }) memory!: StageMemoryView | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: Object, nullable: true }) lastError!: unknown;
  @ApiProperty({ type: () => UsageView }) usage!: UsageView;
}

/** A gate opening (one per attempt): open, or decided with who and what. */
export class GateView {
  @ApiProperty({ format: 'uuid', description: 'The approval id' }) id!: string;
  @ApiProperty({ enum: GATE_IDS }) gate!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty() open!: boolean;
  @ApiProperty() state!: string;
  @ApiProperty({ type: String, nullable: true }) stage!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) decision!: string | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({
    type: () => GateTimeoutView,
    nullable: true,
    description: 'The default action if nobody decides in time (options.gateTimeouts); null: none',
  })
  timeout!: GateTimeoutView | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'state superseded: when a restart made it obsolete (the gate asks again)',
  })
  supersededAt!: string | null;
}

/** The budget and what the orchestrator has counted against it. */
export class BudgetView {
  @ApiProperty({ type: Number, nullable: true }) maxTokens!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxCostUsd!: number | null;
  @ApiProperty() tokensUsed!: number;
  @ApiProperty() costUsd!: number;
  @ApiProperty() tokensReserved!: number;
  @ApiProperty() costReservedUsd!: number;
}

export class FailureView {
  @ApiProperty({ type: String, nullable: true }) stage!: string | null;
  @ApiProperty() cause!: string;
}

export class RoutingSignalView {
  @ApiProperty({ example: 'yolo' }) text!: string;
  @ApiProperty({ example: 'cv_detection' }) workload!: string;
  @ApiProperty({ description: 'Negated in the text ("no machine learning"), so it did not count' })
  negated!: boolean;
}

export class RoutingWorkloadView {
  @ApiProperty({ example: 'cv_detection' }) type!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence!: number;
}

export class RoutingResourcesView {
  @ApiProperty() gpus!: number;
  @ApiProperty({ example: 'nvidia-l4' }) gpuType!: string;
  @ApiProperty() gpuMemoryGi!: number;
  @ApiProperty() cpu!: number;
  @ApiProperty() memoryGi!: number;
}

/** Where the project's ML work runs, as the ML detector decided on submit (`routing.decided`). */
export class RoutingView {
  @ApiProperty({
    description: 'The requirements describe ML work (score at or above the threshold)',
  })
  ml!: boolean;
  @ApiProperty({ enum: ['cpu', 'gpu'] }) target!: 'cpu' | 'gpu';
  @ApiProperty({ minimum: 0, maximum: 1, description: "The detector's score" })
  confidence!: number;
  @ApiProperty({ description: 'Whether ml_feasibility runs (as a GPU job after architecture)' })
  mlFeasibility!: boolean;
  @ApiProperty({ description: 'Why: the score against the threshold, or options.gpu' })
  reason!: string;
  @ApiProperty({ type: () => [RoutingWorkloadView] }) workloads!: RoutingWorkloadView[];
  @ApiProperty({ type: () => [RoutingSignalView] }) signals!: RoutingSignalView[];
  @ApiProperty({ type: () => RoutingResourcesView, nullable: true })
  resources!: RoutingResourcesView | null;
}

/** `GET /v1/projects/:id`. */
export class ProjectDetailView extends ProjectSummaryView {
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ type: () => FailureView, nullable: true }) failure!: FailureView | null;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'Options as the orchestrator applied them',
  })
  options!: unknown;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The workflow (DAG) version the project started on and runs on to its end; null while queued',
  })
  workflowVersion!: number | null;
  @ApiProperty({
    type: () => RoutingView,
    nullable: true,
    description: 'The ML routing decided on submit; null while queued and for older projects',
  })
  routing!: RoutingView | null;
  @ApiProperty({ type: () => [StageView] }) stages!: StageView[];
  @ApiProperty({ type: () => [GateView] }) gates!: GateView[];
  @ApiProperty({ type: () => UsageView }) usage!: UsageView;
  @ApiProperty({
    type: () => ForecastView,
    nullable: true,
    description: 'The cost forecast made at submit; null when none was (no completed projects yet)',
  })
  forecast!: ForecastView | null;
  @ApiProperty({ type: () => BudgetView }) budget!: BudgetView;
}
