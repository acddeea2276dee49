// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface SequenceGap {
  'fromSequence'?: (string);
  'toSequence'?: (string);
  'detectedAt'?: (string);
}

export interface SequenceGap__Output {
  'fromSequence': (string);
  'toSequence': (string);
  'detectedAt': (string);
}
