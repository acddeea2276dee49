import { randomUUID } from "node:crypto";
import { loadPackageDefinition, type Client, type ServiceDefinition } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, isYunxiError, unavailable, type Logger } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { Device__Output } from "@yunxi/proto/generated/yunxi/device_control/v1/Device";
import type { DeviceDirectory, DeviceStanding } from "../../app/ports.js";

/** DeviceControlService's definition from proto/yunxi/device_control/v1/device_control.proto. */
export function deviceControlServiceDefinition(): ServiceDefinition {
  const loaded = loadPackageDefinition(loadProtoDefinition("yunxi/device_control/v1/device_control.proto")) as unknown as {
    yunxi: { device_control: { v1: { DeviceControlService: { service: ServiceDefinition } } } };
  };
  return loaded.yunxi.device_control.v1.DeviceControlService.service;
}

/**
 * Asks device-control (`GetDevice`) on approval's own behalf: a service token (`yunxi_service: "approval"`)
 * and, in `x-yunxi-organisation`, the organisation whose device it must be (device-control looks only
 * there). Approval's user may hold seal.manage without any device permission, so the user's token is not
 * forwarded.
 */
export class GrpcDeviceDirectory implements DeviceDirectory {
  readonly #client: Client;

  constructor(
    address: string,
    private readonly serviceToken: () => Promise<string>,
    private readonly logger: Logger,
    private readonly deadlineMs = 5000,
    definition: ServiceDefinition = deviceControlServiceDefinition(),
  ) {
    this.#client = createGrpcClient(definition, { address });
  }

  async standing(organisationId: string, deviceId: string): Promise<DeviceStanding | undefined> {
    let device: Device__Output;
    try {
      const context = { requestId: randomUUID(), bearerToken: await this.serviceToken(), organisationId };
      device = await callUnary<{ deviceId: string }, Device__Output>(this.#client, "GetDevice", { deviceId }, context, this.deadlineMs);
    } catch (error) {
      if (isYunxiError(error, "NotFound")) return undefined;
      // device-control's id rule is narrower than approval's: an id it refuses to look up names no device.
      if (isYunxiError(error, "InvalidArgument")) return undefined;
      // Whatever else went wrong (unreachable, deadline, our token refused) is not the user's doing, and a
      // PermissionDenied passed through would read as theirs: the bind cannot be checked now.
      this.logger.warn({ deviceId, organisationId, err: error instanceof Error ? error.message : String(error) }, "device-control could not check a device");
      throw unavailable("device-control cannot check the device now; try again later", { cause: error });
    }
    // device-control scopes by the organisation it was told; a reply for another one is not ours to trust.
    if (device.organisationId !== organisationId || device.id !== deviceId) return undefined;
    return { status: device.status, active: device.status === "active" };
  }

  close(): void {
    this.#client.close();
  }
}
