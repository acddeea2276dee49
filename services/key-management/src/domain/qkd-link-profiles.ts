/**
 * Secret key rates of real QKD links (bits/s), from published measurements (see docs/key-management.md).
 * The simulator uses them so pool exhaustion behaves as it would on that kind of link.
 */
export const QKD_LINK_PROFILES = {
  /** Lab record, 10 km fibre (Li et al., Nat. Photonics 2023). */
  "lab-10km": 115_800_000,
  /** Toshiba, 2 dB channel, sustained over 4.4 days (Yuan et al., JLT 2018). */
  "toshiba-2dB": 13_720_000,
  /** Toshiba, Tokyo QKD network, 45 km installed fibre, 14.5 dB. */
  "metro-45km-14.5dB": 304_000,
  /** Twin-field QKD at 202 km. */
  "tf-202km": 111_740,
  /** Micius satellite-ground, average per pass. */
  "satellite-pass": 47_800,
  /** Toshiba 2008, 100 km. */
  "100km": 10_100,
} as const satisfies Record<string, number>;

export type QkdLinkProfile = keyof typeof QKD_LINK_PROFILES;

export function isQkdLinkProfile(name: string): name is QkdLinkProfile {
  return Object.hasOwn(QKD_LINK_PROFILES, name);
}
