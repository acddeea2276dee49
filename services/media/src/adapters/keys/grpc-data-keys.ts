import { loadPackageDefinition, type Client, type ServiceDefinition } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, internal, isYunxiError, type CallContext } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { DataKeys, IssuedDataKey, KeyCallContext } from "../../app/ports.js";

const KEY_MANAGEMENT_PROTO = "yunxi/key_management/v1/key_management.proto";

/** KeyManagementService's definition, loaded from proto/ (the service itself is never imported). */
export function keyManagementServiceDefinition(): ServiceDefinition {
  const loaded = loadPackageDefinition(loadProtoDefinition(KEY_MANAGEMENT_PROTO)) as unknown as {
    yunxi: { key_management: { v1: { KeyManagementService: { service: ServiceDefinition } } } };
  };
  return loaded.yunxi.key_management.v1.KeyManagementService.service;
}

interface GenerateDataKeyResponse {
  plaintext: Buffer;
  ciphertext: string;
  keyVersion: number;
}

/**
 * Data keys from the key-management service over gRPC. The caller's call context is forwarded
 * (token, organisation, request id), so key-management sees who asked and for which organisation.
 * The organisation's key ring `keyName` is created on first use.
 */
export class GrpcDataKeys implements DataKeys {
  readonly #client: Client;
  readonly #keyName: string;
  readonly #deadlineMs: number;

  constructor(options: { address: string; keyName: string; deadlineMs: number }) {
    this.#client = createGrpcClient(keyManagementServiceDefinition(), { address: options.address });
    this.#keyName = options.keyName;
    this.#deadlineMs = options.deadlineMs;
  }

  #call<Res>(method: string, request: unknown, context: KeyCallContext): Promise<Res> {
    const callContext: CallContext = { requestId: context.requestId, organisationId: context.organisationId, ...(context.bearerToken ? { bearerToken: context.bearerToken } : {}) };
    return callUnary<unknown, Res>(this.#client, method, request, callContext, this.#deadlineMs);
  }

  async issue(context: KeyCallContext, encryptionContext: Buffer): Promise<IssuedDataKey> {
    const request = { name: this.#keyName, wrappedOnly: false, context: encryptionContext };
    let response: GenerateDataKeyResponse;
    try {
      response = await this.#call<GenerateDataKeyResponse>("GenerateDataKey", request, context);
    } catch (error) {
      if (!isYunxiError(error, "NotFound")) throw error;
      await this.#call("CreateKey", { name: this.#keyName }, context).catch((created: unknown) => {
        // Another completion created it first: that is what we wanted.
        if (!isYunxiError(created, "AlreadyExists")) throw created;
      });
      response = await this.#call<GenerateDataKeyResponse>("GenerateDataKey", request, context);
    }
    if (response.plaintext.length !== 32 || !response.ciphertext) {
      response.plaintext.fill(0);
      throw internal("key-management returned a malformed data key");
    }
    return { plaintext: response.plaintext, wrapped: response.ciphertext, keyName: this.#keyName, keyVersion: response.keyVersion };
  }

  async unwrap(context: KeyCallContext, keyName: string, wrapped: string, encryptionContext: Buffer): Promise<Buffer> {
    const { plaintext } = await this.#call<{ plaintext: Buffer }>("Decrypt", { name: keyName, ciphertext: wrapped, context: encryptionContext }, context);
    if (plaintext.length !== 32) {
      plaintext.fill(0);
      throw internal("key-management returned a malformed data key");
    }
    return plaintext;
  }

  close(): void {
    this.#client.close();
  }
}
