// Original file: proto/yunxi/audit/v1/audit.proto


export interface ExportEvidenceRequest {
  'subject'?: (string);
}

export interface ExportEvidenceRequest__Output {
  'subject': (string);
}
