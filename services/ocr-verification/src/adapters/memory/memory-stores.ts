import { failedPrecondition } from "@yunxi/platform";
import type { OriginalStore, ThresholdProfileStore, VerdictStore, VerificationAnnouncement } from "../../app/ports.js";
import { DEFAULT_PROFILE } from "../../domain/threshold-profiles.js";
import type { OriginalDocument, ThresholdProfile, VerificationResult } from "../../domain/verdict.js";

/** Originals in memory: unit tests and the CLI. */
export class MemoryOriginalStore implements OriginalStore {
  private readonly byApplication = new Map<string, OriginalDocument>();
  async save(original: OriginalDocument): Promise<void> {
    this.byApplication.set(original.applicationId, original);
  }
  async get(applicationId: string): Promise<OriginalDocument | undefined> {
    return this.byApplication.get(applicationId);
  }
}

/** Verdicts in memory; what they announce is kept in `announced` for tests to read. */
export class MemoryVerdictStore implements VerdictStore {
  private readonly byId = new Map<string, VerificationResult>();
  readonly announced: VerificationAnnouncement[] = [];

  async add(result: VerificationResult, announcements: readonly VerificationAnnouncement[]): Promise<VerificationResult> {
    const earlier = await this.findByImpression(result.applicationId, result.impressionId);
    if (earlier) return earlier;
    this.byId.set(result.verificationId, result);
    this.announced.push(...announcements);
    return result;
  }
  async update(result: VerificationResult, expectedReviews: number, announcements: readonly VerificationAnnouncement[]): Promise<void> {
    const current = this.byId.get(result.verificationId);
    if (!current || current.reviews.length !== expectedReviews) throw failedPrecondition("the verification changed meanwhile; reload and review again");
    this.byId.set(result.verificationId, result);
    this.announced.push(...announcements);
  }
  async get(verificationId: string): Promise<VerificationResult | undefined> {
    return this.byId.get(verificationId);
  }
  async findByImpression(applicationId: string, impressionId: string): Promise<VerificationResult | undefined> {
    for (const r of this.byId.values()) if (r.applicationId === applicationId && r.impressionId === impressionId) return r;
    return undefined;
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
