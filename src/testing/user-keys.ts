import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** An application signing key pair standing in for your backend, from {@link createUserKeySigner}. */
export interface UserKeySigner {
  /** Public key to configure in the fake (the project's Application Signing Key, public half). */
  publicJwk: JWK;
  /**
   * Signs an RS256 user key, as a customer's backend does. `expiresIn` in seconds (default
   * 3600; `null`: no `exp`, which the fake refuses); `issuedAt` and `notBefore` in seconds
   * since the epoch.
   */
  sign(sub: string, options?: UserKeyClaims): Promise<string>;
}

/** The claims {@link UserKeySigner.sign} can set besides `sub`. */
export interface UserKeyClaims {
  expiresIn?: number | null;
  issuedAt?: number;
  notBefore?: number;
}

/** A fresh application signing key pair, for tests and demos. */
export async function createUserKeySigner(): Promise<UserKeySigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    publicJwk: await exportJWK(publicKey),
    async sign(
      sub,
      { expiresIn = 3600, issuedAt = Math.floor(Date.now() / 1000), notBefore } = {},
    ) {
      const jwt = new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuedAt(issuedAt);
      if (expiresIn !== null) jwt.setExpirationTime(issuedAt + expiresIn);
      if (notBefore !== undefined) jwt.setNotBefore(notBefore);
      return jwt.sign(privateKey);
    },
  };
}
