import * as Comlink from 'comlink';
import { mapProject, type MapApi } from './embeddingMap';

/** The map worker: one call; the logic is in embeddingMap.ts. */
const api: MapApi = { project: mapProject };

Comlink.expose(api);
