/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createScannerApi } from './scanRange';

// A scan helper: ranks (or labels) the rows it is given, over the search worker's shared memory.
Comlink.expose(createScannerApi());
