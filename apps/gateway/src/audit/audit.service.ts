import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../projects/list-cursor.util';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { unknownProject } from '../read-model/project.errors';
import { auditEntryView } from './audit-entry.mapper';
import { type AuditQuery } from './audit.query';
import { AuditRepository } from './audit.repository';
import { type AuditPageView } from './audit.views';

const DEFAULT_PAGE_SIZE = 50;

/** Reads a project's audit trail for the API, a page at a time. */
@Injectable()
export class AuditService {
  constructor(
    private readonly projects: ProjectLookupRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** 404 for a project neither the orchestrator nor the gateway knows. */
  async page(projectId: string, query: AuditQuery): Promise<AuditPageView> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if ((await this.projects.status(projectId)) === undefined) throw unknownProject(projectId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One row more than asked says whether another page exists.
    const rows = await this.audit.page(projectId, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(auditEntryView),
      nextCursor:
        rows.length > limit && last !== undefined
          ? encodeCursor({ createdAt: last.position, id: last.id })
          : null,
    };
  }
}
