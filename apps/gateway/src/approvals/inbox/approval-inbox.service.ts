import { Injectable } from '@nestjs/common';
import { type Principal } from '../../auth/principal';
import { workspaceFilterOf } from '../../workspaces/workspace';
import { decodeCursor, encodeCursor } from '../../projects/list-cursor.util';
import { type ApprovalInboxQuery } from './approval-inbox.query';
import { ApprovalInboxRepository } from './approval-inbox.repository';
import { type InboxPageView } from './approval-inbox.views';
import { inboxItemView } from './inbox-item.mapper';

const DEFAULT_PAGE_SIZE = 20;

/** The reviewers' inbox: gate openings across the projects of the caller's workspaces, a page at a time. */
@Injectable()
export class ApprovalInboxService {
  constructor(private readonly inbox: ApprovalInboxRepository) {}

  async page(query: ApprovalInboxQuery, caller: Principal): Promise<InboxPageView> {
    const state = query.state ?? 'open';
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    // One row more than asked says whether another page exists.
    const rows = await this.inbox.page({
      state,
      after,
      limit: limit + 1,
      workspaces: workspaceFilterOf(caller),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      state,
      items: page.map((row) => inboxItemView(row, caller.role)),
      nextCursor:
        rows.length > limit && last !== undefined
          ? encodeCursor({ createdAt: last.position, id: last.id })
          : null,
    };
  }
}
