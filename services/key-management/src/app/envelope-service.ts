import { randomBytes } from "node:crypto";
import { alreadyExists, invalidArgument, isYunxiError, notFound, unavailable } from "@yunxi/platform";
import type { Logger } from "@yunxi/platform";
import { ciphertextHeader, formatCiphertext, parseCiphertext } from "../domain/ciphertext.js";
import {
  checkKeyName,
  checkOrganisationId,
  DEFAULT_MAX_OPERATIONS_PER_VERSION,
  latestVersion,
  versionForDecryption,
  withMinDecryptionVersion,
  type KeyProvenance,
  type KeyRing,
  type KeyVersion,
} from "../domain/key-ring.js";
import type { SecurityLevel, Suite } from "../domain/suites.js";
import type {
  AuditPublisher,
  Clock,
  KeyMaterial,
  KeyOperation,
  KeyOperationEvent,
  KeySource,
  KeyStore,
  MaterialSealer,
  OrganisationPolicy,
  PolicyStore,
  SuiteCipher,
} from "./ports.js";
import { sealContext } from "./storage-key-check.js";

export interface EnvelopeServiceDeps {
  readonly keys: KeyStore;
  readonly policies: PolicyStore;
  readonly ciphers: Readonly<Record<Suite, SuiteCipher>>;
  /** QKD material (direct link or relay). Throws Unavailable when there is none. */
  readonly qkd: KeySource;
  /** ML-KEM-768 + X25519 hybrid material; used when QKD is unavailable, and combined with QKD if `combineWithPqc`. */
  readonly pqc: KeySource;
  readonly sealer: MaterialSealer;
  readonly audit: AuditPublisher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly defaultPolicy: Omit<OrganisationPolicy, "organisationId">;
  /** Mix a hybrid PQC secret into every QKD-derived KEK (security level `qkd+pqc`). */
  readonly combineWithPqc?: boolean;
  readonly maxOperationsPerVersion?: number;
}

/** Who asks, and the caller-chosen context bound into the ciphertext (e.g. object id). */
export interface CallContext {
  readonly actor: string;
  readonly organisationId: string;
}

export interface KeyInfo {
  readonly name: string;
  readonly suite: Suite;
  readonly latestVersion: number;
  readonly minDecryptionVersion: number;
  readonly versions: readonly { version: number; securityLevel: SecurityLevel; operations: number; createdAt: Date }[];
}

export interface DataKey {
  /** The data key itself; absent for the "wrapped only" form. Callers must erase it after use. */
  readonly plaintext?: Buffer;
  readonly ciphertext: string;
  readonly keyVersion: number;
  readonly securityLevel: SecurityLevel;
}

const DATA_KEY_BYTES = 32;
const KEY_BYTES = 32;
/** Vault Transit's default cap for one encrypt call; bulk data belongs under a data key instead. */
const MAX_PLAINTEXT_BYTES = 32 * 1024 * 1024;
const MAX_RESERVE_ATTEMPTS = 8;

/**
 * Envelope encryption modelled on Vault Transit: named key-encryption keys per organisation with
 * versions, encrypt/decrypt of small payloads and data keys, rewrap to the latest version and a
 * minimum decryption version. KEK material comes from QKD, or from the PQC hybrid if the
 * organisation does not require QKD.
 */
export function makeEnvelopeService(deps: EnvelopeServiceDeps) {
  const maxOperations = deps.maxOperationsPerVersion ?? DEFAULT_MAX_OPERATIONS_PER_VERSION;
  const log = deps.logger;

  type AuditFields = Partial<{ keyName: string; keyVersion: number; securityLevel: SecurityLevel; provenance: KeyProvenance; outcome: "ok" | "refused" | "failed"; detail: string }>;

  function auditEvent(ctx: CallContext, operation: KeyOperation, fields: AuditFields): KeyOperationEvent {
    return {
      operation,
      outcome: fields.outcome ?? "ok",
      actor: ctx.actor,
      organisationId: ctx.organisationId,
      keyName: fields.keyName ?? "",
      keyVersion: fields.keyVersion ?? 0,
      securityLevel: fields.securityLevel ?? fields.provenance?.securityLevel ?? "",
      qkdKeyIds: fields.provenance?.qkdKeyIds ?? [],
      path: fields.provenance?.path ?? [],
      detail: fields.detail ?? "",
      occurredAt: deps.clock.now(),
    };
  }

  /** For operations that change nothing: the event is recorded before the caller gets any result. */
  async function audit(ctx: CallContext, operation: KeyOperation, fields: AuditFields): Promise<void> {
    await deps.audit.publish(auditEvent(ctx, operation, fields));
  }

  async function policyOf(organisationId: string): Promise<OrganisationPolicy> {
    return (await deps.policies.get(organisationId)) ?? { organisationId, ...deps.defaultPolicy };
  }

  /**
   * QKD first; PQC only if the organisation allows it. A refusal is audited here (it changes nothing);
   * a downgrade comes back as `events`, to be stored with the key version it made.
   */
  async function obtainMaterial(ctx: CallContext, keyName: string, requireQkd: boolean): Promise<KeyMaterial & { events: KeyOperationEvent[] }> {
    const request = { organisationId: ctx.organisationId, keyName, bytes: KEY_BYTES };
    let qkd: KeyMaterial;
    try {
      qkd = await deps.qkd.obtain(request);
    } catch (error) {
      if (!isYunxiError(error, "Unavailable")) throw error;
      if (requireQkd) {
        await audit(ctx, "downgrade-refused", { keyName, outcome: "refused", detail: error.message });
        log.warn({ organisationId: ctx.organisationId, keyName }, "qkd unavailable, downgrade refused");
        throw unavailable("no QKD key is available and the organisation requires QKD; refusing to fall back to PQC", { cause: error });
      }
      const pqc = await deps.pqc.obtain(request);
      log.warn({ organisationId: ctx.organisationId, keyName }, "qkd unavailable, using pqc hybrid");
      return { ...pqc, events: [auditEvent(ctx, "downgrade", { keyName, provenance: pqc.provenance, detail: error.message })] };
    }
    if (!deps.combineWithPqc) return { ...qkd, events: [] };
    const pqc = await deps.pqc.obtain(request);
    // CatKDF (ETSI TS 103 744): concatenate both secrets, PQC first as in qkd-kem-provider; the KDF follows in deriveKek.
    const material = Buffer.concat([pqc.material, qkd.material]);
    pqc.material.fill(0);
    qkd.material.fill(0);
    return { material, provenance: { securityLevel: "qkd+pqc", qkdKeyIds: qkd.provenance.qkdKeyIds, path: qkd.provenance.path }, events: [] };
  }

  function deriveKek(ring: Pick<KeyRing, "organisationId" | "name" | "suite">, version: number, material: Buffer): Buffer {
    const cipher = deps.ciphers[ring.suite];
    const salt = Buffer.from(`yunxi-kek-salt|${ring.organisationId}|${ring.name}`, "utf8");
    const kek = cipher.deriveKey(material, salt, `yunxi-kek|${ring.organisationId}|${ring.name}|${ring.suite}|${version}`);
    material.fill(0);
    return kek;
  }

  async function load(ctx: CallContext, name: string) {
    checkOrganisationId(ctx.organisationId);
    checkKeyName(name);
    const stored = await deps.keys.get(ctx.organisationId, name);
    if (!stored) throw notFound(`key ${name} not found`);
    return stored;
  }

  function kekOf(stored: { ring: KeyRing; sealedMaterial: ReadonlyMap<number, Buffer> }, version: number): Buffer {
    const sealed = stored.sealedMaterial.get(version);
    if (!sealed) throw notFound(`key ${stored.ring.name} version ${version} has no material`);
    return deps.sealer.unseal(sealed, sealContext(stored.ring.organisationId, stored.ring.name, version));
  }

  function aadFor(header: string, context: Buffer): Buffer {
    // The header is authenticated too, so a body cannot be re-labelled with another key, version or level.
    return Buffer.concat([Buffer.from(header, "utf8"), Buffer.from([0]), context]);
  }

  function encryptWith(stored: { ring: KeyRing; sealedMaterial: ReadonlyMap<number, Buffer> }, version: KeyVersion, plaintext: Buffer, context: Buffer): string {
    const ring = stored.ring;
    const head = { suite: ring.suite, keyName: ring.name, keyVersion: version.version, securityLevel: version.provenance.securityLevel };
    const kek = kekOf(stored, version.version);
    try {
      const body = deps.ciphers[ring.suite].seal(kek, plaintext, aadFor(ciphertextHeader(head), context));
      return formatCiphertext({ ...head, body });
    } finally {
      kek.fill(0);
    }
  }

  function decryptWith(stored: { ring: KeyRing; sealedMaterial: ReadonlyMap<number, Buffer> }, ciphertext: string, context: Buffer) {
    const envelope = parseCiphertext(ciphertext);
    const ring = stored.ring;
    if (envelope.keyName !== ring.name) throw invalidArgument("ciphertext belongs to another key");
    if (envelope.suite !== ring.suite) throw invalidArgument("ciphertext suite does not match the key");
    const version = versionForDecryption(ring, envelope.keyVersion);
    if (version.provenance.securityLevel !== envelope.securityLevel) throw invalidArgument("ciphertext security level does not match the key version");
    const kek = kekOf(stored, version.version);
    try {
      return { plaintext: deps.ciphers[ring.suite].open(kek, envelope.body, aadFor(ciphertextHeader(envelope), context)), version };
    } finally {
      kek.fill(0);
    }
  }

  /**
   * Encrypt under the latest version, rotating first if it reached its usage limit. Concurrent callers
   * may find the limit reached between reading and reserving, or race to rotate: they retry (bounded).
   * The use's audit event (`auditOf`) is stored with the reservation, so it is recorded before anything
   * is encrypted and exactly once per counted use.
   */
  async function latestForEncryption(ctx: CallContext, name: string, auditOf: (version: KeyVersion) => KeyOperationEvent) {
    for (let attempt = 0; attempt < MAX_RESERVE_ATTEMPTS; attempt++) {
      const stored = await load(ctx, name);
      const version = latestVersion(stored.ring);
      const limit = stored.ring.maxOperationsPerVersion;
      if (version.operations < limit && (await deps.keys.reserveOperations(ctx.organisationId, name, version.version, 1, limit, [auditOf(version)]))) {
        return { stored, version };
      }
      await rotateKey(ctx, name, "usage limit reached", version.version).catch((error: unknown) => {
        // Another caller rotated first; its new version is what we wanted.
        if (!isYunxiError(error, "AlreadyExists")) throw error;
      });
    }
    throw unavailable(`key ${name} is rotating under heavy use; retry`);
  }

  /** Adds a version; with `ifLatest`, only if that is still the latest (so racing auto-rotations make one). */
  async function rotateKey(ctx: CallContext, name: string, reason = "requested", ifLatest?: number): Promise<KeyInfo> {
    const stored = await load(ctx, name);
    if (ifLatest !== undefined && latestVersion(stored.ring).version !== ifLatest) return info(stored.ring);
    const policy = await policyOf(ctx.organisationId);
    const next = latestVersion(stored.ring).version + 1;
    const { material, provenance, events } = await obtainMaterial(ctx, name, policy.requireQkd);
    const kek = deriveKek(stored.ring, next, material);
    const sealed = deps.sealer.seal(kek, sealContext(ctx.organisationId, name, next));
    kek.fill(0);
    await deps.keys.addVersion(ctx.organisationId, name, { version: next, createdAt: deps.clock.now(), provenance, operations: 0 }, sealed, [
      ...events,
      auditEvent(ctx, "rotate-key", { keyName: name, keyVersion: next, provenance, detail: reason }),
    ]);
    return info((await load(ctx, name)).ring);
  }

  async function createKey(ctx: CallContext, name: string, options: { suite?: Suite } = {}): Promise<KeyInfo> {
    checkOrganisationId(ctx.organisationId);
    checkKeyName(name);
    if (await deps.keys.get(ctx.organisationId, name)) throw alreadyExists(`key ${name} already exists`);
    const policy = await policyOf(ctx.organisationId);
    const suite = options.suite ?? policy.suite;
    const { material, provenance, events } = await obtainMaterial(ctx, name, policy.requireQkd);
    const ring: KeyRing = {
      organisationId: ctx.organisationId,
      name,
      suite,
      versions: [{ version: 1, createdAt: deps.clock.now(), provenance, operations: 0 }],
      minDecryptionVersion: 1,
      maxOperationsPerVersion: maxOperations,
    };
    const kek = deriveKek(ring, 1, material);
    const sealed = deps.sealer.seal(kek, sealContext(ctx.organisationId, name, 1));
    kek.fill(0);
    await deps.keys.create({ ring, sealedMaterial: new Map([[1, sealed]]) }, [...events, auditEvent(ctx, "create-key", { keyName: name, keyVersion: 1, provenance })]);
    return info(ring);
  }

  return {
    /** Creates a key ring with version 1 in the organisation's suite (or an explicit one). */
    createKey,

    async getKey(ctx: CallContext, name: string): Promise<KeyInfo> {
      return info((await load(ctx, name)).ring);
    },

    rotateKey: (ctx: CallContext, name: string) => rotateKey(ctx, name),

    async setMinDecryptionVersion(ctx: CallContext, name: string, minDecryptionVersion: number): Promise<KeyInfo> {
      const stored = await load(ctx, name);
      const updated = withMinDecryptionVersion(stored.ring, minDecryptionVersion);
      await deps.keys.setMinDecryptionVersion(ctx.organisationId, name, updated.minDecryptionVersion, [
        auditEvent(ctx, "set-key-config", { keyName: name, keyVersion: minDecryptionVersion, detail: "min_decryption_version" }),
      ]);
      return info(updated);
    },

    async setPolicy(ctx: CallContext, policy: Omit<OrganisationPolicy, "organisationId">): Promise<OrganisationPolicy> {
      checkOrganisationId(ctx.organisationId);
      const full = { organisationId: ctx.organisationId, suite: policy.suite, requireQkd: policy.requireQkd };
      await deps.policies.put(full, [auditEvent(ctx, "set-policy", { detail: `suite=${full.suite} requireQkd=${full.requireQkd}` })]);
      return full;
    },

    getPolicy: (organisationId: string) => policyOf(checkOrganisationId(organisationId)),

    async encrypt(ctx: CallContext, name: string, plaintext: Buffer, context: Buffer = Buffer.alloc(0)): Promise<string> {
      if (plaintext.length > MAX_PLAINTEXT_BYTES) throw invalidArgument(`plaintext exceeds ${MAX_PLAINTEXT_BYTES} bytes; use a data key`);
      const { stored, version } = await latestForEncryption(ctx, name, (v) => auditEvent(ctx, "encrypt", { keyName: name, keyVersion: v.version, provenance: v.provenance }));
      return encryptWith(stored, version, plaintext, context);
    },

    async decrypt(ctx: CallContext, name: string, ciphertext: string, context: Buffer = Buffer.alloc(0)): Promise<Buffer> {
      const stored = await load(ctx, name);
      let opened: ReturnType<typeof decryptWith>;
      try {
        opened = decryptWith(stored, ciphertext, context);
      } catch (error) {
        await audit(ctx, "decrypt", { keyName: name, outcome: "failed", detail: isYunxiError(error) ? error.message : "error" });
        throw error;
      }
      // Decrypt writes nothing, so its event is recorded on its own, before the plaintext leaves: if it
      // cannot be recorded the caller gets the error and the plaintext is erased.
      try {
        await audit(ctx, "decrypt", { keyName: name, keyVersion: opened.version.version, provenance: opened.version.provenance });
      } catch (error) {
        opened.plaintext.fill(0);
        throw error;
      }
      return opened.plaintext;
    },

    /**
     * A fresh data key; `wrappedOnly` returns only its ciphertext (AWS GenerateDataKeyWithoutPlaintext);
     * `createIfMissing` creates the key ring first (in the organisation's policy suite) if it does not exist.
     */
    async generateDataKey(ctx: CallContext, name: string, options: { wrappedOnly?: boolean; context?: Buffer; createIfMissing?: boolean } = {}): Promise<DataKey> {
      if (options.createIfMissing && !(await deps.keys.get(checkOrganisationId(ctx.organisationId), checkKeyName(name)))) {
        await createKey(ctx, name).catch((error: unknown) => {
          // A concurrent first use created it: use theirs.
          if (!isYunxiError(error, "AlreadyExists")) throw error;
        });
      }
      const { stored, version } = await latestForEncryption(ctx, name, (v) => auditEvent(ctx, "generate-data-key", { keyName: name, keyVersion: v.version, provenance: v.provenance }));
      const dataKey = randomBytes(DATA_KEY_BYTES);
      const ciphertext = encryptWith(stored, version, dataKey, options.context ?? Buffer.alloc(0));
      if (options.wrappedOnly) {
        dataKey.fill(0);
        return { ciphertext, keyVersion: version.version, securityLevel: version.provenance.securityLevel };
      }
      return { plaintext: dataKey, ciphertext, keyVersion: version.version, securityLevel: version.provenance.securityLevel };
    },

    /** Re-encrypts under the latest version without returning the plaintext (Vault's rewrap). */
    async rewrap(ctx: CallContext, name: string, ciphertext: string, context: Buffer = Buffer.alloc(0)): Promise<string> {
      const stored = await load(ctx, name);
      const { plaintext, version: from } = decryptWith(stored, ciphertext, context);
      try {
        const { stored: current, version } = await latestForEncryption(ctx, name, (v) =>
          auditEvent(ctx, "rewrap", { keyName: name, keyVersion: v.version, provenance: v.provenance, detail: `from version ${from.version}` }),
        );
        return encryptWith(current, version, plaintext, context);
      } finally {
        plaintext.fill(0);
      }
    },
  };
}

export type EnvelopeService = ReturnType<typeof makeEnvelopeService>;

function info(ring: KeyRing): KeyInfo {
  return {
    name: ring.name,
    suite: ring.suite,
    latestVersion: latestVersion(ring).version,
    minDecryptionVersion: ring.minDecryptionVersion,
    versions: ring.versions.map((v) => ({ version: v.version, securityLevel: v.provenance.securityLevel, operations: v.operations, createdAt: v.createdAt })),
  };
}
