/** ETSI GS QKD 014 V1.1.1 JSON objects (clause 6). Field names are the spec's, hence the mixed case. */

/** Status (Table 9). */
export interface Etsi014Status {
  source_KME_ID: string;
  target_KME_ID: string;
  master_SAE_ID: string;
  slave_SAE_ID: string;
  key_size: number;
  stored_key_count: number;
  max_key_count: number;
  max_key_per_request: number;
  max_key_size: number;
  min_key_size: number;
  max_SAE_ID_count: number;
  status_extension?: Record<string, unknown>;
}

/** Key request (Table 10). */
export interface Etsi014KeyRequest {
  number?: number;
  size?: number;
  additional_slave_SAE_IDs?: string[];
  extension_mandatory?: Record<string, unknown>[];
  extension_optional?: Record<string, unknown>[];
}

/** Key container (Table 11). */
export interface Etsi014KeyContainer {
  keys: { key_ID: string; key_ID_extension?: Record<string, unknown>; key: string; key_extension?: Record<string, unknown> }[];
  key_container_extension?: Record<string, unknown>;
}

/** Key IDs (Table 12). */
export interface Etsi014KeyIds {
  key_IDs: { key_ID: string; key_ID_extension?: Record<string, unknown> }[];
  key_IDs_extension?: Record<string, unknown>;
}

/** Error (Table 13). */
export interface Etsi014Error {
  message: string;
  details?: Record<string, unknown>[];
}

/** Normative messages of clause 7 (and our exhaustion message, which the spec leaves open). */
export const ETSI014_MESSAGES = {
  sizeMultipleOf8: "size shall be a multiple of 8",
  mandatoryUnsupported: "not all extension_mandatory parameters are supported",
  mandatoryNotMet: "not all extension_mandatory request options could be met",
  optionalNotHandled: "not all extension_optional request options handled",
  keysNotFound: "one or more keys specified are not found on KME",
  exhausted: "keys are being exhausted",
  linkDown: "QKD link is down",
} as const;
