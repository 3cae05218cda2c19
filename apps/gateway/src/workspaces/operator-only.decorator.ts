import { SetMetadata } from '@nestjs/common';

export const OPERATOR_ONLY_KEY = 'gateway:operator-only';

/** The route changes something every workspace shares: only an operator key (`*`) may call it. */
export const OperatorOnly = () => SetMetadata(OPERATOR_ONLY_KEY, true);
