import { failedPrecondition } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import type { BlobStore } from "./blob-store.js";
import { LocalBlobStore } from "./local-blob-store.js";
import { S3BlobStore } from "./s3-blob-store.js";

/**
 * The process settings the blob store reads: a structural subset of the platform's `YUNXI_*` config, so
 * `PlatformConfig` can be passed as it is. S3 when `S3_ENDPOINT` is set, the local directory otherwise.
 */
export interface BlobStoreSettings {
  readonly DATA_DIR: string;
  /** Where devices reach the gateway; local presigned URLs point here. Falls back to BIND_HOST:HTTP_PORT. */
  readonly PUBLIC_URL?: string | undefined;
  readonly BIND_HOST?: string | undefined;
  readonly HTTP_PORT?: number | undefined;
  readonly SIGNING_SECRET?: string | undefined;
  readonly S3_ENDPOINT?: string | undefined;
  readonly S3_REGION?: string | undefined;
  readonly S3_BUCKET?: string | undefined;
  readonly S3_ACCESS_KEY?: string | undefined;
  readonly S3_SECRET_KEY?: string | undefined;
  /** Virtual-host addressing is for AWS proper; MinIO and private S3 servers want path style (default). */
  readonly S3_PATH_STYLE?: boolean | undefined;
  readonly BLOB_MAX_OBJECT_BYTES?: number | undefined;
}

/** Builds the configured blob store and makes sure its bucket or directory exists. */
export async function openBlobStore(settings: BlobStoreSettings, options: { readonly logger?: Logger } = {}): Promise<BlobStore> {
  const maxObjectBytes = settings.BLOB_MAX_OBJECT_BYTES === undefined ? {} : { maxObjectBytes: settings.BLOB_MAX_OBJECT_BYTES };
  let store: BlobStore;
  if (settings.S3_ENDPOINT !== undefined) {
    if (!settings.S3_ACCESS_KEY || !settings.S3_SECRET_KEY) throw failedPrecondition("YUNXI_S3_ACCESS_KEY and YUNXI_S3_SECRET_KEY are required with YUNXI_S3_ENDPOINT");
    store = new S3BlobStore({
      endpoint: settings.S3_ENDPOINT,
      bucket: settings.S3_BUCKET ?? "yunxi",
      accessKey: settings.S3_ACCESS_KEY,
      secretKey: settings.S3_SECRET_KEY,
      ...(settings.S3_REGION === undefined ? {} : { region: settings.S3_REGION }),
      ...(settings.S3_PATH_STYLE === undefined ? {} : { pathStyle: settings.S3_PATH_STYLE }),
      ...maxObjectBytes,
    });
  } else {
    if (!settings.SIGNING_SECRET) throw failedPrecondition("YUNXI_SIGNING_SECRET is required for the local blob store's presigned URLs");
    const publicBaseUrl = settings.PUBLIC_URL ?? `http://${settings.BIND_HOST ?? "127.0.0.1"}:${settings.HTTP_PORT ?? 8080}`;
    store = new LocalBlobStore({
      dataDir: settings.DATA_DIR,
      publicBaseUrl,
      signingSecret: settings.SIGNING_SECRET,
      ...maxObjectBytes,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }
  await store.ensureReady();
  return store;
}
