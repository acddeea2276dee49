import type { OriginalStore, ThresholdProfileStore, VerdictStore, VerificationEvents } from "../../app/ports.js";
import { DEFAULT_PROFILE } from "../../domain/threshold-profiles.js";
import type { ComparisonVerdict, OriginalDocument, ThresholdProfile, VerificationResult } from "../../domain/verdict.js";

/** Originals in memory: tests and the CLI. */
export class MemoryOriginalStore implements OriginalStore {
  private readonly byApplication = new Map<string, OriginalDocument>();
  async save(original: OriginalDocument): Promise<void> {
    this.byApplication.set(original.applicationId, original);
  }
  async get(applicationId: string): Promise<OriginalDocument | undefined> {
    return this.byApplication.get(applicationId);
  }
}

/** Verdicts in memory: tests and the CLI. */
export class MemoryVerdictStore implements VerdictStore {
  private readonly byId = new Map<string, VerificationResult>();
  async save(result: VerificationResult): Promise<void> {
    this.byId.set(result.verificationId, result);
  }
  async get(verificationId: string): Promise<VerificationResult | undefined> {
    return this.byId.get(verificationId);
  }
  async update(result: VerificationResult): Promise<void> {
    this.byId.set(result.verificationId, result);
  }
}

/** Organisation profiles in memory; organisations without one get the default profile. */
export class MemoryThresholdProfileStore implements ThresholdProfileStore {
  private readonly byOrganisation = new Map<string, ThresholdProfile>();
  async forOrganisation(organisationId: string): Promise<ThresholdProfile> {
    return this.byOrganisation.get(organisationId) ?? DEFAULT_PROFILE;
  }
  async setForOrganisation(organisationId: string, profile: ThresholdProfile): Promise<void> {
    this.byOrganisation.set(organisationId, profile);
  }
}

/** Records what would be announced: tests assert on it. */
export class RecordingVerificationEvents implements VerificationEvents {
  readonly verified: VerificationResult[] = [];
  readonly alarms: { result: VerificationResult; verdict: ComparisonVerdict }[] = [];
  readonly reviewed: VerificationResult[] = [];
  async photoVerified(result: VerificationResult): Promise<void> {
    this.verified.push(result);
  }
  async alarmRaised(result: VerificationResult, verdict: "mismatch" | "blank"): Promise<void> {
    this.alarms.push({ result, verdict });
  }
  async verdictReviewed(result: VerificationResult): Promise<void> {
    this.reviewed.push(result);
  }
}
