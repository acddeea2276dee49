/** What a device reports (device protocol v1 `DeviceEvent`), decoded. */
export interface DeviceEventInput {
  readonly sequence: bigint;
  readonly deviceTime: Date;
  readonly body: DeviceEventBody;
}

export type AlarmKind = "tamper" | "press_timeout" | "unauthorised_attempt" | "low_battery";
/**
 * Alarms the platform raises on its own, never reported by a device: `authorisation_refused` when an
 * approval names a device the approving organisation does not hold (unknown, another tenant's, revoked).
 */
export type PlatformAlarmKind = "authorisation_refused";
export type LockReason = "count_used_up" | "remote" | "timeout";

export type DeviceEventBody =
  | {
      readonly kind: "impression";
      readonly authorisationId: string;
      readonly applicationId: string;
      readonly userId: string;
      readonly photoRef: string;
    }
  | { readonly kind: "locked"; readonly reason: LockReason }
  | { readonly kind: "alarm"; readonly alarm: AlarmKind; readonly detail: string };

/** The facts device-control announces (each becomes an outbox event). */
export type DeviceControlEvent =
  | {
      readonly type: "impression-recorded";
      readonly deviceId: string;
      readonly organisationId: string;
      readonly sequence: bigint;
      readonly deviceTime: Date;
      readonly authorisationId: string;
      readonly applicationId: string;
      readonly userId: string;
      readonly photoRef: string;
      readonly authorised: boolean;
    }
  | {
      readonly type: "alarm-raised";
      readonly deviceId: string;
      readonly organisationId: string;
      readonly kind: AlarmKind | PlatformAlarmKind;
      readonly detail: string;
      readonly sequence: bigint;
      readonly occurredAt: Date;
    }
  | { readonly type: "device-locked"; readonly deviceId: string; readonly organisationId: string; readonly reason: LockReason; readonly sequence: bigint; readonly deviceTime: Date }
  | { readonly type: "sequence-gap"; readonly deviceId: string; readonly organisationId: string; readonly from: bigint; readonly to: bigint }
  | {
      readonly type: "alarm-acknowledged";
      readonly alarmId: string;
      readonly deviceId: string;
      readonly organisationId: string;
      readonly kind: string;
      readonly acknowledgedBy: string;
      readonly acknowledgedAt: Date;
      readonly note: string;
    };

/** How the store took one device event. */
export interface RecordOutcome {
  /** True when (device, sequence) was stored before: acknowledged again, nothing changed. */
  readonly duplicate: boolean;
  /** For impressions: whether a valid open authorisation covered it. */
  readonly authorised?: boolean;
  readonly gap?: { readonly from: bigint; readonly to: bigint };
}
