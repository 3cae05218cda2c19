import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG } from '../../config';
import { IssuerKeys } from './issuer-keys.service';
import { JwtAuthenticator } from './jwt-authenticator.service';
import { OIDC_SETTINGS, oidcSettingsOf } from './oidc-settings';

/** OIDC/JWT bearer tokens (`GATEWAY_OIDC_*`), for the API key guard; off when no issuer is set. */
@Module({
  providers: [
    { provide: OIDC_SETTINGS, inject: [GATEWAY_CONFIG], useFactory: oidcSettingsOf },
    IssuerKeys,
    JwtAuthenticator,
  ],
  exports: [JwtAuthenticator],
})
export class SsoModule {}
