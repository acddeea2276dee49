import { hkdfSync } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { unauthenticated } from "../errors/errors.js";

const ISSUER = "urn:yunxi:device-upload";

/** What a device may upload: photos of the impressions it makes under one authorisation. */
export interface DeviceUploadGrant {
  readonly organisationId: string;
  readonly deviceId: string;
  readonly authorisationId: string;
  readonly applicationId: string;
  readonly expiresAt: Date;
}

export interface DeviceUploadTokens {
  mint(grant: DeviceUploadGrant): Promise<string>;
  /** The grant, or Unauthenticated for anything forged, expired or malformed. */
  verify(token: string): Promise<DeviceUploadGrant>;
}

/**
 * Capabilities that let a device upload its impression photos over HTTP without a user and without a
 * second credential: device-control puts one in every signed `Authorise` command (so only the device the
 * broker authenticated ever receives it), media checks it. HS256 with a key derived from the shared signing
 * secret under its own label, so it can never pass as a user or service token, nor they as it.
 */
export function createDeviceUploadTokens(signingSecret: string): DeviceUploadTokens {
  const key = new Uint8Array(hkdfSync("sha256", Buffer.from(signingSecret, "utf8"), Buffer.from("yunxi-device-upload", "utf8"), "hs256|v1", 32));
  return {
    async mint(grant) {
      return new SignJWT({ org: grant.organisationId, auth: grant.authorisationId, app: grant.applicationId })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(ISSUER)
        .setSubject(grant.deviceId)
        .setIssuedAt()
        .setExpirationTime(Math.floor(grant.expiresAt.getTime() / 1000))
        .sign(key);
    },
    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"], clockTolerance: 5 }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw unauthenticated("device upload token expired", { cause: error });
        throw unauthenticated("device upload token rejected", { cause: error });
      }
      const { sub, org, auth, app, exp } = payload;
      if (typeof sub !== "string" || typeof org !== "string" || typeof auth !== "string" || typeof app !== "string" || exp === undefined) {
        throw unauthenticated("device upload token rejected");
      }
      return { organisationId: org, deviceId: sub, authorisationId: auth, applicationId: app, expiresAt: new Date(exp * 1000) };
    },
  };
}
