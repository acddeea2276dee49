import type { SqlDatabase } from "../db/sql.js";
import type { DeviceCredential, DeviceCredentialStore } from "./device-credential-store.js";

/**
 * A {@link DeviceCredentialStore} in a SQL table, so the embedded broker's device credentials (scrypt
 * verifiers only, never secrets) survive a restart of the process. Give it a handle bound to its own schema
 * (e.g. `platform_mqtt` of the embedded PGlite); {@link SqlDeviceCredentialStore.open} creates the table.
 */
export class SqlDeviceCredentialStore implements DeviceCredentialStore {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<SqlDeviceCredentialStore> {
    await db.query(`CREATE TABLE IF NOT EXISTS device_credential (
      device_id text PRIMARY KEY,
      verifier text NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    return new SqlDeviceCredentialStore(db);
  }

  async put(credential: DeviceCredential): Promise<void> {
    await this.db.query(
      `INSERT INTO device_credential (device_id, verifier, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (device_id) DO UPDATE SET verifier = EXCLUDED.verifier, updated_at = EXCLUDED.updated_at`,
      [credential.deviceId, credential.verifier, credential.updatedAt],
    );
  }

  async get(deviceId: string): Promise<DeviceCredential | undefined> {
    const rows = await this.db.query<{ device_id: string; verifier: string; updated_at: Date }>(
      "SELECT device_id, verifier, updated_at FROM device_credential WHERE device_id = $1",
      [deviceId],
    );
    const row = rows[0];
    return row ? { deviceId: row.device_id, verifier: row.verifier, updatedAt: row.updated_at } : undefined;
  }

  async delete(deviceId: string): Promise<boolean> {
    const rows = await this.db.query("DELETE FROM device_credential WHERE device_id = $1 RETURNING device_id", [deviceId]);
    return rows.length > 0;
  }
}
