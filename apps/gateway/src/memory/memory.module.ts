import { Module } from '@nestjs/common';
import { MemoryController } from './memory.controller';
import { MemoryPatternsController } from './memory-patterns.controller';
import { MemoryServiceClient } from './memory-service.client';
import { MemoryVisibility } from './memory-visibility.service';

/** The memory API, answered by the memory-service over request/reply. */
@Module({
  controllers: [MemoryController, MemoryPatternsController],
  providers: [MemoryServiceClient, MemoryVisibility],
})
export class MemoryModule {}
