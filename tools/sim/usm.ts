/**
 * SNMPv3 User-based Security Model, agent side: key localisation (RFC 3414 §2.6 and A.2),
 * HMAC authentication (RFC 3414 §6-7, RFC 7860 for the SHA-2 family), DES-CBC privacy
 * (RFC 3414 §8), AES-CFB privacy (RFC 3826) and the two AES-256 key extensions that net-snmp
 * calls `aes256b` (Blumenthal, draft-blumenthal-aes-usm-04 §3.1.2.1) and `aes256r` (Reeder,
 * draft-reeder-snmpv3-usm-3desede-00 §2.1).
 *
 * Built on node:crypto only. DES is disabled in OpenSSL 3 (Node 17+): decryption then fails with
 * ERR_OSSL_EVP_UNSUPPORTED, which the agent reports as a decryption error instead of crashing.
 */
import crypto from "node:crypto";
import type { AuthProtocol, PrivProtocol } from "../../nodes/lib/snmp/settings";

export type { AuthProtocol, PrivProtocol };

interface AuthAlgorithm {
    hash: string;
    keyLength: number;
    /** Truncated HMAC length in the message (RFC 3414: 12; RFC 7860 table in §4.2.2). */
    macLength: number;
}

export const AUTH: Readonly<Record<AuthProtocol, AuthAlgorithm>> = {
    md5: { hash: "md5", keyLength: 16, macLength: 12 },
    sha: { hash: "sha1", keyLength: 20, macLength: 12 },
    sha224: { hash: "sha224", keyLength: 28, macLength: 16 },
    sha256: { hash: "sha256", keyLength: 32, macLength: 24 },
    sha384: { hash: "sha384", keyLength: 48, macLength: 32 },
    sha512: { hash: "sha512", keyLength: 64, macLength: 48 },
};

interface PrivAlgorithm {
    cipher: string;
    keyLength: number;
    extension: "none" | "blumenthal" | "reeder";
}

export const PRIV: Readonly<Record<PrivProtocol, PrivAlgorithm>> = {
    des: { cipher: "des-cbc", keyLength: 8, extension: "none" },
    aes: { cipher: "aes-128-cfb", keyLength: 16, extension: "none" },
    aes256b: { cipher: "aes-256-cfb", keyLength: 32, extension: "blumenthal" },
    aes256r: { cipher: "aes-256-cfb", keyLength: 32, extension: "reeder" },
};

const ONE_MEGABYTE = 1048576;

/**
 * RFC 3414 A.2: hash one megabyte of the repeated password, then localise the result to the
 * engine: Kul = H(Ku || engineID || Ku).
 */
export function localizeKey(auth: AuthProtocol, password: Buffer | string, engineId: Buffer): Buffer {
    const hash = AUTH[auth].hash;
    const pw = typeof password === "string" ? Buffer.from(password, "utf8") : password;
    if (pw.length === 0) throw new Error("an SNMPv3 key cannot be empty");
    const ku = crypto.createHash(hash).update(Buffer.alloc(ONE_MEGABYTE, pw)).digest();
    return crypto.createHash(hash).update(ku).update(engineId).update(ku).digest();
}

/** The encryption key for a privacy protocol, extended to its length when the hash is shorter. */
export function privacyKey(
    priv: PrivProtocol,
    auth: AuthProtocol,
    password: string,
    engineId: Buffer,
): Buffer {
    const alg = PRIV[priv];
    const kul = localizeKey(auth, password, engineId);
    if (kul.length >= alg.keyLength || alg.extension === "none") {
        // DES uses bytes 0-7 as key and 8-15 as pre-IV, so it keeps the whole localised key.
        return priv === "des" ? kul : kul.subarray(0, alg.keyLength);
    }
    const parts = [kul];
    let total = kul.length;
    while (total < alg.keyLength) {
        const next =
            alg.extension === "blumenthal"
                ? // Blumenthal: K(n+1) = H(K1 || ... || Kn)
                  crypto.createHash(AUTH[auth].hash).update(Buffer.concat(parts)).digest()
                : // Reeder: K(n+1) = password-to-key(Kn) localised again
                  localizeKey(auth, parts[parts.length - 1]!, engineId);
        parts.push(next);
        total += next.length;
    }
    return Buffer.concat(parts).subarray(0, alg.keyLength);
}

/** The truncated HMAC of a whole message whose auth parameters are zero-filled. */
function computeDigest(auth: AuthProtocol, key: Buffer, message: Buffer): Buffer {
    const alg = AUTH[auth];
    return crypto.createHmac(alg.hash, key).update(message).digest().subarray(0, alg.macLength);
}

/**
 * Check the digest of a received message: the auth parameters at `offset` are replaced by zeros
 * in a copy, the HMAC recomputed and compared in constant time (RFC 3414 §6.3.2).
 */
export function verifyDigest(
    auth: AuthProtocol,
    key: Buffer,
    message: Buffer,
    offset: number,
    received: Buffer,
): boolean {
    const alg = AUTH[auth];
    if (received.length !== alg.macLength) return false;
    const copy = Buffer.from(message);
    copy.fill(0, offset, offset + alg.macLength);
    return crypto.timingSafeEqual(computeDigest(auth, key, copy), received);
}

/** Sign a message in place: the zero-filled auth parameters at `offset` receive the digest. */
export function signMessage(auth: AuthProtocol, key: Buffer, message: Buffer, offset: number): void {
    computeDigest(auth, key, message).copy(message, offset);
}

function aesIv(engineBoots: number, engineTime: number, salt: Buffer): Buffer {
    // RFC 3826 §3.1.2.1: IV = engineBoots (4) || engineTime (4) || salt (8).
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(engineBoots >>> 0, 0);
    iv.writeUInt32BE(engineTime >>> 0, 4);
    salt.copy(iv, 8, 0, 8);
    return iv;
}

function desIv(key: Buffer, salt: Buffer): Buffer {
    // RFC 3414 §8.1.1.1: IV = pre-IV (bytes 8-15 of the localised key) XOR salt.
    const iv = Buffer.alloc(8);
    for (let i = 0; i < 8; i++) iv[i] = key[8 + i]! ^ salt[i]!;
    return iv;
}

export interface Encrypted {
    ciphertext: Buffer;
    privParams: Buffer;
}

/** Encrypt a scopedPDU. `salt` is the agent's 64-bit counter for this message. */
export function encrypt(
    priv: PrivProtocol,
    key: Buffer,
    engineBoots: number,
    engineTime: number,
    salt: bigint,
    plaintext: Buffer,
): Encrypted {
    const alg = PRIV[priv];
    const saltBytes = Buffer.alloc(8);
    if (priv === "des") {
        // RFC 3414 §8.1.1.1: salt = engineBoots || local 32-bit integer.
        saltBytes.writeUInt32BE(engineBoots >>> 0, 0);
        saltBytes.writeUInt32BE(Number(salt & 0xffffffffn), 4);
        const padded = Buffer.alloc(Math.ceil(plaintext.length / 8) * 8);
        plaintext.copy(padded);
        const cipher = crypto.createCipheriv(alg.cipher, key.subarray(0, 8), desIv(key, saltBytes));
        cipher.setAutoPadding(false);
        return { ciphertext: Buffer.concat([cipher.update(padded), cipher.final()]), privParams: saltBytes };
    }
    saltBytes.writeBigUInt64BE(salt & 0xffffffffffffffffn);
    const cipher = crypto.createCipheriv(alg.cipher, key, aesIv(engineBoots, engineTime, saltBytes));
    return { ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()]), privParams: saltBytes };
}

/** Decrypt a scopedPDU. Throws when the parameters are unusable or the cipher is unavailable. */
export function decrypt(
    priv: PrivProtocol,
    key: Buffer,
    engineBoots: number,
    engineTime: number,
    privParams: Buffer,
    ciphertext: Buffer,
): Buffer {
    const alg = PRIV[priv];
    if (privParams.length !== 8) throw new Error("privacy parameters must be 8 octets");
    if (priv === "des") {
        if (ciphertext.length % 8 !== 0) throw new Error("DES ciphertext is not a multiple of 8 octets");
        const decipher = crypto.createDecipheriv(alg.cipher, key.subarray(0, 8), desIv(key, privParams));
        decipher.setAutoPadding(false);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    }
    const decipher = crypto.createDecipheriv(alg.cipher, key, aesIv(engineBoots, engineTime, privParams));
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** Bytes a ciphertext takes for a plaintext of `length` bytes. */
export function ciphertextLength(priv: PrivProtocol, length: number): number {
    return priv === "des" ? Math.ceil(length / 8) * 8 : length;
}
