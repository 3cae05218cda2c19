import { Module } from '@nestjs/common';
import { ProjectCommandsController } from './project-commands.controller';
import { ProjectCommandsService } from './project-commands.service';

/** Cancel and restart a project. */
@Module({ controllers: [ProjectCommandsController], providers: [ProjectCommandsService] })
export class CommandsModule {}
