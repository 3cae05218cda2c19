// Names for the generated schemas the console uses (gateway-api.d.ts is generated: do not edit it).
import { type components } from './gateway-api';

type Schemas = components['schemas'];
export type Problem = Schemas['ProblemView'];
export type Me = Schemas['MeView'];
export type ProjectSummary = Schemas['ProjectSummaryView'];
export type ProjectPage = Schemas['ProjectPageView'];
export type ProjectDetail = Schemas['ProjectDetailView'];
export type ProjectState = ProjectSummary['state'];
export type Stage = Schemas['StageView'];
export type Gate = Schemas['GateView'];
export type InboxItem = Schemas['InboxItemView'];
export type InboxPage = Schemas['InboxPageView'];
export type ArtifactMeta = Schemas['ListedArtifactView'];
export type ArtifactList = Schemas['ArtifactListView'];
export type Artifact = Schemas['ArtifactView'];
export type CreateProject = Schemas['CreateProjectDto'];
export type Decision = Schemas['DecideApprovalDto']['decision'];
export type RestartStage = Schemas['RestartProjectDto']['fromStage'];

export const PROJECT_STATES: readonly ProjectState[] = [
  'queued',
  'running',
  'waiting_approval',
  'completed',
  'failed',
  'cancelled',
];

export type GateName = InboxItem['gate'];
const GATE_NAMES: readonly GateName[] = ['prd_approval', 'delivery_approval', 'budget_exceeded'];
export const isGateName = (value: string): value is GateName =>
  (GATE_NAMES as readonly string[]).includes(value);
