/**
 * HTTP face: REST API (/api/v1), FHIR (/fhir) and the web UI. (Stub: the serving issue fills it in.)
 */
import type { Store } from '../store/types.js';

export interface ServerOptions {
  store: Store;
  host: string;
  port: number;
  /** from TRIALATLAS_ADMIN_TOKEN; without it the server is read-only */
  adminToken?: string | null;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(_opts: ServerOptions): Promise<RunningServer> {
  throw new Error('serve: not built yet');
}
