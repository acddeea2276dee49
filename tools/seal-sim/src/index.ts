export { DeviceCore, initialState, platformKeyFrom, type CommandOutcome, type DeviceState, type PendingPhoto, type Photo, type PressResult } from "./device-core.js";
export { SealSimulator, type PhotoUploadResult, type SealSimulatorOptions } from "./seal-simulator.js";
export { COMMAND_SIGNATURE_CONTEXT, protocolTypes, topicsOf, encode, decode } from "./protocol.js";
export { runAgainstPlatform, type PlatformRunOptions, type PlatformRunReport } from "./platform-run.js";
export { Limiter, percentile } from "./fleet.js";
