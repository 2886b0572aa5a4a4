/**
 * Node.js 17 and later ship OpenSSL 3, whose default provider no longer offers DES (and, in FIPS
 * builds, MD5). net-snmp then fails on every request. Checking once at deploy time lets the
 * config node say so plainly instead of leaving the user with a timeout.
 */
import crypto from "node:crypto";
import type { SessionSettings } from "./settings";

const FIX =
    "start Node-RED with NODE_OPTIONS=--openssl-legacy-provider, or better, switch the device to AES and SHA";

/** A warning text when this Node.js cannot run the chosen v3 protocols; undefined when fine. */
export function checkLegacyCrypto(settings: SessionSettings): string | undefined {
    if (settings.version !== "3") return undefined;
    const problems: string[] = [];
    if (settings.securityLevel !== "noAuthNoPriv" && settings.authProtocol === "md5" && !works(md5)) {
        problems.push("MD5");
    }
    if (settings.securityLevel === "authPriv" && settings.privProtocol === "des" && !works(des)) {
        problems.push("DES");
    }
    if (problems.length === 0) return undefined;
    return `${problems.join(" and ")} ${problems.length > 1 ? "are" : "is"} disabled in this Node.js's OpenSSL (${process.versions.openssl}): ${FIX}`;
}

function md5(): void {
    crypto.createHmac("md5", Buffer.alloc(16)).update("x").digest();
}

function des(): void {
    crypto.createCipheriv("des-cbc", Buffer.alloc(8), Buffer.alloc(8)).final();
}

function works(fn: () => void): boolean {
    try {
        fn();
        return true;
    } catch {
        // Throwing is how OpenSSL says the algorithm is disabled; checkLegacyCrypto names it in its warning.
        return false;
    }
}
