import { InboxEntry } from './inbox/inbox-entry.entity';
import { OutboxEntry } from './outbox/outbox-entry.entity';

/** The library's own entities, added to every DataSource by `createDataSource`. */
export const PERSISTENCE_ENTITIES = [InboxEntry, OutboxEntry] as const;
