// Original file: proto/yunxi/identity/v1/identity.proto


export interface RequestSmsCodeResponse {
  'expiresInSeconds'?: (number);
  'retryAfterSeconds'?: (number);
  'developmentCode'?: (string);
}

export interface RequestSmsCodeResponse__Output {
  'expiresInSeconds': (number);
  'retryAfterSeconds': (number);
  'developmentCode': (string);
}
