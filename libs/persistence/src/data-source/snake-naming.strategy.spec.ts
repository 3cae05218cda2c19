import { pluralize, snakeCase, SnakeNamingStrategy } from './snake-naming.strategy';

describe(SnakeNamingStrategy.name, () => {
  const sut = new SnakeNamingStrategy();

  it.each([
    ['WorkflowRun', 'workflow_runs'],
    ['WorkflowRunEntity', 'workflow_runs'],
    ['LlmUsage', 'llm_usages'],
    ['Approval', 'approvals'],
    ['AgentSkillAllowlistEntry', 'agent_skill_allowlist_entries'],
    ['GpuJob', 'gpu_jobs'],
  ])('names the table of %s %s', (className, table) => {
    expect(sut.tableName(className, undefined)).toBe(table);
  });

  it('keeps an explicit table name', () => {
    expect(sut.tableName('InboxEntry', 'inbox')).toBe('inbox');
  });

  it('snake-cases columns, including embedded prefixes', () => {
    expect(sut.columnName('correlationId', '', [])).toBe('correlation_id');
    expect(sut.columnName('maxTokens', '', ['budget'])).toBe('budget_max_tokens');
    expect(sut.columnName('ignored', 'explicitName', [])).toBe('explicitName');
  });

  it('names join columns after the relation and the referenced column', () => {
    expect(sut.joinColumnName('project', 'id')).toBe('project_id');
    expect(sut.joinColumnName('parentStage', 'stageId')).toBe('parent_stage_stage_id');
  });
});

describe(snakeCase.name, () => {
  it.each([
    ['messageId', 'message_id'],
    ['HTTPServer', 'http_server'],
    ['myHTTPServer', 'my_http_server'],
    ['sha256Hash', 'sha256_hash'],
    ['already_snake', 'already_snake'],
  ])('%s → %s', (input, output) => expect(snakeCase(input)).toBe(output));
});

describe(pluralize.name, () => {
  it.each([
    ['run', 'runs'],
    ['entry', 'entries'],
    ['key', 'keys'],
    ['box', 'boxes'],
    ['status', 'statuses'],
    ['batch', 'batches'],
  ])('%s → %s', (input, output) => expect(pluralize(input)).toBe(output));
});
