import { randomUUID } from "node:crypto";
import { loadPackageDefinition, type Client, type ServiceDefinition } from "@grpc/grpc-js";
import { callUnary, createGrpcClient } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { OrganisationDirectory } from "../../app/ports.js";
import type { Membership } from "../../domain/membership.js";

/** OrganisationService's definition from proto/yunxi/organisation/v1/organisation.proto. */
export function organisationServiceDefinition(): ServiceDefinition {
  const loaded = loadPackageDefinition(loadProtoDefinition("yunxi/organisation/v1/organisation.proto")) as unknown as {
    yunxi: { organisation: { v1: { OrganisationService: { service: ServiceDefinition } } } };
  };
  return loaded.yunxi.organisation.v1.OrganisationService.service;
}

interface MembershipMessage {
  organisationId: string;
  organisationCode: string;
  organisationName: string;
  roles: string[];
}

interface OrganisationMessage {
  id: string;
  name: string;
  code: string;
}

const toMembership = (m: MembershipMessage): Membership => ({ organisationId: m.organisationId, organisationCode: m.organisationCode, organisationName: m.organisationName, roles: [...m.roles] });

/**
 * The organisation service over gRPC, called on identity's own behalf with a service token
 * (`yunxi_service: "identity"`, no organisation), as its internal RPCs require.
 */
export class GrpcOrganisationDirectory implements OrganisationDirectory {
  readonly #client: Client;

  constructor(
    address: string,
    private readonly serviceToken: () => Promise<string>,
    private readonly deadlineMs = 5000,
    definition: ServiceDefinition = organisationServiceDefinition(),
  ) {
    this.#client = createGrpcClient(definition, { address });
  }

  async #call<Res>(method: string, request: unknown): Promise<Res> {
    return callUnary<unknown, Res>(this.#client, method, request, { requestId: randomUUID(), bearerToken: await this.serviceToken() }, this.deadlineMs);
  }

  async createOrganisation(input: { name: string; code?: string; founderUserId: string; founderDisplayName: string }): Promise<Membership> {
    const organisation = await this.#call<OrganisationMessage>("CreateOrganisation", {
      name: input.name,
      code: input.code ?? "",
      founderUserId: input.founderUserId,
      founderDisplayName: input.founderDisplayName,
    });
    // The founder is the organisation's first administrator (organisation.proto).
    return { organisationId: organisation.id, organisationCode: organisation.code, organisationName: organisation.name, roles: ["administrator"] };
  }

  async joinOrganisation(input: { organisationCode: string; userId: string; displayName: string }): Promise<Membership> {
    return toMembership(await this.#call<MembershipMessage>("JoinOrganisation", input));
  }

  async listMemberships(userId: string): Promise<Membership[]> {
    const response = await this.#call<{ memberships: MembershipMessage[] }>("ListMembershipsOfUser", { userId });
    return response.memberships.map(toMembership);
  }

  close(): void {
    this.#client.close();
  }
}
