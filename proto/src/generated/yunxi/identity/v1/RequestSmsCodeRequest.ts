// Original file: proto/yunxi/identity/v1/identity.proto


export interface RequestSmsCodeRequest {
  'mobile'?: (string);
}

export interface RequestSmsCodeRequest__Output {
  'mobile': (string);
}
