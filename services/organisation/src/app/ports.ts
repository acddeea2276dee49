import type { BuiltInRole } from "@yunxi/platform";
import type { Alarm, ChannelChanges, NotificationChannel, OutgoingRequest } from "../domain/notification.js";
import type { Department, Member, MembershipOfUser, Organisation, OrganisationChanges } from "../domain/organisation.js";

/** Facts the service announces; the events adapter turns them into protobuf messages on the outbox. */
export type OrganisationEvent =
  | { readonly type: "OrganisationCreated"; readonly organisationId: string; readonly code: string; readonly name: string; readonly founderUserId: string; readonly occurredAt: Date }
  | { readonly type: "MemberJoined"; readonly organisationId: string; readonly userId: string; readonly roles: readonly BuiltInRole[]; readonly occurredAt: Date }
  | {
      readonly type: "MemberRolesChanged";
      readonly organisationId: string;
      readonly userId: string;
      readonly previousRoles: readonly BuiltInRole[];
      readonly roles: readonly BuiltInRole[];
      readonly changedBy: string;
      readonly occurredAt: Date;
    };

/** What a member change decides, computed inside the repository's transaction. */
export interface MemberChange {
  readonly member: Member;
  readonly events: readonly OrganisationEvent[];
}

export interface DepartmentChanges {
  readonly name?: string;
  readonly sortOrder?: number;
}

/**
 * Organisations, departments and memberships. Every write that announces something takes its events and
 * stores them in the same transaction (transactional outbox). Everything below an organisation is
 * looked up by organisation id first, so a caller's organisation scopes each query.
 */
export interface OrganisationRepository {
  /** Stores the organisation, its founder and the events at once; AlreadyExists when the code (any case) is taken. */
  createOrganisation(organisation: Organisation, founder: Member, events: readonly OrganisationEvent[]): Promise<void>;
  findOrganisation(id: string): Promise<Organisation | undefined>;
  /** Case-insensitive. */
  findOrganisationByCode(code: string): Promise<Organisation | undefined>;
  updateOrganisation(id: string, changes: OrganisationChanges): Promise<Organisation | undefined>;

  /** AlreadyExists when the user is a member already. */
  addMember(member: Member, events: readonly OrganisationEvent[]): Promise<void>;
  findMember(organisationId: string, userId: string): Promise<Member | undefined>;
  listMembers(organisationId: string): Promise<Member[]>;
  listMembershipsOfUser(userId: string): Promise<MembershipOfUser[]>;
  /**
   * Reads the member and the organisation's current administrators, lets `decide` compute the change,
   * and stores it with its events — all in one transaction that excludes concurrent member changes of the
   * same organisation, so two administrators demoting each other cannot both succeed.
   * Undefined when there is no such member.
   */
  changeMember(organisationId: string, userId: string, decide: (member: Member, administrators: readonly string[]) => MemberChange): Promise<Member | undefined>;

  /** AlreadyExists when the organisation has a department of that name. */
  createDepartment(department: Department): Promise<void>;
  findDepartment(organisationId: string, id: string): Promise<Department | undefined>;
  listDepartments(organisationId: string): Promise<Department[]>;
  /** AlreadyExists on a name clash; undefined when there is no such department in the organisation. */
  updateDepartment(organisationId: string, id: string, changes: DepartmentChanges): Promise<Department | undefined>;
}

export interface Clock {
  now(): Date;
}

export type DeliveryState = "pending" | "delivered" | "failed";

/** One alarm to one channel: sent by the delivery worker, retried until delivered or given up. */
export interface AlarmDelivery {
  readonly id: string;
  readonly organisationId: string;
  readonly channelId: string;
  readonly alarm: Alarm;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  /** "" when none; never a URL or a secret. */
  readonly lastError: string;
  /** HTTP status of the last answer; 0 when there was none. */
  readonly lastStatus: number;
  readonly createdAt: Date;
  readonly deliveredAt: Date | undefined;
}

/** A claimed delivery with the channel it goes to. */
export interface DueDelivery {
  readonly delivery: AlarmDelivery;
  readonly channel: NotificationChannel;
}

/** What one attempt changed. */
export interface AttemptRecord {
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string;
  readonly lastStatus: number;
  readonly deliveredAt: Date | undefined;
}

/**
 * Notification channels and alarm deliveries of organisations. Channels are always looked up inside one
 * organisation; deliveries are unique per (event id, channel), which is what makes recording an alarm
 * idempotent.
 */
export interface NotificationRepository {
  createChannel(channel: NotificationChannel): Promise<void>;
  findChannel(organisationId: string, id: string): Promise<NotificationChannel | undefined>;
  /** Oldest first. */
  listChannels(organisationId: string): Promise<NotificationChannel[]>;
  /** Undefined when the organisation has no such channel. */
  updateChannel(organisationId: string, id: string, changes: ChannelChanges): Promise<NotificationChannel | undefined>;
  /** Removes the channel and its deliveries; false when the organisation has no such channel. */
  deleteChannel(organisationId: string, id: string): Promise<boolean>;

  /**
   * A pending delivery, due at `now`, for every enabled channel of the alarm's organisation that has none
   * for this event yet; returns how many were created (0 for a redelivered event).
   */
  recordAlarm(alarm: Alarm, now: Date): Promise<number>;
  /**
   * Up to `limit` pending deliveries due at `now`, oldest due first, each moved to `leaseUntil` so no other
   * worker claims it while it is being sent (a crashed worker's claim comes due again then).
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<DueDelivery[]>;
  recordAttempt(id: string, attempt: AttemptRecord): Promise<void>;
  /** Newest first; optionally only one state. */
  listDeliveries(organisationId: string, options: { state?: DeliveryState; limit: number }): Promise<AlarmDelivery[]>;
}

/** What a receiver answered to one POST. */
export interface ReceiverAnswer {
  readonly status: number;
  /** The start of the body (robots answer JSON with errcode), bounded. */
  readonly body: string;
}

/**
 * Sends one prepared request. Throws when no answer came (refused, unreachable, timed out after
 * `timeoutMs`); the error's message names the cause, never the URL.
 */
export interface AlarmSender {
  post(request: OutgoingRequest, timeoutMs: number): Promise<ReceiverAnswer>;
}
