// Original file: proto/yunxi/audit/v1/audit.proto


export interface ExportEvidenceResponse {
  'bundleJson'?: (string);
  'entries'?: (number);
}

export interface ExportEvidenceResponse__Output {
  'bundleJson': (string);
  'entries': (number);
}
