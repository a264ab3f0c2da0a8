import * as Comlink from 'comlink';
import { splitEvaluate, type ProbeApi } from './splitEvaluate';

/** The probe worker: one call; the logic is in splitEvaluate.ts. */
const api: ProbeApi = { splitEvaluate };

Comlink.expose(api);
