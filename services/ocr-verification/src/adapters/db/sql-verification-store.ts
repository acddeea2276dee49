import { appendToOutbox, failedPrecondition, type SqlDatabase, type SqlExecutor } from "@yunxi/platform";
import type { OriginalInfo, OriginalSource, OriginalStore, ThresholdProfileStore, VerdictStore, Verification, VerificationAnnouncement } from "../../app/ports.js";
import { DEFAULT_PROFILE, thresholdProfile } from "../../domain/threshold-profiles.js";
import type { ComparisonOutcome, ComparisonVerdict, OriginalDocument, OriginalPage, ThresholdProfile, VerdictReview } from "../../domain/verdict.js";
import { announcementMessages } from "../events/verification-event-messages.js";

interface VerificationRow extends Record<string, unknown> {
  verification_id: string;
  application_id: string;
  organisation_id: string;
  impression_id: string;
  engine: string;
  profile: string;
  final_verdict: string;
  outcome: ComparisonOutcome;
  seconds: number;
  reviews: VerdictReview[];
  created_at: Date;
  media_id: string | null;
  device_id: string | null;
  impression_sequence: string | number | null;
}

const COLUMNS = "verification_id, application_id, organisation_id, impression_id, engine, profile, final_verdict, outcome, seconds, reviews, created_at, media_id, device_id, impression_sequence";

function toResult(row: VerificationRow): Verification {
  return {
    ...(row.media_id ? { photo: { mediaId: row.media_id, deviceId: row.device_id ?? "", impressionSequence: Number(row.impression_sequence ?? 0) } } : {}),
    verificationId: row.verification_id,
    applicationId: row.application_id,
    organisationId: row.organisation_id,
    impressionId: row.impression_id,
    engine: row.engine,
    profile: row.profile,
    outcome: row.outcome,
    seconds: Number(row.seconds),
    createdAt: row.created_at.toISOString(),
    reviews: row.reviews,
    finalVerdict: row.final_verdict as ComparisonVerdict,
  };
}

/** Originals in the service's schema (PGlite embedded, PostgreSQL in a cluster). */
export class SqlOriginalStore implements OriginalStore {
  constructor(private readonly db: SqlDatabase) {}

  async save(original: OriginalDocument, source: OriginalSource = {}): Promise<void> {
    await this.upsert(original.applicationId, original.organisationId, original.pages, null, source);
  }

  async saveUnreadable(unreadable: { applicationId: string; organisationId: string; problem: string }, source: OriginalSource = {}): Promise<void> {
    await this.upsert(unreadable.applicationId, unreadable.organisationId, [], unreadable.problem, source);
  }

  // An application id taken by one organisation is never overwritten by another.
  private async upsert(applicationId: string, organisationId: string, pages: readonly OriginalPage[], problem: string | null, source: OriginalSource): Promise<void> {
    await this.db.query(
      `INSERT INTO original_document (application_id, organisation_id, pages, problem, source_event_id, applicant_user_id) VALUES ($1, $2, $3::jsonb, $4, $5, $6)
       ON CONFLICT (application_id) DO UPDATE SET pages = EXCLUDED.pages, problem = EXCLUDED.problem, source_event_id = EXCLUDED.source_event_id,
         applicant_user_id = EXCLUDED.applicant_user_id, created_at = now()
       WHERE original_document.organisation_id = EXCLUDED.organisation_id`,
      [applicationId, organisationId, JSON.stringify(pages), problem, source.eventId ?? null, source.applicantUserId ?? null],
    );
  }

  async get(applicationId: string): Promise<OriginalDocument | undefined> {
    const rows = await this.db.query<{ organisation_id: string; pages: OriginalPage[] }>("SELECT organisation_id, pages FROM original_document WHERE application_id = $1 AND problem IS NULL", [applicationId]);
    const row = rows[0];
    return row ? { applicationId, organisationId: row.organisation_id, pages: row.pages } : undefined;
  }

  async describe(applicationId: string): Promise<OriginalInfo | undefined> {
    const rows = await this.db.query<{ organisation_id: string; problem: string | null; source_event_id: string | null; applicant_user_id: string | null }>(
      "SELECT organisation_id, problem, source_event_id, applicant_user_id FROM original_document WHERE application_id = $1",
      [applicationId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      applicationId,
      organisationId: row.organisation_id,
      ...(row.applicant_user_id ? { applicantUserId: row.applicant_user_id } : {}),
      ...(row.source_event_id ? { sourceEventId: row.source_event_id } : {}),
      ...(row.problem !== null ? { problem: row.problem } : {}),
    };
  }
}

/**
 * Verdicts in the service's schema. A verdict and its events are one transaction: the events go to the
 * outbox and the relay publishes them (`onCommitted` nudges it).
 */
export class SqlVerdictStore implements VerdictStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly onCommitted: () => void = () => undefined,
  ) {}

  async get(verificationId: string): Promise<Verification | undefined> {
    const rows = await this.db.query<VerificationRow>(`SELECT ${COLUMNS} FROM verification WHERE verification_id = $1`, [verificationId]);
    return rows[0] ? toResult(rows[0]) : undefined;
  }

  async add(result: Verification, announcements: readonly VerificationAnnouncement[]): Promise<Verification> {
    const photo = result.photo;
    const stored = await this.db.transaction(async (tx) => {
      // No conflict target: a second verdict for the same impression or the same media id is ignored alike.
      const inserted = await tx.query(
        `INSERT INTO verification (verification_id, application_id, organisation_id, impression_id, engine, profile, verdict, final_verdict, outcome, seconds, reviews, review_count, created_at,
           media_id, device_id, impression_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8::jsonb, $9, '[]'::jsonb, 0, $10, $11, $12, $13)
         ON CONFLICT DO NOTHING RETURNING verification_id`,
        [
          result.verificationId,
          result.applicationId,
          result.organisationId,
          result.impressionId,
          result.engine,
          result.profile,
          result.outcome.verdict,
          JSON.stringify(result.outcome),
          result.seconds,
          result.createdAt,
          photo?.mediaId ?? null,
          photo?.deviceId ?? null,
          photo ? photo.impressionSequence : null,
        ],
      );
      if (inserted.length === 0) {
        return (await this.byImpression(tx, result.applicationId, result.impressionId)) ?? (photo ? await this.byMedia(tx, photo.mediaId) : undefined) ?? result;
      }
      await appendToOutbox(tx, announcementMessages(announcements));
      return result;
    });
    if (stored === result) this.onCommitted();
    return stored;
  }

  async update(result: Verification, expectedReviews: number, announcements: readonly VerificationAnnouncement[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const updated = await tx.query(
        `UPDATE verification SET reviews = $2::jsonb, review_count = $3, final_verdict = $4
         WHERE verification_id = $1 AND review_count = $5 RETURNING verification_id`,
        [result.verificationId, JSON.stringify(result.reviews), result.reviews.length, result.finalVerdict, expectedReviews],
      );
      if (updated.length === 0) throw failedPrecondition("the verification changed meanwhile; reload and review again");
      await appendToOutbox(tx, announcementMessages(announcements));
    });
    this.onCommitted();
  }

  async findByImpression(applicationId: string, impressionId: string): Promise<Verification | undefined> {
    return this.byImpression(this.db, applicationId, impressionId);
  }

  async findByMedia(mediaId: string): Promise<Verification | undefined> {
    return this.byMedia(this.db, mediaId);
  }

  async listByApplication(organisationId: string, applicationId: string): Promise<Verification[]> {
    const rows = await this.db.query<VerificationRow>(
      `SELECT ${COLUMNS} FROM verification WHERE organisation_id = $1 AND application_id = $2 ORDER BY created_at, verification_id LIMIT 10000`,
      [organisationId, applicationId],
    );
    return rows.map(toResult);
  }

  async listUnreviewed(organisationId: string, verdicts: readonly string[], limit: number): Promise<Verification[]> {
    const rows = await this.db.query<VerificationRow>(
      `SELECT ${COLUMNS} FROM verification WHERE organisation_id = $1 AND review_count = 0 AND final_verdict = ANY($2::text[])
       ORDER BY created_at DESC, verification_id DESC LIMIT $3`,
      [organisationId, [...verdicts], limit],
    );
    return rows.map(toResult);
  }

  private async byImpression(db: SqlExecutor, applicationId: string, impressionId: string): Promise<Verification | undefined> {
    const rows = await db.query<VerificationRow>(`SELECT ${COLUMNS} FROM verification WHERE application_id = $1 AND impression_id = $2`, [applicationId, impressionId]);
    return rows[0] ? toResult(rows[0]) : undefined;
  }

  private async byMedia(db: SqlExecutor, mediaId: string): Promise<Verification | undefined> {
    const rows = await db.query<VerificationRow>(`SELECT ${COLUMNS} FROM verification WHERE media_id = $1`, [mediaId]);
    return rows[0] ? toResult(rows[0]) : undefined;
  }

}

/** Each organisation's chosen threshold profile; the default profile for the others. */
export class SqlThresholdProfileStore implements ThresholdProfileStore {
  constructor(private readonly db: SqlDatabase) {}

  async forOrganisation(organisationId: string): Promise<ThresholdProfile> {
    const rows = await this.db.query<{ profile: string }>("SELECT profile FROM organisation_profile WHERE organisation_id = $1", [organisationId]);
    return (rows[0] && thresholdProfile(rows[0].profile)) ?? DEFAULT_PROFILE;
  }

  async setForOrganisation(organisationId: string, profile: ThresholdProfile): Promise<void> {
    await this.db.query(
      "INSERT INTO organisation_profile (organisation_id, profile) VALUES ($1, $2) ON CONFLICT (organisation_id) DO UPDATE SET profile = EXCLUDED.profile",
      [organisationId, profile.name],
    );
  }
}
