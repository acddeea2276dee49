import { unavailable } from "@yunxi/platform";
import type { DeviceDirectory, DeviceStanding } from "../../app/ports.js";

/**
 * device-control's devices in memory, for use-case and handler tests. Scoped like the real one: a device
 * is found only in the organisation that has it. `reachable = false` stands for device-control down.
 */
export class MemoryDeviceDirectory implements DeviceDirectory {
  /** Status by organisation and device id. */
  readonly #devices = new Map<string, string>();
  reachable = true;
  /** Every question asked, in order: tests check what was (not) asked. */
  readonly asked: { organisationId: string; deviceId: string }[] = [];

  /** Adds (or changes) a device of `organisationId`. */
  put(organisationId: string, deviceId: string, status = "active"): this {
    this.#devices.set(key(organisationId, deviceId), status);
    return this;
  }

  async standing(organisationId: string, deviceId: string): Promise<DeviceStanding | undefined> {
    this.asked.push({ organisationId, deviceId });
    if (!this.reachable) throw unavailable("device-control cannot check the device now; try again later");
    const status = this.#devices.get(key(organisationId, deviceId));
    return status === undefined ? undefined : { status, active: status === "active" };
  }
}

const key = (organisationId: string, deviceId: string) => `${organisationId}\u0000${deviceId}`;
