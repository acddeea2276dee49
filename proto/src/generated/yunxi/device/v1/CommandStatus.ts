// Original file: proto/yunxi/device/v1/device.proto

export const CommandStatus = {
  COMMAND_STATUS_UNSPECIFIED: 'COMMAND_STATUS_UNSPECIFIED',
  COMMAND_STATUS_ACCEPTED: 'COMMAND_STATUS_ACCEPTED',
  COMMAND_STATUS_DUPLICATE: 'COMMAND_STATUS_DUPLICATE',
  COMMAND_STATUS_REFUSED: 'COMMAND_STATUS_REFUSED',
} as const;

export type CommandStatus =
  | 'COMMAND_STATUS_UNSPECIFIED'
  | 0
  | 'COMMAND_STATUS_ACCEPTED'
  | 1
  | 'COMMAND_STATUS_DUPLICATE'
  | 2
  | 'COMMAND_STATUS_REFUSED'
  | 3

export type CommandStatus__Output = typeof CommandStatus[keyof typeof CommandStatus]
