// Original file: proto/yunxi/identity/v1/identity.proto


export interface LoginRequest {
  'mobile'?: (string);
  'password'?: (string);
  'organisationId'?: (string);
  'clientIp'?: (string);
}

export interface LoginRequest__Output {
  'mobile': (string);
  'password': (string);
  'organisationId': (string);
  'clientIp': (string);
}
