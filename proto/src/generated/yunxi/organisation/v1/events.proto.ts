import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { MemberJoined as _yunxi_organisation_v1_MemberJoined, MemberJoined__Output as _yunxi_organisation_v1_MemberJoined__Output } from './MemberJoined.js';
import type { MemberRolesChanged as _yunxi_organisation_v1_MemberRolesChanged, MemberRolesChanged__Output as _yunxi_organisation_v1_MemberRolesChanged__Output } from './MemberRolesChanged.js';
import type { OrganisationCreated as _yunxi_organisation_v1_OrganisationCreated, OrganisationCreated__Output as _yunxi_organisation_v1_OrganisationCreated__Output } from './OrganisationCreated.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    organisation: {
      v1: {
        MemberJoined: MessageTypeDefinition<_yunxi_organisation_v1_MemberJoined, _yunxi_organisation_v1_MemberJoined__Output>
        MemberRolesChanged: MessageTypeDefinition<_yunxi_organisation_v1_MemberRolesChanged, _yunxi_organisation_v1_MemberRolesChanged__Output>
        OrganisationCreated: MessageTypeDefinition<_yunxi_organisation_v1_OrganisationCreated, _yunxi_organisation_v1_OrganisationCreated__Output>
      }
    }
  }
}

