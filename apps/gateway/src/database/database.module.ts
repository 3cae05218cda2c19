import { Global, Module } from '@nestjs/common';
import { PreparedStatements } from './prepared-statements';

/** The gateway's SQL helpers on the service's DataSource. */
@Global()
@Module({ providers: [PreparedStatements], exports: [PreparedStatements] })
export class DatabaseModule {}
