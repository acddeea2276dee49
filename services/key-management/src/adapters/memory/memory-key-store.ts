import { alreadyExists, notFound } from "@yunxi/platform";
import type { KeyVersion } from "../../domain/key-ring.js";
import type { KeyOperationEvent, KeyStore, OrganisationPolicy, PolicyStore, SealedVersion, StoredKeyRing } from "../../app/ports.js";
import type { MemoryAuditLog } from "./memory-audit-publisher.js";

/**
 * In-process key store for the embedded mode and tests; a Prisma-backed one replaces it in production.
 * Each change records its events in `audit` first and is applied only if that succeeded, in one
 * synchronous step, which is what a transaction gives the Prisma store.
 */
export class MemoryKeyStore implements KeyStore {
  private readonly rings = new Map<string, StoredKeyRing>();

  constructor(private readonly audit: MemoryAuditLog) {}

  async get(organisationId: string, name: string): Promise<StoredKeyRing | undefined> {
    const stored = this.rings.get(keyOf(organisationId, name));
    // Copies, so callers cannot change the store behind its back.
    return stored && { ring: structuredClone(stored.ring), sealedMaterial: new Map(stored.sealedMaterial) };
  }

  async create(stored: StoredKeyRing, events: readonly KeyOperationEvent[]): Promise<void> {
    const key = keyOf(stored.ring.organisationId, stored.ring.name);
    if (this.rings.has(key)) throw alreadyExists(`key ${stored.ring.name} already exists`);
    this.audit.record(events);
    this.rings.set(key, { ring: structuredClone(stored.ring), sealedMaterial: new Map(stored.sealedMaterial) });
  }

  async addVersion(organisationId: string, name: string, version: KeyVersion, sealedMaterial: Buffer, events: readonly KeyOperationEvent[]): Promise<void> {
    const stored = this.require(organisationId, name);
    if (stored.sealedMaterial.has(version.version)) throw alreadyExists(`key ${name} version ${version.version} already exists; retry`);
    const material = new Map(stored.sealedMaterial);
    material.set(version.version, sealedMaterial);
    this.audit.record(events);
    this.rings.set(keyOf(organisationId, name), { ring: { ...stored.ring, versions: [...stored.ring.versions, structuredClone(version)] }, sealedMaterial: material });
  }

  async setMinDecryptionVersion(organisationId: string, name: string, minDecryptionVersion: number, events: readonly KeyOperationEvent[]): Promise<void> {
    const stored = this.require(organisationId, name);
    this.audit.record(events);
    this.rings.set(keyOf(organisationId, name), { ...stored, ring: { ...stored.ring, minDecryptionVersion } });
  }

  async reserveOperations(organisationId: string, name: string, version: number, count: number, limit: number, events: readonly KeyOperationEvent[]): Promise<boolean> {
    const stored = this.require(organisationId, name);
    const current = stored.ring.versions.find((v) => v.version === version);
    if (!current) throw notFound(`key ${name} has no version ${version}`);
    if (current.operations + count > limit) return false;
    const versions = stored.ring.versions.map((v) => (v.version === version ? { ...v, operations: v.operations + count } : v));
    this.audit.record(events);
    this.rings.set(keyOf(organisationId, name), { ...stored, ring: { ...stored.ring, versions } });
    return true;
  }

  async anySealedVersion(): Promise<SealedVersion | undefined> {
    for (const { ring, sealedMaterial } of this.rings.values()) {
      for (const [version, sealed] of sealedMaterial) return { organisationId: ring.organisationId, name: ring.name, version, sealedMaterial: Buffer.from(sealed) };
    }
    return undefined;
  }

  private require(organisationId: string, name: string): StoredKeyRing {
    const stored = this.rings.get(keyOf(organisationId, name));
    if (!stored) throw notFound(`key ${name} not found`);
    return stored;
  }
}

/** In-process policies; like {@link MemoryKeyStore}, a change is applied only once its events are recorded. */
export class MemoryPolicyStore implements PolicyStore {
  private readonly policies = new Map<string, OrganisationPolicy>();

  constructor(private readonly audit: MemoryAuditLog) {}

  async get(organisationId: string): Promise<OrganisationPolicy | undefined> {
    return this.policies.get(organisationId);
  }

  async put(policy: OrganisationPolicy, events: readonly KeyOperationEvent[]): Promise<void> {
    this.audit.record(events);
    this.policies.set(policy.organisationId, { ...policy });
  }
}

function keyOf(organisationId: string, name: string): string {
  return `${organisationId}\u0000${name}`;
}
