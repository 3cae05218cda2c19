import { Global, Module } from '@nestjs/common';
import { WorkspaceScopeRepository } from './workspace-scope.repository';
import { WorkspaceScope } from './workspace-scope.service';

/** Which workspace a project or key belongs to, and the check every scoped route passes. */
@Global()
@Module({
  providers: [WorkspaceScopeRepository, WorkspaceScope],
  exports: [WorkspaceScopeRepository, WorkspaceScope],
})
export class WorkspacesModule {}
