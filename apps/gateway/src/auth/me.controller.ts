import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from './api-controller.decorator';
import { CurrentPrincipal } from './current-principal.decorator';
import { MeView, meViewOf } from './me.view';
import { type Principal } from './principal';
import { Roles } from './roles.decorator';

/**
 * `GET /v1/me`: the caller's key, role and workspaces, so a client (the console) shows the role
 * and hides what the role may not do from the server's answer instead of guessing it.
 */
@ApiController('me', 'api-keys')
export class MeController {
  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Who the caller is: key id, name, role and workspaces' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentPrincipal() caller: Principal): MeView {
    return meViewOf(caller);
  }
}
