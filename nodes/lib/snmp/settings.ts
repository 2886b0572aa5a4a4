/**
 * How to talk to devices: the `snmp-credentials` config node's properties, checked and put into
 * canonical form. Accepts the spellings a user or a flow is likely to write ("SHA-256", "sha256",
 * "AES-128", "aes", "AES-256 Blumenthal", "v2c", 2) and rejects anything else with a clear error.
 */
import { str } from "../lists";
import { SnmpError } from "./errors";
import type { SnmpVersion } from "./query";

export type SecurityLevel = "noAuthNoPriv" | "authNoPriv" | "authPriv";
export type AuthProtocol = "md5" | "sha" | "sha224" | "sha256" | "sha384" | "sha512";
export type PrivProtocol = "des" | "aes" | "aes256b" | "aes256r";

export interface SessionSettings {
    version: SnmpVersion;
    port: number;
    /** Milliseconds to wait for one answer before retrying. */
    timeout: number;
    retries: number;
    /** Repetitions per column in one GETBULK. */
    maxRepetitions: number;
    /** Row cap per table column. */
    maxRows: number;
    community: string;
    user: string;
    securityLevel: SecurityLevel;
    authProtocol: AuthProtocol;
    authKey: string;
    privProtocol: PrivProtocol;
    privKey: string;
    context: string;
}

export const DEFAULT_SETTINGS: SessionSettings = {
    version: "2c",
    port: 161,
    timeout: 5000,
    retries: 1,
    maxRepetitions: 25,
    maxRows: 10_000,
    community: "public",
    user: "",
    securityLevel: "authPriv",
    authProtocol: "sha256",
    authKey: "",
    privProtocol: "aes",
    privKey: "",
    context: "",
};

/** Labels for the editor and for messages. */
const AUTH_PROTOCOL_LABELS: Record<AuthProtocol, string> = {
    md5: "MD5",
    sha: "SHA",
    sha224: "SHA-224",
    sha256: "SHA-256",
    sha384: "SHA-384",
    sha512: "SHA-512",
};

const PRIV_PROTOCOL_LABELS: Record<PrivProtocol, string> = {
    des: "DES",
    aes: "AES-128",
    aes256b: "AES-256 (Blumenthal)",
    aes256r: "AES-256 (Reeder)",
};

function squash(value: unknown): string {
    return str(value)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "");
}

function parseVersion(value: unknown): SnmpVersion | undefined {
    switch (squash(value)) {
        case "1":
        case "v1":
        case "0":
            return "1";
        case "2":
        case "2c":
        case "v2":
        case "v2c":
            return "2c";
        case "3":
        case "v3":
            return "3";
        default:
            return undefined;
    }
}

function parseSecurityLevel(value: unknown): SecurityLevel | undefined {
    switch (squash(value)) {
        case "noauthnopriv":
        case "noauth":
        case "1":
            return "noAuthNoPriv";
        case "authnopriv":
        case "auth":
        case "2":
            return "authNoPriv";
        case "authpriv":
        case "priv":
        case "3":
            return "authPriv";
        default:
            return undefined;
    }
}

function parseAuthProtocol(value: unknown): AuthProtocol | undefined {
    const s = squash(value).replace(/^hmac/, "");
    switch (s) {
        case "md5":
            return "md5";
        case "sha":
        case "sha1":
            return "sha";
        case "sha224":
        case "sha2224":
            return "sha224";
        case "sha256":
        case "sha2256":
            return "sha256";
        case "sha384":
        case "sha2384":
            return "sha384";
        case "sha512":
        case "sha2512":
            return "sha512";
        default:
            return undefined;
    }
}

function parsePrivProtocol(value: unknown): PrivProtocol | undefined {
    const s = squash(value);
    if (s === "des" || s === "descbc") return "des";
    if (s === "aes" || s === "aes128" || s === "aescfb128" || s === "aes128cfb") return "aes";
    if (s === "aes256" || s === "aes256b" || s.startsWith("aes256blumenthal")) return "aes256b";
    if (s === "aes256r" || s.startsWith("aes256reeder")) return "aes256r";
    return undefined;
}

function int(value: unknown, fallback: number): number {
    if (value === undefined || value === null || value === "") return fallback;
    const n = Number(value);
    return Number.isFinite(n) ? Math.trunc(n) : NaN;
}

export interface SettingsInput {
    version?: unknown;
    port?: unknown;
    timeout?: unknown;
    retries?: unknown;
    maxRepetitions?: unknown;
    maxRows?: unknown;
    securityLevel?: unknown;
    authProtocol?: unknown;
    privProtocol?: unknown;
    context?: unknown;
    community?: unknown;
    user?: unknown;
    authKey?: unknown;
    privKey?: unknown;
}

/**
 * Check and normalise settings. Throws an {@link SnmpError} with code `config` naming the field
 * that is wrong (never its value when the field is a secret).
 */
export function normalizeSettings(input: SettingsInput): SessionSettings {
    const bad = (field: string, why: string): never => {
        throw new SnmpError("config", `invalid SNMP setting "${field}": ${why}`);
    };
    const d = DEFAULT_SETTINGS;
    const version =
        input.version === undefined || input.version === ""
            ? d.version
            : (parseVersion(input.version) ??
              bad("version", `use "1", "2c" or "3" (got "${str(input.version)}")`));
    const port = int(input.port, d.port);
    if (!(port >= 1 && port <= 65535)) bad("port", "must be a number from 1 to 65535");
    const timeout = int(input.timeout, d.timeout);
    if (!(timeout >= 50 && timeout <= 600_000)) bad("timeout", "must be from 50 to 600000 milliseconds");
    const retries = int(input.retries, d.retries);
    if (!(retries >= 0 && retries <= 10)) bad("retries", "must be from 0 to 10");
    const maxRepetitions = int(input.maxRepetitions, d.maxRepetitions);
    if (!(maxRepetitions >= 1 && maxRepetitions <= 1000)) bad("maxRepetitions", "must be from 1 to 1000");
    const maxRows = int(input.maxRows, d.maxRows);
    if (!(maxRows >= 1 && maxRows <= 1_000_000)) bad("maxRows", "must be from 1 to 1000000");

    const text = str;
    const settings: SessionSettings = {
        version,
        port,
        timeout,
        retries,
        maxRepetitions,
        maxRows,
        community: text(input.community) || d.community,
        user: text(input.user),
        securityLevel: d.securityLevel,
        authProtocol: d.authProtocol,
        authKey: text(input.authKey),
        privProtocol: d.privProtocol,
        privKey: text(input.privKey),
        context: text(input.context),
    };
    if (version !== "3") return settings;

    settings.securityLevel =
        input.securityLevel === undefined || input.securityLevel === ""
            ? d.securityLevel
            : (parseSecurityLevel(input.securityLevel) ??
              bad("securityLevel", "use noAuthNoPriv, authNoPriv or authPriv"));
    if (settings.user === "") bad("user", "SNMPv3 needs a user name");
    if (settings.securityLevel !== "noAuthNoPriv") {
        settings.authProtocol =
            input.authProtocol === undefined || input.authProtocol === ""
                ? d.authProtocol
                : (parseAuthProtocol(input.authProtocol) ??
                  bad("authProtocol", "use MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512"));
        if (settings.authKey.length < 8)
            bad("authKey", "the authentication key must be at least 8 characters");
    }
    if (settings.securityLevel === "authPriv") {
        settings.privProtocol =
            input.privProtocol === undefined || input.privProtocol === ""
                ? d.privProtocol
                : (parsePrivProtocol(input.privProtocol) ??
                  bad("privProtocol", "use DES, AES-128, AES-256B or AES-256R"));
        if (settings.privKey.length < 8) bad("privKey", "the privacy key must be at least 8 characters");
    }
    return settings;
}

/** A one-line description for logs and status: never includes a secret. */
export function describeSettings(s: SessionSettings): string {
    if (s.version !== "3") return `SNMPv${s.version}`;
    const parts = [`SNMPv3 user "${s.user}"`, s.securityLevel];
    if (s.securityLevel !== "noAuthNoPriv") parts.push(AUTH_PROTOCOL_LABELS[s.authProtocol]);
    if (s.securityLevel === "authPriv") parts.push(PRIV_PROTOCOL_LABELS[s.privProtocol]);
    if (s.context) parts.push(`context "${s.context}"`);
    return parts.join(", ");
}
