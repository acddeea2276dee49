import { failedPrecondition } from "@yunxi/platform";
import type { OriginalInfo, OriginalSource, OriginalStore, ThresholdProfileStore, VerdictStore, Verification, VerificationAnnouncement } from "../../app/ports.js";
import { DEFAULT_PROFILE } from "../../domain/threshold-profiles.js";
import type { OriginalDocument, ThresholdProfile } from "../../domain/verdict.js";

/** Originals in memory: unit tests and the CLI. */
export class MemoryOriginalStore implements OriginalStore {
  private readonly byApplication = new Map<string, { info: OriginalInfo; original?: OriginalDocument }>();

  async save(original: OriginalDocument, source: OriginalSource = {}): Promise<void> {
    if (!this.sameOrganisation(original.applicationId, original.organisationId)) return;
    this.byApplication.set(original.applicationId, { info: info(original, source), original });
  }
  async saveUnreadable(unreadable: { applicationId: string; organisationId: string; problem: string }, source: OriginalSource = {}): Promise<void> {
    if (!this.sameOrganisation(unreadable.applicationId, unreadable.organisationId)) return;
    this.byApplication.set(unreadable.applicationId, { info: { ...info(unreadable, source), problem: unreadable.problem } });
  }
  async get(applicationId: string): Promise<OriginalDocument | undefined> {
    return this.byApplication.get(applicationId)?.original;
  }
  async describe(applicationId: string): Promise<OriginalInfo | undefined> {
    return this.byApplication.get(applicationId)?.info;
  }
  // As the SQL store: an application id taken by one organisation is never overwritten by another.
  private sameOrganisation(applicationId: string, organisationId: string): boolean {
    const existing = this.byApplication.get(applicationId);
    return !existing || existing.info.organisationId === organisationId;
  }
}

function info(entry: { applicationId: string; organisationId: string }, source: OriginalSource): OriginalInfo {
  return {
    applicationId: entry.applicationId,
    organisationId: entry.organisationId,
    ...(source.applicantUserId ? { applicantUserId: source.applicantUserId } : {}),
    ...(source.eventId ? { sourceEventId: source.eventId } : {}),
  };
}

/** Verdicts in memory; what they announce is kept in `announced` for tests to read. */
export class MemoryVerdictStore implements VerdictStore {
  private readonly byId = new Map<string, Verification>();
  readonly announced: VerificationAnnouncement[] = [];

  async add(result: Verification, announcements: readonly VerificationAnnouncement[]): Promise<Verification> {
    const earlier = (await this.findByImpression(result.applicationId, result.impressionId)) ?? (result.photo ? await this.findByMedia(result.photo.mediaId) : undefined);
    if (earlier) return earlier;
    this.byId.set(result.verificationId, result);
    this.announced.push(...announcements);
    return result;
  }
  async update(result: Verification, expectedReviews: number, announcements: readonly VerificationAnnouncement[]): Promise<void> {
    const current = this.byId.get(result.verificationId);
    if (!current || current.reviews.length !== expectedReviews) throw failedPrecondition("the verification changed meanwhile; reload and review again");
    this.byId.set(result.verificationId, result);
    this.announced.push(...announcements);
  }
  async get(verificationId: string): Promise<Verification | undefined> {
    return this.byId.get(verificationId);
  }
  async findByImpression(applicationId: string, impressionId: string): Promise<Verification | undefined> {
    for (const r of this.byId.values()) if (r.applicationId === applicationId && r.impressionId === impressionId) return r;
    return undefined;
  }
  async findByMedia(mediaId: string): Promise<Verification | undefined> {
    for (const r of this.byId.values()) if (r.photo?.mediaId === mediaId) return r;
    return undefined;
  }
  async listUnreviewed(organisationId: string, verdicts: readonly string[], limit: number): Promise<Verification[]> {
    return [...this.byId.values()]
      .filter((r) => r.organisationId === organisationId && r.reviews.length === 0 && verdicts.includes(r.finalVerdict))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.verificationId.localeCompare(a.verificationId))
      .slice(0, limit);
  }
  async listByApplication(organisationId: string, applicationId: string): Promise<Verification[]> {
    return [...this.byId.values()].filter((r) => r.organisationId === organisationId && r.applicationId === applicationId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
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
