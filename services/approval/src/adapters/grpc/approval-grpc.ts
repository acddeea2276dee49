import { loadPackageDefinition, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { unary, type Logger } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { Application as ApplicationMessage } from "@yunxi/proto/generated/yunxi/approval/v1/Application";
import type { ApplicationActionRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/ApplicationActionRequest";
import type { BindSealDeviceRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/BindSealDeviceRequest";
import type { CreateApplicationRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/CreateApplicationRequest";
import type { CreateSealRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/CreateSealRequest";
import type { DecideApplicationRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/DecideApplicationRequest";
import type { GetApplicationRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/GetApplicationRequest";
import type { GetSealRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/GetSealRequest";
import type { ListApplicationsRequest__Output } from "@yunxi/proto/generated/yunxi/approval/v1/ListApplicationsRequest";
import type { Seal as SealMessage } from "@yunxi/proto/generated/yunxi/approval/v1/Seal";
import type { ApprovalService } from "../../app/approval-service.js";
import type { Application } from "../../domain/application.js";
import type { Seal } from "../../domain/seal.js";

export const APPROVAL_PROTO = "yunxi/approval/v1/approval.proto";

/** The package definition and service definition of ApprovalService. */
export function approvalServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(APPROVAL_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as { yunxi: { approval: { v1: { ApprovalService: { service: ServiceDefinition } } } } };
  return { packageDefinition, service: loaded.yunxi.approval.v1.ApprovalService.service };
}

/** A seal as the API shows it. */
export function sealMessage(seal: Seal): SealMessage {
  const d = seal.details;
  return {
    id: seal.id,
    organisationId: seal.organisationId,
    name: seal.name,
    ...(d.kind === "physical"
      ? { physical: { sealType: d.sealType, sizeMm: d.sizeMm, material: d.material, deviceId: d.deviceId ?? "" } }
      : { electronic: { imageObjectKey: d.imageObjectKey, certificateRef: d.certificateRef } }),
    version: seal.version,
    createdAt: seal.createdAt.toISOString(),
    updatedAt: seal.updatedAt.toISOString(),
  };
}

/** An application as the API shows it. */
export function applicationMessage(a: Application): ApplicationMessage {
  return {
    id: a.id,
    organisationId: a.organisationId,
    sealId: a.sealId,
    applicantUserId: a.applicantUserId,
    title: a.title,
    description: a.description,
    documents: a.documents.map((d) => ({ objectKey: d.objectKey, sha256: d.sha256, contentType: d.contentType })),
    impressionCount: a.impressionCount,
    state: a.state,
    revision: a.revision,
    version: a.version,
    approvedDeviceId: a.approvedDeviceId ?? "",
    steps: a.steps.map((s) => ({
      id: s.id,
      revision: s.revision,
      position: s.position,
      mode: s.mode,
      state: s.state,
      decisions: s.decisions.map((d) => ({ outcome: d.outcome, decidedBy: d.decidedBy, comment: d.comment, decidedAt: d.decidedAt.toISOString() })),
    })),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** gRPC handlers of ApprovalService: translation only; authentication and rules live in the use cases. */
export function makeApprovalGrpc(service: ApprovalService, logger: Logger): UntypedServiceImplementation {
  return {
    CreateSeal: unary<CreateSealRequest__Output, SealMessage>(logger, async (req, ctx) =>
      sealMessage(
        await service.createSeal(ctx, {
          name: req.name,
          physical: req.physical ? { sealType: req.physical.sealType, sizeMm: req.physical.sizeMm, material: req.physical.material, deviceId: req.physical.deviceId } : undefined,
          electronic: req.electronic ? { imageObjectKey: req.electronic.imageObjectKey, certificateRef: req.electronic.certificateRef } : undefined,
        }),
      ),
    ),
    ListSeals: unary<unknown, { seals: SealMessage[] }>(logger, async (_req, ctx) => ({ seals: (await service.listSeals(ctx)).map(sealMessage) })),
    GetSeal: unary<GetSealRequest__Output, SealMessage>(logger, async (req, ctx) => sealMessage(await service.getSeal(ctx, req.id))),
    BindSealDevice: unary<BindSealDeviceRequest__Output, SealMessage>(logger, async (req, ctx) => sealMessage(await service.bindSealDevice(ctx, req.sealId, req.deviceId))),
    CreateApplication: unary<CreateApplicationRequest__Output, ApplicationMessage>(logger, async (req, ctx) =>
      applicationMessage(
        await service.createApplication(ctx, {
          sealId: req.sealId,
          title: req.title,
          description: req.description,
          documents: req.documents.map((d) => ({ objectKey: d.objectKey, sha256: d.sha256, contentType: d.contentType })),
          impressionCount: req.impressionCount,
        }),
      ),
    ),
    ListApplications: unary<ListApplicationsRequest__Output, { applications: ApplicationMessage[] }>(logger, async (req, ctx) => ({
      applications: (await service.listApplications(ctx, req.state)).map(applicationMessage),
    })),
    GetApplication: unary<GetApplicationRequest__Output, ApplicationMessage>(logger, async (req, ctx) => applicationMessage(await service.getApplication(ctx, req.id))),
    SubmitApplication: unary<ApplicationActionRequest__Output, ApplicationMessage>(logger, async (req, ctx) =>
      applicationMessage(await service.submitApplication(ctx, req.id, req.expectedVersion)),
    ),
    WithdrawApplication: unary<ApplicationActionRequest__Output, ApplicationMessage>(logger, async (req, ctx) =>
      applicationMessage(await service.withdrawApplication(ctx, req.id, req.expectedVersion)),
    ),
    ApproveApplication: unary<DecideApplicationRequest__Output, ApplicationMessage>(logger, async (req, ctx) =>
      applicationMessage(await service.decideApplication(ctx, req.id, "APPROVED", req.comment, req.expectedVersion)),
    ),
    RejectApplication: unary<DecideApplicationRequest__Output, ApplicationMessage>(logger, async (req, ctx) =>
      applicationMessage(await service.decideApplication(ctx, req.id, "REJECTED", req.comment, req.expectedVersion)),
    ),
  };
}
