import { randomUUID } from "node:crypto";
import {
  authenticate,
  failedPrecondition,
  invalidArgument,
  notFound,
  permissionDenied,
  requirePermission,
  type CallContext,
  type Caller,
  type Logger,
  type Permission,
  type TokenVerifier,
} from "@yunxi/platform";
import {
  APPLICATION_STATES,
  decide,
  draftApplication,
  submit,
  UUID,
  validateNewApplication,
  withdraw,
  type Application,
  type ApplicationState,
  type NewApplicationInput,
  type Transition,
} from "../domain/application.js";
import { bindDevice, holdingDevice, validateNewSeal, type NewSealInput, type Seal } from "../domain/seal.js";
import type { ApprovalRepository, Clock, DeviceDirectory, SealGuard } from "./ports.js";

export interface ApprovalServiceDeps {
  readonly repository: ApprovalRepository;
  /** Asked before a seal is bound, so only the organisation's own active devices can hold its seals. */
  readonly devices: DeviceDirectory;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly newId?: () => string;
}

export type ApprovalService = ReturnType<typeof makeApprovalService>;

/** Reading the seal registry: anyone who files, decides, keeps or reviews needs to see the seals. */
const SEAL_READERS: readonly Permission[] = ["seal.manage", "application.create", "application.decide", "records.read", "device.keep"];
/** Seeing every application of the organisation, not only one's own. */
const ALL_APPLICATION_READERS: readonly Permission[] = ["records.read", "application.decide"];

function requireAnyPermission(caller: Caller, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => caller.permissions.has(p))) throw permissionDenied(`missing permission: one of ${permissions.join(", ")}`);
}

/**
 * The approval use cases. Each authenticates the caller, checks a permission, and works only inside the
 * organisation the caller's token names: ids from another organisation are simply not found.
 */
export function makeApprovalService(deps: ApprovalServiceDeps) {
  const { repository, devices, verifier, logger } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const newId = deps.newId ?? randomUUID;

  async function sealOf(caller: Caller, id: string): Promise<Seal> {
    const seal = UUID.test(id) ? await repository.findSeal(caller.organisationId, id) : undefined;
    if (!seal) throw notFound("seal not found");
    return seal;
  }

  /** Applications the caller may see: all of the organisation's with a reader permission, else their own. */
  function maySee(caller: Caller, application: Application): boolean {
    return ALL_APPLICATION_READERS.some((p) => caller.permissions.has(p)) || application.applicantUserId === caller.userId;
  }

  async function visibleApplication(caller: Caller, id: string): Promise<Application> {
    const application = UUID.test(id) ? await repository.findApplication(caller.organisationId, id) : undefined;
    if (!application || !maySee(caller, application)) throw notFound("application not found");
    return application;
  }

  function checkExpectedVersion(application: Application, expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && expectedVersion !== 0 && expectedVersion !== application.version) {
      throw failedPrecondition(`the application is at version ${application.version}, not ${expectedVersion}; reload it`);
    }
  }

  async function store(caller: Caller, before: Application, transition: Transition, sealGuard?: SealGuard): Promise<Application> {
    const saved = await repository.saveApplication(transition.application, before.version, transition.events, sealGuard);
    // Someone else changed it between our read and our write (a concurrent decision, a withdrawal): nothing was stored.
    if (!saved) throw failedPrecondition("the application changed meanwhile; reload it and try again");
    logger.info(
      { applicationId: before.id, organisationId: caller.organisationId, from: before.state, to: transition.application.state, actor: caller.userId, requestId: caller.requestId },
      "application changed",
    );
    return transition.application;
  }

  return {
    async createSeal(context: CallContext, input: NewSealInput): Promise<Seal> {
      const caller = await authenticate(verifier, context);
      requirePermission(caller, "seal.manage");
      const { name, details } = validateNewSeal(input);
      const now = clock.now();
      const seal: Seal = { id: newId(), organisationId: caller.organisationId, name, details, version: 1, createdAt: now, updatedAt: now };
      await repository.createSeal(seal);
      logger.info({ sealId: seal.id, organisationId: seal.organisationId, kind: details.kind, actor: caller.userId }, "seal registered");
      return seal;
    },

    async listSeals(context: CallContext): Promise<Seal[]> {
      const caller = await authenticate(verifier, context);
      requireAnyPermission(caller, SEAL_READERS);
      return repository.listSeals(caller.organisationId);
    },

    async getSeal(context: CallContext, id: string): Promise<Seal> {
      const caller = await authenticate(verifier, context);
      requireAnyPermission(caller, SEAL_READERS);
      return sealOf(caller, id);
    },

    /**
     * Binds a physical seal to a device, or unbinds it with an empty device id. The device must be one of the
     * caller's organisation's active devices (device-control says so): an unknown device and another
     * organisation's read alike (NotFound), a revoked one is FailedPrecondition, and device-control out of
     * reach is Unavailable; each changes nothing. Unbinding asks nobody.
     */
    async bindSealDevice(context: CallContext, sealId: string, deviceId: string): Promise<Seal> {
      const caller = await authenticate(verifier, context);
      requirePermission(caller, "seal.manage");
      const seal = await sealOf(caller, sealId);
      const { seal: next, events } = bindDevice(seal, deviceId === "" ? undefined : deviceId, caller.userId, clock.now());
      if (events.length === 0) return seal;
      const bound = holdingDevice(next);
      if (bound !== undefined) {
        // A device revoked after this check is still refused when an approval names it: device-control
        // checks again before it authorises anything.
        const standing = await devices.standing(caller.organisationId, bound);
        if (!standing) throw notFound(`device ${bound} not found`);
        if (!standing.active) throw failedPrecondition(`device ${bound} is ${standing.status}; only an active device can hold a seal`);
      }
      if (!(await repository.updateSeal(next, seal.version, events))) throw failedPrecondition("the seal changed meanwhile; reload it and try again");
      logger.info({ sealId, organisationId: caller.organisationId, bound: holdingDevice(next) !== undefined, actor: caller.userId }, "seal binding changed");
      return next;
    },

    async createApplication(context: CallContext, input: NewApplicationInput): Promise<Application> {
      const caller = await authenticate(verifier, context);
      requirePermission(caller, "application.create");
      const checked = validateNewApplication(input);
      await sealOf(caller, checked.sealId);
      const application = draftApplication(checked, { id: newId(), organisationId: caller.organisationId, applicantUserId: caller.userId }, clock.now());
      await repository.createApplication(application, []);
      logger.info({ applicationId: application.id, organisationId: caller.organisationId, actor: caller.userId }, "application drafted");
      return application;
    },

    async listApplications(context: CallContext, state: string): Promise<Application[]> {
      const caller = await authenticate(verifier, context);
      const all = ALL_APPLICATION_READERS.some((p) => caller.permissions.has(p));
      if (!all) requirePermission(caller, "application.create");
      if (state !== "" && !(APPLICATION_STATES as readonly string[]).includes(state)) {
        throw invalidArgument("invalid filter", { violations: [{ field: "state", message: `one of ${APPLICATION_STATES.join(", ")}` }] });
      }
      return repository.listApplications(caller.organisationId, {
        ...(all ? {} : { applicantUserId: caller.userId }),
        ...(state === "" ? {} : { state: state as ApplicationState }),
      });
    },

    async getApplication(context: CallContext, id: string): Promise<Application> {
      const caller = await authenticate(verifier, context);
      requireAnyPermission(caller, ["application.create", ...ALL_APPLICATION_READERS]);
      return visibleApplication(caller, id);
    },

    async submitApplication(context: CallContext, id: string, expectedVersion?: number): Promise<Application> {
      const caller = await authenticate(verifier, context);
      requirePermission(caller, "application.create");
      const application = await visibleApplication(caller, id);
      checkExpectedVersion(application, expectedVersion);
      return store(caller, application, submit(application, caller.userId, clock.now(), newId));
    },

    async withdrawApplication(context: CallContext, id: string, expectedVersion?: number): Promise<Application> {
      const caller = await authenticate(verifier, context);
      requirePermission(caller, "application.create");
      const application = await visibleApplication(caller, id);
      checkExpectedVersion(application, expectedVersion);
      return store(caller, application, withdraw(application, caller.userId, clock.now()));
    },

    /** Approves or rejects the current step. Of concurrent decisions exactly one is stored. */
    async decideApplication(context: CallContext, id: string, outcome: "APPROVED" | "REJECTED", comment: string, expectedVersion?: number): Promise<Application> {
      const caller = await authenticate(verifier, context);
      requirePermission(caller, "application.decide");
      const application = await visibleApplication(caller, id);
      checkExpectedVersion(application, expectedVersion);
      const seal = await repository.findSeal(caller.organisationId, application.sealId);
      if (!seal) throw failedPrecondition("the application's seal no longer exists");
      const holdingDeviceId = holdingDevice(seal);
      const transition = decide(application, { outcome, actorUserId: caller.userId, comment, holdingDeviceId }, clock.now());
      // Nothing could unlock for this approval: device-control authorises the device holding the seal.
      if (transition.application.state === "APPROVED" && seal.details.kind === "physical" && holdingDeviceId === undefined) {
        throw failedPrecondition("the seal is not held by any device; bind it to a device before approving");
      }
      return store(caller, application, transition, { sealId: seal.id, version: seal.version });
    },
  };
}
