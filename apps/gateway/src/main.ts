import './instrument';
import { runGateway } from './bootstrap/run-gateway';

void runGateway();
