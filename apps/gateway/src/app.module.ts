import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { Decisions1764300000002 } from './approvals/1764300000002-decisions.migration';
import { ApprovalsModule } from './approvals/approvals.module';
import { ArtifactsModule } from './artifacts/artifacts.module';
import { ProjectCommands1765400000000 } from './audit/1765400000000-project-commands.migration';
import { AuditModule } from './audit/audit.module';
import { ApiKeys1764300000000 } from './auth/1764300000000-api-keys.migration';
import { ApiKeyLifecycle1765300000000 } from './auth/1765300000000-api-key-lifecycle.migration';
import { AuthModule } from './auth/auth.module';
import { CommandsModule } from './commands/commands.module';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { ConsoleStaticModule } from './console/console-static.module';
import { DatabaseModule } from './database/database.module';
import { ProjectForecasts1766600000002 } from './estimates/1766600000002-project-forecasts.migration';
import { EstimatesModule } from './estimates/estimates.module';
import { EventsModule } from './events/events.module';
import { HttpModule } from './http/http.module';
import { MemoryModule } from './memory/memory.module';
import { Submissions1764300000001 } from './projects/1764300000001-submissions.migration';
import { IdempotencyKeysAnyPrincipal1765500000000 } from './projects/1765500000000-idempotency-keys-any-principal.migration';
import { ProjectsModule } from './projects/projects.module';
import { ProjectDeletions1766040000000 } from './project-deletion/1766040000000-project-deletions.migration';
import { ProjectDeletionModule } from './project-deletion/project-deletion.module';
import { RateLimits1766020000000 } from './rate-limits/1766020000000-rate-limits.migration';
import { RateLimitsUnlogged1766020000001 } from './rate-limits/1766020000001-rate-limits-unlogged.migration';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { ReadModelModule } from './read-model/read-model.module';
import { RetentionModule } from './retention/retention.module';
import { SkillsModule } from './skills/skills.module';
import { Workspaces1766090000000 } from './workspaces/1766090000000-workspaces.migration';
import { WorkspacesModule } from './workspaces/workspaces.module';

/** gateway's own tables live in this schema (each service owns its schema). */
export const DATABASE = {
  schema: 'gateway',
  entities: [],
  migrations: [
    ApiKeys1764300000000,
    Submissions1764300000001,
    Decisions1764300000002,
    ApiKeyLifecycle1765300000000,
    ProjectCommands1765400000000,
    IdempotencyKeysAnyPrincipal1765500000000,
    RateLimits1766020000000,
    RateLimitsUnlogged1766020000001,
    ProjectDeletions1766040000000,
    Workspaces1766090000000,
    ProjectForecasts1766600000002,
  ],
} as const;

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ServiceCoreModule.forRoot({ app: 'gateway', config, ...DATABASE }),
        DatabaseModule,
        HttpModule,
        ReadModelModule,
        WorkspacesModule,
        AuthModule,
        RateLimitsModule,
        EstimatesModule,
        ProjectsModule,
        CommandsModule,
        ApprovalsModule,
        ArtifactsModule,
        EventsModule,
        AuditModule,
        ProjectDeletionModule,
        RetentionModule,
        SkillsModule,
        MemoryModule,
        ConsoleStaticModule,
      ],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
      exports: [GATEWAY_CONFIG],
    };
  }
}
