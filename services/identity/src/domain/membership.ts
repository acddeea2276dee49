/** One organisation an account belongs to, as the organisation service reports it. */
export interface Membership {
  readonly organisationId: string;
  readonly organisationCode: string;
  readonly organisationName: string;
  readonly roles: readonly string[];
}

/**
 * The organisation a token is scoped to: the requested one (which must be a membership), or the first
 * membership, or none for an account that belongs nowhere. Undefined `requested` means "no preference".
 */
export function chooseMembership(memberships: readonly Membership[], requested: string | undefined): Membership | undefined | "not-a-member" {
  if (requested) return memberships.find((m) => m.organisationId === requested) ?? "not-a-member";
  return memberships[0];
}
